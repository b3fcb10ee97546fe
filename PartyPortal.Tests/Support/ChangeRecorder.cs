using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;
using PartyPortal.Live;

namespace PartyPortal.Tests.Support;

/// <summary>
/// What writes recorded as changed: the change records (the outbox) saved since the recorder was made, read from the
/// database, as the metrics engine reads them. They commit with the write, so they are there when it returns.
/// </summary>
public sealed class ChangeRecorder
{
    private readonly IDbContextFactory<PortalDbContext> database;
    private readonly long baseline;

    public ChangeRecorder(IDbContextFactory<PortalDbContext> database)
    {
        ArgumentNullException.ThrowIfNull(database);
        this.database = database;
        using var db = database.CreateDbContext();
        baseline = db.ChangeRecords.Max(c => (long?)c.Sequence) ?? 0;
    }

    public IReadOnlyList<DataChanged> Seen
    {
        get
        {
            using var db = database.CreateDbContext();
            return [.. db.ChangeRecords.AsNoTracking().Where(c => c.Sequence > baseline).OrderBy(c => c.Sequence).AsEnumerable().Select(DataChanged.From)];
        }
    }

    /// <summary>The one change recorded.</summary>
    public Task<DataChanged> SingleAsync() => Task.FromResult(Assert.Single(Seen));
}
