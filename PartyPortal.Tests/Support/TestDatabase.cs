using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;

namespace PartyPortal.Tests.Support;

/// <summary>
/// A real database brought to the current schema by the real migrations, deleted afterwards: a SQLite file in the
/// temp folder, or a database of its own on the PostgreSQL server the run names (<see cref="TestServers"/>). No
/// in-memory provider: the tests see what the portal sees.
/// </summary>
public sealed class TestDatabase : IDbContextFactory<PortalDbContext>, IAsyncDisposable
{
    private TestDatabase(PortalConnection connection, string path)
    {
        Connection = connection;
        Path = path;
    }

    public PortalConnection Connection { get; }

    public string ConnectionString => Connection.ConnectionString;

    /// <summary>The SQLite file; on PostgreSQL, the database's name.</summary>
    public string Path { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        if (TestServers.OnPostgreSql)
        {
            var name = $"pp_{Guid.NewGuid():N}";
            return new TestDatabase(TestServers.CreatePostgreSqlDatabase(name), name);
        }

        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "partyportal-tests");
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, $"{Guid.NewGuid():N}.db");
        var db = new TestDatabase(
            new PortalConnection(DatabaseProvider.Sqlite, PortalDatabase.ResolveConnectionString($"Data Source={path};Pooling=False", System.IO.Path.GetTempPath())),
            path);
        await using var context = db.CreateDbContext();
        await context.Database.MigrateAsync();
        return db;
    }

    public PortalDbContext CreateDbContext() => PortalDatabase.CreateContext(Connection);

    /// <summary>The sequence of the last change record committed; 0 when there is none.</summary>
    public async Task<long> LatestChangeSequenceAsync(CancellationToken ct)
    {
        await using var db = CreateDbContext();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.MaxAsync(db.ChangeRecords, c => (long?)c.Sequence, ct) ?? 0;
    }

    /// <summary>A context that also runs <paramref name="interceptors"/> (a test counting or watching commands).</summary>
    public PortalDbContext CreateDbContext(params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDatabase.Configure(options, Connection);
        options.AddInterceptors(interceptors);
        return PortalDatabase.CreateContext(Connection, options.Options);
    }

    public ValueTask DisposeAsync()
    {
        if (!Connection.IsSqlite)
        {
            TestServers.DropPostgreSqlDatabase(Path);
            return ValueTask.CompletedTask;
        }

        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(Path + suffix);
        }

        return ValueTask.CompletedTask;
    }
}
