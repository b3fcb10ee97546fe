using Microsoft.EntityFrameworkCore;

namespace PartyPortal.Data;

/// <summary>
/// The portal's one model on PostgreSQL. A type of its own only so that PostgreSQL's migrations (Data/Migrations/PostgreSql)
/// are a set apart from SQLite's, as EF advises for several providers; every feature still asks for a
/// <see cref="PortalDbContext"/>, and <see cref="PortalContextFactory"/> hands out this one when the provider is PostgreSQL.
/// </summary>
public sealed class PostgreSqlPortalDbContext : PortalDbContext
{
    public PostgreSqlPortalDbContext(DbContextOptions<PortalDbContext> options)
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

/// <summary>The factory every feature is given: the context type that matches the configured provider.</summary>
public sealed class PortalContextFactory(PortalConnection connection, DbContextOptions<PortalDbContext> options) : IDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext() => PortalDatabase.CreateContext(connection, options);
}
