using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Live;

/// <summary>
/// Keeps the outbox's sequence numbers in commit order on PostgreSQL. The engine (and every other node) reads change
/// records after the last sequence it applied; SQLite has one writer at a time, so a sequence is always committed
/// before any higher one. PostgreSQL commits concurrent transactions in any order: one taking 41 could commit after
/// one taking 42 was read, and 41 would never be applied. So a save that writes change records first takes a
/// transaction-scoped advisory lock, held to its commit or rollback: writes that change figures take their numbers and
/// commit one at a time, as on SQLite, while reads and writes that change no figure are not held back.
/// </summary>
internal sealed class OutboxOrder : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public static readonly OutboxOrder Instance = new();

    /// <summary>The advisory lock's key: any fixed number the portal alone uses ("PPOUTBOX" in ASCII).</summary>
    private const long LockKey = 0x50504F5554424F58;

    private static readonly string TakeLock = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"SELECT pg_advisory_xact_lock({LockKey})");

    public async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        // Inside a transaction begun earlier (a service's explicit one): lock now, before the records are inserted.
        if (eventData.Context is PortalDbContext db && db.Database.CurrentTransaction is { } tx && WritesChangeRecords(db))
        {
            await LockAsync(tx.GetDbTransaction(), cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is PortalDbContext db && db.Database.CurrentTransaction is { } tx && WritesChangeRecords(db))
        {
            Lock(tx.GetDbTransaction());
        }

        return result;
    }

    // SaveChanges without an explicit transaction begins its own (PostgreSqlPortalDbContext asks for one always):
    // lock as it begins, before its first insert.
    public async ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is PortalDbContext db && WritesChangeRecords(db))
        {
            await LockAsync(result, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        if (eventData.Context is PortalDbContext db && WritesChangeRecords(db))
        {
            Lock(result);
        }

        return result;
    }

    private static bool WritesChangeRecords(PortalDbContext db) =>
        db.ChangeTracker.Entries<ChangeRecord>().Any(e => e.State == EntityState.Added);

    private static async Task LockAsync(DbTransaction tx, CancellationToken ct)
    {
        var command = tx.Connection!.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = tx;
            command.CommandText = TakeLock;
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    private static void Lock(DbTransaction tx)
    {
        using var command = tx.Connection!.CreateCommand();
        command.Transaction = tx;
        command.CommandText = TakeLock;
        command.ExecuteNonQuery();
    }
}
