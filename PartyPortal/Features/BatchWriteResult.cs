namespace PartyPortal.Features;

/// <summary>
/// What a batch write (an import) returns: for each input, its field errors (empty when that input is valid), and
/// whether the batch was written — all of it in one transaction, or nothing when any input failed.
/// </summary>
public sealed record BatchWriteResult(IReadOnlyList<IReadOnlyDictionary<string, string>> Errors, IReadOnlyList<int> Ids)
{
    public bool Written => Ids.Count > 0;

    public static BatchWriteResult Refused(IReadOnlyList<IReadOnlyDictionary<string, string>> errors) => new(errors, []);
}
