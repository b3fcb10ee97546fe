using Microsoft.AspNetCore.Http.HttpResults;
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

/// <summary>
/// The API's answers to a refused write of a versioned record (activities, rectification items), in that record's
/// words: 404 when there is no such record in the caller's scope, 412 when If-Match names an older version, else the
/// service's field errors as a validation problem.
/// </summary>
internal sealed record VersionedRecordProblems(string NotFoundTitle, string StaleTitle)
{
    public const string InvalidTitle = "提交的数据有误";

    public ProblemHttpResult NotFound() => TypedResults.Problem(title: NotFoundTitle, statusCode: StatusCodes.Status404NotFound);

    public ProblemHttpResult Stale() =>
        TypedResults.Problem(title: StaleTitle, detail: "If-Match 中的 ETag 与当前的版本不一致。", statusCode: StatusCodes.Status412PreconditionFailed);

    public IResult Failure(bool notFound, bool conflict, IReadOnlyDictionary<string, string> errors) =>
        notFound ? NotFound()
        : conflict ? Stale()
        : TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => new[] { e.Value }), title: InvalidTitle);
}
