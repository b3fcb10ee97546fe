using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Live;

/// <summary>Reads the change records (<see cref="ChangeRecord"/>) in order, and clears those older than needed.</summary>
public sealed class ChangeOutbox(IDbContextFactory<PortalDbContext> dbFactory)
{
    /// <summary>The sequence of the newest change record; 0 when there is none.</summary>
    public async Task<long> LatestAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ChangeRecords.MaxAsync(c => (long?)c.Sequence, ct) ?? 0;
    }

    /// <summary>Up to <paramref name="max"/> change records after <paramref name="after"/>, oldest first.</summary>
    public async Task<IReadOnlyList<ChangeRecord>> ReadAfterAsync(long after, int max, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ChangeRecords.AsNoTracking().Where(c => c.Sequence > after).OrderBy(c => c.Sequence).Take(max).ToListAsync(ct);
    }

    /// <summary>Deletes records older than <paramref name="before"/> and already applied; the newest always stays.</summary>
    public async Task<int> PruneAsync(DateTimeOffset before, long applied, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var newest = await db.ChangeRecords.MaxAsync(c => (long?)c.Sequence, ct) ?? 0;
        return await db.ChangeRecords.Where(c => c.At < before && c.Sequence <= applied && c.Sequence < newest).ExecuteDeleteAsync(ct);
    }
}
