using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;

namespace PartyPortal.Live.Metrics;

/// <summary>
/// One read of the ledger made of several parts, and whether the parts saw one state of it. Spread over connections,
/// the parts run at once, each in its own read transaction that first notes the newest change record: every write
/// that moves a figure adds one in its own transaction, so parts that noted the same one saw the same ledger. Kept
/// to one connection, the parts take turns in one transaction and always agree. Given a context (<paramref name="within"/>),
/// the parts take turns on it, in whatever transaction its owner holds: the owner's uncommitted rows are read too.
/// </summary>
internal sealed class LedgerRead(IDbContextFactory<PortalDbContext>? dbFactory, bool spread, PortalDbContext? within = null) : IAsyncDisposable
{
    private readonly ConcurrentBag<long> seen = [];
    private readonly List<(PortalDbContext Db, DbTransaction Tx)> opened = [];
    private readonly SemaphoreSlim turn = new(1, 1);
    private PortalDbContext? shared = within;

    /// <summary>True when every part saw the ledger as of the same change record.</summary>
    public bool SawOneState => seen.Distinct().Take(2).Count() <= 1;

    public async Task<T> RunAsync<T>(Func<PortalDbContext, Task<T>> part, CancellationToken ct)
    {
        if (spread)
        {
            // Its own pool thread: Microsoft.Data.Sqlite runs async calls synchronously, so without one the parts a
            // caller starts "at once" ran one after another on the caller's thread.
            return await Task.Run(async () =>
            {
                var (db, tx) = await BeginAsync(ct);
                await using (db)
                await using (tx)
                {
                    return await part(db);
                }
            }, ct).ConfigureAwait(false);
        }

        await turn.WaitAsync(ct);
        try
        {
            shared ??= await BeginSharedAsync(ct);
            return await part(shared);
        }
        finally
        {
            turn.Release();
        }
    }

    public Task RunAsync(Func<PortalDbContext, Task> part, CancellationToken ct) =>
        RunAsync(async db =>
        {
            await part(db);
            return true;
        }, ct);

    public async ValueTask DisposeAsync()
    {
        foreach (var (db, tx) in opened)
        {
            await tx.DisposeAsync();
            await db.DisposeAsync();
        }

        turn.Dispose();
    }

    private async Task<PortalDbContext> BeginSharedAsync(CancellationToken ct)
    {
        var begun = await BeginAsync(ct);
        opened.Add(begun);
        return begun.Db;
    }

    private async Task<(PortalDbContext Db, DbTransaction Tx)> BeginAsync(CancellationToken ct)
    {
        var db = await dbFactory!.CreateDbContextAsync(ct);
        try
        {
            await db.Database.OpenConnectionAsync(ct);
            var connection = db.Database.GetDbConnection();

            // SQLite's plain BEGIN in this driver is IMMEDIATE, which would queue a reader behind every writer; a
            // deferred one takes its snapshot at the first read and never blocks a write. Elsewhere, repeatable read
            // is what holds one snapshot for the whole transaction.
            DbTransaction tx = connection is SqliteConnection sqlite
                ? sqlite.BeginTransaction(deferred: true)
                : await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            await db.Database.UseTransactionAsync(tx, ct);
            seen.Add(await db.ChangeRecords.MaxAsync(c => (long?)c.Sequence, ct) ?? 0);
            return (db, tx);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }
}
