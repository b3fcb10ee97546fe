using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Data;

public class MigrationTests
{
    [Fact]
    public async Task MigrationsApplyToAnEmptyFileAndMatchTheModel()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateDbContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes that no migration captures: run `dotnet ef migrations add`.");
        Assert.Equal(0, await db.Activities.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TheDatabaseRunsInWriteAheadLogMode()
    {
        Assert.SkipWhen(TestServers.OnPostgreSql, "SQLite's journal mode and busy timeout: PostgreSQL has neither setting");
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateDbContext();
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();

        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        command.CommandText = "PRAGMA busy_timeout;";
        Assert.Equal(10000L, (long?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AConnectionOpenedAgainFromThePoolKeepsItsSettings()
    {
        // The settings are made once per SQLite connection, not at every open: the portal's pool hands the same
        // connection to query after query, and it must still wait for a busy writer and sync as set.
        Assert.SkipWhen(TestServers.OnPostgreSql, "SQLite's per-connection settings: PostgreSQL has none of them");
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync();
        var pooled = new PortalConnection(DatabaseProvider.Sqlite, $"Data Source={database.Path};Pooling=True");
        SQLitePCL.sqlite3? first = null;
        try
        {
            for (var open = 0; open < 3; open++)
            {
                await using var db = PortalDatabase.CreateContext(pooled);
                await db.Database.OpenConnectionAsync(ct);
                var connection = (SqliteConnection)db.Database.GetDbConnection();
                first ??= connection.Handle;
                Assert.Same(first, connection.Handle);
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA busy_timeout;";
                Assert.Equal(10000L, (long?)await command.ExecuteScalarAsync(ct));
                command.CommandText = "PRAGMA synchronous;";
                Assert.Equal(1L, (long?)await command.ExecuteScalarAsync(ct)); // NORMAL
            }
        }
        finally
        {
            using var same = new SqliteConnection(pooled.ConnectionString);
            SqliteConnection.ClearPool(same);
        }
    }

    [Fact]
    public void ARelativeDataSourceIsPlacedUnderTheContentRootAndItsFolderCreated()
    {
        var root = Path.Combine(Path.GetTempPath(), "partyportal-tests", Guid.NewGuid().ToString("N"));

        var resolved = PortalDatabase.ResolveConnectionString("Data Source=App_Data/portal.db", root);

        Assert.Contains(Path.Combine(root, "App_Data", "portal.db"), resolved, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(root, "App_Data")));
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task InstantsAreOrderedAndFilteredByInstantWhateverTheirOffset()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ct = TestContext.Current.CancellationToken;
        await using (var db = database.CreateDbContext())
        {
            // 07:00 in Shanghai is 23:00 UTC the day before: earlier than 23:30 UTC.
            db.AuditEntries.Add(new PartyPortal.Model.AuditEntry { At = new DateTimeOffset(2024, 3, 31, 23, 30, 0, TimeSpan.Zero), UserName = "b", Action = "x", EntityType = "t" });
            db.AuditEntries.Add(new PartyPortal.Model.AuditEntry { At = new DateTimeOffset(2024, 4, 1, 7, 0, 0, TimeSpan.FromHours(8)), UserName = "a", Action = "x", EntityType = "t" });
            await db.SaveChangesAsync(ct);
        }

        await using (var db = database.CreateDbContext())
        {
            Assert.Equal(["a", "b"], await db.AuditEntries.OrderBy(e => e.At).Select(e => e.UserName).ToListAsync(ct));
            var cut = new DateTimeOffset(2024, 3, 31, 23, 15, 0, TimeSpan.Zero);
            Assert.Equal(["b"], await db.AuditEntries.Where(e => e.At > cut).Select(e => e.UserName).ToListAsync(ct));
        }
    }
}
