using System.Globalization;

namespace PartyPortal.LoadDriver;

/// <summary>The command line: <c>--subscribers 1000 --rate 2 --seconds 60</c> and the rest (see <see cref="Usage"/>).</summary>
internal sealed record DriverOptions
{
    public int Subscribers { get; init; } = 100;
    public double Rate { get; init; } = 2;
    public int Seconds { get; init; } = 60;

    /// <summary>Percent of subscribers on the whole bureau, on the county committee, on the branch written to.</summary>
    public (int Root, int County, int Branch) Split { get; init; } = (80, 10, 10);

    public string Kind { get; init; } = "themed-party-day";
    public int Attendees { get; init; } = 5;
    public int ConnectParallelism { get; init; } = 32;

    /// <summary>
    /// The driver's own (the clients') minimum pool threads; 0 leaves the runtime's. The portal runs in its own
    /// process with the minimum its build sets.
    /// </summary>
    public int MinThreads { get; init; }

    public int GraceSeconds { get; init; } = 15;

    /// <summary>Seconds with every connection open and no writes, to measure the portal's CPU at rest; 0 skips it.</summary>
    public int IdleSeconds { get; init; } = 5;

    /// <summary>Writes before the measured ones, so that the first compilations of every path are not measured.</summary>
    public int Warmup { get; init; } = 3;

    /// <summary>Portal settings passed through, e.g. <c>--set LiveMetrics:CoalesceMilliseconds=0</c>.</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    /// <summary>The portal's PartyPortal.dll; null: the portal project's build output of the driver's configuration.</summary>
    public string? Portal { get; init; }

    /// <summary>The demo bureau's size (<c>DemoData:Scale</c>); null leaves the portal's default.</summary>
    public string? Scale { get; init; }

    /// <summary>
    /// A SQLite file the portal has already seeded (e.g. <c>demo --scale province</c>), copied for the run: the
    /// portal starts on it without seeding, so its memory is not the seeding's. Null: a fresh file, seeded on start.
    /// </summary>
    public string? Database { get; init; }

    /// <summary>How long the portal may take to migrate, seed the demo bureau and answer /healthz.</summary>
    public int StartupMinutes { get; init; } = 15;

    /// <summary>Blazor dashboards (issue 11): whole-bureau 看板 pages, each its own circuit, in one headless chromium.</summary>
    public int Dashboards { get; init; }

    /// <summary>What holds the dashboards: <c>chromium</c> pages, or bare Blazor <c>circuits</c> (no browser's memory and CPU).</summary>
    public string DashboardClient { get; init; } = "chromium";

    /// <summary>Dashboard pages opened at once: each one's first render costs the portal a snapshot, a trend and a circuit.</summary>
    public int OpenParallelism { get; init; } = 4;

    /// <summary>Chromium's --renderer-process-limit; 0 leaves chromium's own (one renderer per page, memory permitting).</summary>
    public int RendererProcesses { get; init; }

    /// <summary>A PostgreSQL server (a connection string without Database); null: each portal on its own SQLite file.</summary>
    public string? PostgreSql { get; init; }

    /// <summary>Portal nodes on the one PostgreSQL database; subscribers are spread over them, the writer uses the first.</summary>
    public int Nodes { get; init; } = 1;

    /// <summary>The Redis server joining the nodes (<c>ConnectionStrings:Redis</c>).</summary>
    public string? Redis { get; init; }

    public int PlannedWrites => Math.Max(1, (int)Math.Round(Rate * Seconds));

    public int TotalWrites => Warmup + PlannedWrites;

