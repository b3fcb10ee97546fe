using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PartyPortal.Data;

namespace PartyPortal.Tests.Support;

/// <summary>
/// The same test database, with every command the portal sends counted by its text: a test can see how often a
/// read really reaches SQLite (e.g. the member drill-down per snapshot).
/// </summary>
public sealed class CountingDatabase(TestDatabase database) : IDbContextFactory<PortalDbContext>
{
    private readonly Counter counter = new();

    /// <summary>Commands sent so far whose text contains <paramref name="fragment"/> (a table name, say).</summary>
    public int Commands(string fragment) => counter.Texts.Count(t => t.Contains(fragment, StringComparison.Ordinal));

    public PortalDbContext CreateDbContext() => database.CreateDbContext(counter);

    private sealed class Counter : DbCommandInterceptor
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Texts { get; } = new();

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Texts.Enqueue(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Texts.Enqueue(command.CommandText);
            return base.ReaderExecuting(command, eventData, result);
        }
    }
}
