using Microsoft.Net.Http.Headers;

namespace PartyPortal.Features;

/// <summary>
/// The API's one reading of an If-Match header (activities, rectification items): "*" (any current version), or the
/// strong ETags that are versions of ours. A weak or foreign tag never matches (RFC 9110 compares If-Match strongly).
/// </summary>
internal sealed class IfMatch
{
    private bool any;
    private readonly List<Guid> versions = [];

    /// <summary>Whether the current version must be read to decide (for "*" or several tags).</summary>
    public bool NeedsCurrent => any || versions.Count > 1;

    /// <summary>Null when the request has no If-Match header.</summary>
    public static IfMatch? Read(HttpRequest request)
    {
        if (request.Headers.IfMatch.Count == 0)
        {
            return null;
        }

        var ifMatch = new IfMatch();
        foreach (var tag in request.GetTypedHeaders().IfMatch)
        {
            if (tag.Equals(EntityTagHeaderValue.Any))
            {
                ifMatch.any = true;
            }
            else if (!tag.IsWeak && Guid.TryParseExact(tag.Tag.Value?.Trim('"'), "D", out var version))
            {
                ifMatch.versions.Add(version);
            }
        }

        return ifMatch;
    }

    /// <summary>
    /// The version to hand to the service; null when no tag can match (or, when the current version had to
    /// be read, when there is no such record).
    /// </summary>
    public async Task<Guid?> ExpectedVersionAsync(Func<Task<Guid?>> current)
    {
        if (!NeedsCurrent)
        {
            return versions.Count == 1 ? versions[0] : null;
        }

        if (await current() is not { } now)
        {
            return null;
        }

        // No tag matches: hand the service one of them, and it answers that the version is stale.
        return any || versions.Contains(now) ? now : versions[0];
    }
}
