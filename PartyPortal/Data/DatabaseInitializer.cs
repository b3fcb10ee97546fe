using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartyPortal.Data.DemoData;
using PartyPortal.Model;

namespace PartyPortal.Data;

public sealed class DemoDataOptions
{
    public const string Section = "DemoData";

    /// <summary>
    /// Seed a realistic demo bureau, and the demo accounts, into an empty database at start. Off unless asked for:
    /// appsettings.Development.json (the profile <c>dotnet run</c> uses) turns it on; a real install never has it.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>The same seed gives the same bureau, names, ledger and ratings.</summary>
    public int Seed { get; set; } = 20230630;

    /// <summary>A municipal bureau (the default) or a provincial one, twenty times larger, for measuring at scale.</summary>
    public DemoScale Scale { get; set; } = DemoScale.Municipal;
}

/// <summary>The bureau's names for a real install, until PartyOffice edits them in the portal.</summary>
public sealed class BureauOptions
{
    public const string Section = "Bureau";

    public string ProvinceName { get; set; } = "";
    public string CityName { get; set; } = "";
    public string DistrictName { get; set; } = "";
    public string TimeZoneId { get; set; } = BureauClock.DefaultTimeZoneId;

    /// <summary>Nothing is dated before January 1 of this year; periods run from it to next year.</summary>
    public int FoundedYear { get; set; } = BureauClock.DefaultFoundedYear;
}

/// <summary>
/// Brings the database to the current schema with the real migrations, then makes sure the settings row
/// and the activity-kind catalogue exist (every install), then the demo bureau (demo mode, empty database).
/// </summary>
public sealed partial class DatabaseInitializer(
    IDbContextFactory<PortalDbContext> dbFactory,
    IOptions<DemoDataOptions> demo,
    IOptions<BureauOptions> bureau,
    BureauClock clock,
    ILogger<DatabaseInitializer> logger,
    DemoLedgerRates? rates = null)
{
    /// <summary><c>dotnet run --project PartyPortal -- migrate</c>: <see cref="InitializeAsync"/>, then exit.</summary>
    public const string MigrateCommand = "migrate";

    /// <summary>
    /// Whether a start migrates (and seeds) as <c>migrate</c> does: by default on SQLite, the single node, and not on
    /// PostgreSQL, where several nodes may start at once; a single node on PostgreSQL may set it to true.
    /// </summary>
    public const string MigrateAtStartSetting = "Database:MigrateAtStart";

    public static bool MigratesAtStart(IConfiguration configuration, PortalConnection connection)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(connection);
        return configuration.GetValue<bool?>(MigrateAtStartSetting) ?? connection.IsSqlite;
    }

    /// <summary>
    /// A node on a shared database does not migrate it (two nodes starting at once would race): it refuses to start
    /// on a schema older than its code, and says which command brings it up to date.
    /// </summary>
    public async Task EnsureCurrentAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database lacks {pending.Count} migration(s) ({pending[^1]} the newest): run `dotnet run --project PartyPortal -- {MigrateCommand}` (or `PartyPortal {MigrateCommand}`) once, then start the nodes.");
        }
    }

    /// <param name="seedDemo">False for a command such as create-admin: it must never turn an install into a demo.</param>
    public async Task InitializeAsync(bool seedDemo = true, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);

        if (!await db.BureauSettings.AnyAsync(ct))
        {
            var b = bureau.Value;
            var city = string.IsNullOrWhiteSpace(b.CityName) ? "××市" : b.CityName;
            db.BureauSettings.Add(new BureauSettings
            {
                BureauName = $"国家税务总局{city}税务局",
                CommitteeName = $"中共国家税务总局{city}税务局委员会",
                ProvinceName = b.ProvinceName,
                CityName = b.CityName,
                DistrictName = b.DistrictName,
            });
            await db.SaveChangesAsync(ct);
        }

        var added = await ActivityKindCatalogue.EnsureSeededAsync(db, ct);
        if (added > 0)
        {
            LogCatalogue(added);
        }

        var seeded = false;
        if (seedDemo && demo.Value.Enabled)
        {
            var watch = Stopwatch.StartNew();
            seeded = await DemoDataSeeder.SeedIfEmptyAsync(db, demo.Value.Seed, clock.Today, demo.Value.Scale, rates, ct);
            if (seeded)
            {
                LogDemo(demo.Value.Scale, demo.Value.Seed, watch.Elapsed.TotalSeconds);
            }
        }

        // SQLite's planner needs table statistics to start a few members' re-read from their attendance rows rather than
        // from every activity of the period (3 ms against 40 ms at a province). A bulk seed changes them wholesale: a
        // full ANALYZE; otherwise the cheap PRAGMA optimize, which analyses only tables whose size has moved.
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync(seeded ? "ANALYZE" : "PRAGMA optimize=0x10002", ct);
        }
        else if (seeded)
        {
            // PostgreSQL's autovacuum analyses in time; after a bulk seed the planner should not wait for it.
            await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Activity-kind catalogue: added {Count} kinds")]
    private partial void LogCatalogue(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo bureau ({Scale}) seeded from seed {Seed} in {Seconds:F1} s")]
    private partial void LogDemo(DemoScale scale, int seed, double seconds);
}
