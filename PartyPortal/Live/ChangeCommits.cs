using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PartyPortal.Data;

namespace PartyPortal.Live;

/// <summary>
/// Rings a context's <see cref="ChangeBus"/> once the change records it holds are committed: when its transaction
/// commits, or when a save without an explicit transaction has completed. Never before: a ring before the commit
/// would send the engine to read what it cannot see yet.
/// </summary>
internal sealed class ChangeCommits : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public static readonly ChangeCommits Instance = new();

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Committed(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Failed(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context, inTransaction: true);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context, inTransaction: true);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => RolledBack(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        RolledBack(eventData.Context);
        return Task.CompletedTask;
    }

    private static void Committed(DbContext? context, bool inTransaction = false)
    {
        // A save inside an explicit transaction is not committed yet: its transaction's commit rings.
        if (context is PortalDbContext db && (inTransaction || db.Database.CurrentTransaction is null))
        {
            ChangeBus.ChangeCommitted(db);
        }
    }

    private static void Failed(DbContext? context)
    {
        if (context is PortalDbContext db && db.Database.CurrentTransaction is null)
        {
            ChangeBus.ChangeRolledBack(db);
        }
    }

    private static void RolledBack(DbContext? context)
    {
        if (context is PortalDbContext db)
        {
            ChangeBus.ChangeRolledBack(db);
        }
    }
}
