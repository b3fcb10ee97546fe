namespace PartyPortal.Features;

/// <summary>
/// What a feature service's write returns: done (with the id), field errors in zh-CN keyed by the field's
/// camelCase name (the form shows each beside its field, the API names them in a problem), not found, or a
/// conflict (the record changed since the editor read it).
/// </summary>
public sealed record WriteResult(IReadOnlyDictionary<string, string> Errors, int? Id = null, bool NotFound = false, bool Conflict = false)
{
    public bool Succeeded => Errors.Count == 0 && !NotFound && !Conflict;

    public static WriteResult Invalid(Dictionary<string, string> errors) => new(errors);

    public static WriteResult Done(int id) => new(new Dictionary<string, string>(), id);

    public static WriteResult Missing { get; } = new(new Dictionary<string, string>(), NotFound: true);

    public static WriteResult Stale { get; } = new(new Dictionary<string, string>(), Conflict: true);
}