    public const string Usage = """
        PartyPortal.LoadDriver: end-to-end latency of the live metrics, from a write's 201 to each hub subscriber.
        The portal runs as a child process; the driver holds the clients and the writer.
          --subscribers N         hub connections (default 100)
          --rate R                activities written per second (default 2)
          --seconds S             how long to write (default 60)
          --split A,B,C           percent of subscribers on the bureau, the county committee, the branch (default 80,10,10)
          --kind CODE             activity kind written (default themed-party-day)
          --attendees N           members marked present on each write (default 5)
          --connect-parallelism N connections opened at once (default 32)
          --min-threads N         ThreadPool.SetMinThreads of the driver (the clients), not of the portal (default: the runtime's)
          --grace-seconds S       how long to wait for late deliveries after the last write (default 15)
          --warmup N              writes before the measured ones, not counted (default 3)
          --idle-seconds S        the portal's CPU at rest (connections open, after it settles), before the writes (default 5; 0 skips)
          --set KEY=VALUE         a portal setting, e.g. LiveMetrics:CoalesceMilliseconds=20 (repeatable; passed as KEY__SUB=VALUE)
          --scale NAME            the demo bureau: municipal or province (passed as DemoData:Scale; default: the portal's)
          --portal PATH           the portal's PartyPortal.dll (default: the portal project's build of this configuration)
          --database FILE         start the portal on a copy of this seeded SQLite file instead of seeding a new one
                                  (the seeding's memory then stays out of the portal's RSS; a checkpointed file)
          --startup-minutes M     how long the portal may take to seed and answer /healthz (default 15)
          --dashboards N          N whole-bureau 看板 pages (Blazor circuits) in one headless chromium, besides the hub
                                  subscribers (default 0); also measures the portal's managed heap per open circuit
          --dashboard-client C    chromium (pages in headless chromium, the default) or circuits (Blazor circuits opened
                                  by the driver itself, as blazor.web.js opens them, without a browser: for hundreds)
          --open-parallelism N    dashboard pages opened at once (default 4)
          --renderer-processes N  chromium's renderer process limit (default: chromium's own)
          --postgresql CONN       run on this PostgreSQL server (a connection string without Database): the driver creates
                                  a database, runs `migrate` (the demo bureau) once, and drops it at the end
          --nodes N               portal nodes on that database (default 1); hub subscribers are spread over them in
                                  turn, the writer writes to the first; needs --postgresql and --redis
          --redis HOST:PORT       the Redis server joining the nodes (ConnectionStrings:Redis)
        """;

    public static DriverOptions Parse(IReadOnlyList<string> args)
    {
        var o = new DriverOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                throw new ArgumentException(Usage);
            }

            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.\n{Usage}");
            o = name switch
            {
                "--subscribers" => o with { Subscribers = Int(name, value, 0) },
                "--rate" => o with { Rate = double.Parse(value, CultureInfo.InvariantCulture) is > 0 and var r ? r : throw new ArgumentException("--rate must be > 0.") },
                "--seconds" => o with { Seconds = Int(name, value, 1) },
                "--split" => o with { Split = ParseSplit(value) },
                "--kind" => o with { Kind = value },
                "--attendees" => o with { Attendees = Int(name, value, 0) },
                "--connect-parallelism" => o with { ConnectParallelism = Int(name, value, 1) },
                "--min-threads" => o with { MinThreads = Int(name, value, 0) },
                "--grace-seconds" => o with { GraceSeconds = Int(name, value, 0) },
                "--warmup" => o with { Warmup = Int(name, value, 0) },
                "--idle-seconds" => o with { IdleSeconds = Int(name, value, 0) },
                "--scale" => o with { Scale = value is "municipal" or "province" ? value : throw new ArgumentException("--scale is municipal or province.") },
                "--portal" => o with { Portal = value },
                "--database" => o with { Database = File.Exists(value) ? Path.GetFullPath(value) : throw new ArgumentException($"--database: no file {value}.") },
                "--startup-minutes" => o with { StartupMinutes = Int(name, value, 1) },
                "--dashboards" => o with { Dashboards = Int(name, value, 0) },
                "--dashboard-client" => o with { DashboardClient = value is "chromium" or "circuits" ? value : throw new ArgumentException("--dashboard-client is chromium or circuits.") },
                "--open-parallelism" => o with { OpenParallelism = Int(name, value, 1) },
                "--renderer-processes" => o with { RendererProcesses = Int(name, value, 0) },
                "--postgresql" => o with { PostgreSql = value },
                "--nodes" => o with { Nodes = Int(name, value, 1) },
                "--redis" => o with { Redis = value },
                "--set" => o with { Settings = new(o.Settings) { [Key(value)] = value[(value.IndexOf('=', StringComparison.Ordinal) + 1)..] } },
                _ => throw new ArgumentException($"Unknown option {name}.\n{Usage}"),
            };
        }

        return o.Nodes > 1 && (o.PostgreSql is null || o.Redis is null)
            ? throw new ArgumentException("--nodes above 1 needs --postgresql and --redis: the nodes share one database and hear each other's writes through Redis.")
            : o;
    }

    private static int Int(string name, string value, int min) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min
            ? n
            : throw new ArgumentException($"{name} must be a whole number ≥ {min}.");

    private static (int, int, int) ParseSplit(string value)
    {
        var parts = value.Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return parts is [var a, var b, var c] && a >= 0 && b >= 0 && c >= 0 && a + b + c > 0
            ? (a, b, c)
            : throw new ArgumentException("--split is three non-negative percentages, e.g. 80,10,10.");
    }

    private static string Key(string setting) =>
        setting.IndexOf('=', StringComparison.Ordinal) is > 0 and var at ? setting[..at] : throw new ArgumentException("--set needs KEY=VALUE.");
}
