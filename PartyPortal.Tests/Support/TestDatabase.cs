using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;

namespace PartyPortal.Tests.Support;

/// <summary>
/// A real SQLite file in the temp folder, brought to the current schema by the real migrations,
/// deleted afterwards. No in-memory provider: the tests see what the portal sees.
/// </summary>
public sealed class TestDatabase : IDbContextFactory<PortalDbContext>, IAsyncDisposable
{
    private TestDatabase(string path)
    {
        Path = path;
        ConnectionString = PortalDatabase.ResolveConnectionString($"Data Source={path};Pooling=False", System.IO.Path.GetTempPath());
    }

    public string Path { get; }
    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "partyportal-tests");
        Directory.CreateDirectory(folder);
        var db = new TestDatabase(System.IO.Path.Combine(folder, $"{Guid.NewGuid():N}.db"));
        await using var context = db.CreateDbContext();
        await context.Database.MigrateAsync();
        return db;
    }

    public PortalDbContext CreateDbContext()
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDatabase.Configure(options, ConnectionString);
        return new PortalDbContext(options.Options);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(Path + suffix);
        }

        return ValueTask.CompletedTask;
    }
}
