using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PartyPortal.Data;

/// <summary>Lets `dotnet ef migrations add` build the SQLite model without starting the app.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args) =>
        PortalDatabase.CreateContext(new PortalConnection(DatabaseProvider.Sqlite, "Data Source=design-time.db"));
}

/// <summary>
/// The same for PostgreSQL's migrations set: `dotnet ef migrations add Name --context PostgreSqlPortalDbContext
/// --output-dir Data/Migrations/PostgreSql`. No server is contacted to add a migration.
/// </summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlPortalDbContext>
{
    public PostgreSqlPortalDbContext CreateDbContext(string[] args) =>
        (PostgreSqlPortalDbContext)PortalDatabase.CreateContext(new PortalConnection(DatabaseProvider.PostgreSQL, "Host=localhost;Database=design_time"));
}
