using Npgsql;
using PartyPortal.Data;

namespace PartyPortal.Tests.Support;

/// <summary>
/// Which database engine the tests run on: SQLite files by default; a real PostgreSQL server when the environment
/// variable <c>PORTAL_TEST_POSTGRESQL</c> holds a connection string to it (no Database: each test gets its own).
/// <c>.ci/run</c> runs the suite once each way. Every PostgreSQL database is a copy of one template migrated by the
/// real PostgreSQL migrations once per test process, so a test pays for a copy (tens of milliseconds), not a migration.
/// </summary>
public static class TestServers
{
    public const string Variable = "PORTAL_TEST_POSTGRESQL";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly string Template = $"pp_template_{Environment.ProcessId}_{DateTime.UtcNow:HHmmss}";
    private static bool templateReady;

    public static string? PostgreSqlServer => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } server ? server : null;

    public static bool OnPostgreSql => PostgreSqlServer is not null;

    /// <summary>A new, migrated, empty database on the PostgreSQL server, named <paramref name="name"/>.</summary>
    public static PortalConnection CreatePostgreSqlDatabase(string name)
    {
        Gate.Wait();
        try
        {
            if (!templateReady)
            {
                Execute($"CREATE DATABASE \"{Template}\"");
                using (var db = PortalDatabase.CreateContext(Connection(Template)))
                {
                    Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.Migrate(db.Database);
                }

                // CREATE DATABASE … TEMPLATE needs nobody connected to the template.
                NpgsqlConnection.ClearAllPools();
                templateReady = true;
            }

            Execute($"CREATE DATABASE \"{name}\" TEMPLATE \"{Template}\"");
            return Connection(name);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A new database with nothing in it, not even the migrations' history: what an operator creates.</summary>
    public static PortalConnection CreateEmptyPostgreSqlDatabase(string name)
    {
        Execute($"CREATE DATABASE \"{name}\"");
        return Connection(name);
    }

    /// <summary>Drops a test's database, closing what is still connected to it.</summary>
    public static void DropPostgreSqlDatabase(string name)
    {
        NpgsqlConnection.ClearAllPools();
        Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    public static PortalConnection Connection(string database) =>
        new(DatabaseProvider.PostgreSQL, new NpgsqlConnectionStringBuilder(PostgreSqlServer) { Database = database }.ConnectionString);

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgreSqlServer) { Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
