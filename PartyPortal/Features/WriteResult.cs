namespace PartyPortal.Features;

/// <summary>
/// What a feature service's write returns: done (with the id), field errors in zh-CN keyed by the field's
/// camelCase name (the form shows each beside its field, the API names them in a problem), or not found.
/// </summary>
public sealed record WriteResult(IReadOnlyDictionary<string, string> Errors, int? Id = null, bool NotFound = false)
{
    public bool Succeeded => Errors.Count == 0 && !NotFound;

    public static WriteResult Invalid(Dictionary<string, string> errors) => new(errors);

    public static WriteResult Done(int id) => new(new Dictionary<string, string>(), id);

    public static WriteResult Missing { get; } = new(new Dictionary<string, string>(), NotFound: true);
}
