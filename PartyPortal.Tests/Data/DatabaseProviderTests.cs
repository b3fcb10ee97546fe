using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Data;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Data;

/// <summary>
/// The provider chosen by settings (issue 15): one model with a migrations set per provider, the settings refused by
/// name when wrong, the outbox's sequence kept in commit order on either engine, and on PostgreSQL the migrate command
/// a multi-node install runs once before its nodes, which refuse an older schema.
/// </summary>
public class DatabaseProviderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=model-check.db")]
    [InlineData(DatabaseProvider.PostgreSQL, "Host=localhost;Database=model_check")]
    public void EachProvidersMigrationsDescribeTheWholeModel(DatabaseProvider provider, string connectionString)
    {
        // No server is needed to compare the model with the provider's last migration snapshot.
        using var db = PortalDatabase.CreateContext(new PortalConnection(provider, connectionString));

        Assert.False(db.Database.HasPendingModelChanges(), $"{provider}: the model has changed since its last migration; add one to Data/Migrations{(provider == DatabaseProvider.PostgreSQL ? "/PostgreSql" : "")}.");
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.Equal(provider == DatabaseProvider.PostgreSQL, db is PostgreSqlPortalDbContext);
    }

    [Fact]
    public void TheProviderIsReadFromSettingsAndAWrongOneIsRefusedByName()
    {
        Assert.Equal(DatabaseProvider.Sqlite, PortalDatabase.ParseProvider(null));
        Assert.Equal(DatabaseProvider.PostgreSQL, PortalDatabase.ParseProvider(" postgresql "));
        var wrong = Assert.Throws<InvalidOperationException>(() => PortalDatabase.ParseProvider("Oracle"));
        Assert.Contains("Database:Provider 'Oracle'", wrong.Message, StringComparison.Ordinal);

        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = "PostgreSQL" }).Build();
        var missing = Assert.Throws<InvalidOperationException>(() => PortalDatabase.Resolve(settings, Path.GetTempPath()));
        Assert.Contains("ConnectionStrings:Portal", missing.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The factory every feature is given hands out contexts from a pool, of the provider's type, and a context comes
    /// back reset: nothing left tracked from its last use, and its settings as its constructor made them (PostgreSQL's
    /// saves always run in a transaction, which the outbox's order depends on). No server is needed for either.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=pool-check.db", AutoTransactionBehavior.WhenNeeded)]
    [InlineData(DatabaseProvider.PostgreSQL, "Host=localhost;Database=pool_check", AutoTransactionBehavior.Always)]
    public void TheFactoryHandsOutPooledContextsOfTheProvidersTypeResetBetweenUses(DatabaseProvider provider, string connectionString, AutoTransactionBehavior made)
    {
        var connection = new PortalConnection(provider, connectionString);
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDatabase.Configure(options, connection);
        var factory = new PortalContextFactory(connection, options.Options);

        PortalDbContext used;
        using (var db = factory.CreateDbContext())
        {
            used = db;
            Assert.Equal(made, db.Database.AutoTransactionBehavior);
            db.ChangeRecords.Add(Record("never saved"));
            db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        }

        using var again = factory.CreateDbContext();
        Assert.Same(used, again);
        Assert.Equal(provider == DatabaseProvider.PostgreSQL, again is PostgreSqlPortalDbContext);
        Assert.Empty(again.ChangeTracker.Entries());
        Assert.Equal(made, again.Database.AutoTransactionBehavior);
    }

    /// <summary>
    /// Only the factory's contexts are pooled; a scope's own context (Identity's stores, the account re-check) is made
    /// fresh. Every open 看板's hub connection holds its scope, and a pooled context would come to it fully set up
    /// (about 20 KB per open page, found by a heap dump at 100 pages).
    /// </summary>
    [Fact]
    public async Task TheFactorysContextsArePooledAndAScopesOwnContextIsMadeFresh()
    {
        await using var portal = new PortalFactory(demoData: false);
        var factory = portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        PortalDbContext pooled;
        await using (var db = await factory.CreateDbContextAsync(Ct))
        {
            pooled = db;
            await db.OrgUnits.CountAsync(Ct);
        }

        await using (var again = await factory.CreateDbContextAsync(Ct))
        {
            Assert.Same(pooled, again);
        }

        PortalDbContext first;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            first = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            await first.OrgUnits.CountAsync(Ct);
        }

        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var second = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            Assert.NotSame(first, second);
            Assert.NotSame(pooled, second);
        }
    }

    /// <summary>
    /// The engine reads change records after the last sequence it applied. A change record's sequence taken by one
    /// writer and committed after a higher one would be skipped for good; so a second writer of change records waits
    /// for the first's commit. SQLite's one writer does that by itself; on PostgreSQL this failed before the outbox's
    /// advisory lock (the second save returned at once, with the higher number, while the first was still open).
    /// </summary>
    [Fact]
    public async Task ASecondWritersChangeRecordWaitsForTheFirstsCommitSoSequencesCommitInOrder()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var first = database.CreateDbContext();
        await using var transaction = await first.Database.BeginTransactionAsync(Ct);
        var earlier = Record("first");
        first.ChangeRecords.Add(earlier);
        await first.SaveChangesAsync(Ct);

        await using var second = database.CreateDbContext();
        var later = Record("second");
        second.ChangeRecords.Add(later);
        // On a thread of its own: SQLite's "async" save blocks its caller while it waits for the lock.
        var secondSave = Task.Run(() => second.SaveChangesAsync(Ct), Ct);
        var finishedFirst = await Task.WhenAny(secondSave, Task.Delay(TimeSpan.FromMilliseconds(700), Ct));

        Assert.NotSame(secondSave, finishedFirst);
        await transaction.CommitAsync(Ct);
        await secondSave;
        Assert.True(later.Sequence > earlier.Sequence, $"{later.Sequence} after {earlier.Sequence}");
    }

    /// <summary>
    /// <c>migrate</c> as an operator runs it before the nodes of a multi-node install (in Development, so with the demo):
    /// a separate process on an empty PostgreSQL database, which it migrates and seeds once. A node started on a
    /// database without the migrations refuses, saying what to run.
    /// </summary>
    [Fact]
    public async Task MigrateBringsASharedDatabaseUpAndANodeRefusesOneWithoutIt()
    {
        Assert.SkipUnless(TestServers.OnPostgreSql, "needs the PostgreSQL server of the PostgreSQL pass (PORTAL_TEST_POSTGRESQL)");
        var migrated = $"pp_migrate_{Guid.NewGuid():N}";
        var bare = $"pp_bare_{Guid.NewGuid():N}";
        try
        {
            var (code, output) = await RunPortalAsync(TestServers.CreateEmptyPostgreSqlDatabase(migrated), DatabaseInitializer.MigrateCommand);
            Assert.True(code == 0, output);
            await using (var db = PortalDatabase.CreateContext(TestServers.Connection(migrated)))
            {
                Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
                Assert.True(await db.OrgUnits.CountAsync(Ct) > 100);
                Assert.True(await db.Users.AnyAsync(u => u.UserName == "leader", Ct));
            }

            (code, output) = await RunPortalAsync(TestServers.CreateEmptyPostgreSqlDatabase(bare), "--urls", "http://127.0.0.1:0");
            Assert.NotEqual(0, code);
            Assert.Contains($"-- {DatabaseInitializer.MigrateCommand}", output, StringComparison.Ordinal);
        }
        finally
        {
            TestServers.DropPostgreSqlDatabase(migrated);
            TestServers.DropPostgreSqlDatabase(bare);
        }
    }

    /// <summary>
    /// A scope is a path prefix (<c>Path.StartsWith(scope)</c>, sent as <c>LIKE $1</c> with '/1/2/%'). Under the
    /// database's default collation (C.UTF-8 here) PostgreSQL can only read the whole path index and filter it; under
    /// the C collation the path column has, the prefix is a range of the index.
    /// </summary>
    [Fact]
    public async Task APathPrefixIsARangeOfThePathIndexOnPostgreSql()
    {
        Assert.SkipUnless(TestServers.OnPostgreSql, "a PostgreSQL plan");
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateDbContext();
        await db.Database.OpenConnectionAsync(Ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        // An empty table would be scanned whatever the indexes: ask whether the index can answer at all.
        await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off", Ct);
        command.CommandText = "EXPLAIN SELECT \"Id\" FROM \"OrgUnits\" WHERE \"Path\" LIKE $1";
        var parameter = command.CreateParameter();
        parameter.Value = "/1/2/%";
        command.Parameters.Add(parameter);
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                plan.Add(reader.GetString(0));
            }
        }

        Assert.True(plan.Any(l => l.Contains("Index Cond", StringComparison.Ordinal) && l.Contains(">= '/1/2/'", StringComparison.Ordinal)), string.Join("\n", plan));
    }

    private static ChangeRecord Record(string what) => new() { What = what, At = DateTimeOffset.UtcNow, Units = "1" };

    private static async Task<(int Code, string Output)> RunPortalAsync(PortalConnection connection, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PartyPortal.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Database__Provider"] = "PostgreSQL";
        start.Environment["ConnectionStrings__Portal"] = connection.ConnectionString;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var errors = process.StandardError.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output + await errors);
    }
}
