using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace PartyPortal.Data;

/// <summary>
/// The portal's one model on PostgreSQL. A type of its own only so that PostgreSQL's migrations (Data/Migrations/PostgreSql)
/// are a set apart from SQLite's, as EF advises for several providers; every feature still asks for a
/// <see cref="PortalDbContext"/>, and <see cref="PortalContextFactory"/> hands out this one when the provider is PostgreSQL.
/// </summary>
public sealed class PostgreSqlPortalDbContext : PortalDbContext
{
    // Options of any context type: the pool builds this type from a copy of the portal's (PortalContextFactory).
    public PostgreSqlPortalDbContext(DbContextOptions options)
        : base(options)
    {
        // A save of one statement would otherwise run without a transaction, and Live.OutboxOrder takes its lock when
        // a save's transaction begins.
        Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // A scope is its path and everything under it: Path.StartsWith(scope) is LIKE '/1/5/%', which PostgreSQL
        // answers from the B-tree index only under the C collation (a path is ASCII digits and slashes, ordered alike).
        builder.Entity<Model.OrgUnit>().Property(u => u.Path).UseCollation("C");
    }
}

/// <summary>
/// The factory every feature is given: the context type that matches the configured provider, from EF's pool. A
/// pooled context keeps its internal services and is reset between uses; a new one built them again, and an API
/// write uses four or five contexts (the token's account, the checks and save, the read-back, the outbox read).
/// </summary>
public sealed class PortalContextFactory : IDbContextFactory<PortalDbContext>
{
    /// <summary>
    /// Contexts kept for reuse; more than this in use at once are made and dropped as before. EF's default (1,024)
    /// would keep for good as many as the busiest moment ever used. Sixteen sustained more API writes than 64
    /// (465 and 472/s against 432/s, warm, in turns; docs/benchmarks.md).
    /// </summary>
    public const int PoolSize = 16;

    private readonly Func<PortalDbContext> create;

    public PortalContextFactory(PortalConnection connection, DbContextOptions<PortalDbContext> options)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        if (connection.IsSqlite)
        {
            create = new PooledDbContextFactory<PortalDbContext>(options, PoolSize).CreateDbContext;
        }
        else
        {
            // The same options (provider, interceptors, the portal's logging), typed for PostgreSQL's context.
            var typed = new DbContextOptions<PostgreSqlPortalDbContext>(options.Extensions.ToDictionary(e => e.GetType()));
            create = new PooledDbContextFactory<PostgreSqlPortalDbContext>(typed, PoolSize).CreateDbContext;
        }
    }

    public PortalDbContext CreateDbContext() => create();
}
