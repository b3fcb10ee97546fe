using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using PartyPortal.Data;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;

namespace PartyPortal.LoadDriver;

/// <summary>
/// <c>cold &lt;portal.db&gt;</c>: what the live engine pays to read a period it has not cached, on a bureau's database as
/// the portal left it (start the portal once on a data folder, stop it, point this at its file). For the current
/// quarter, the one before and the year: the whole read of every unit's counts, then the snapshots of the root and of
/// each of its children built from it; then re-reading one branch and its members, which is what one secretary's write
/// costs each cached period. The first read of the run includes JIT compilation and is shown apart. The read's CPU time
/// is shown beside its wall time: on a shared machine the wall time says as much about the neighbours as about the read.
/// </summary>
internal static class ColdSnapshot
{
    public static async Task<int> RunAsync(string databasePath, int repeats)
    {
        if (!File.Exists(databasePath))
        {
            Console.Error.WriteLine($"no database at {databasePath}");
            return 2;
        }

        var options = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDatabase.Configure(options, $"Data Source={databasePath};Mode=ReadOnly");
        var factory = new PooledDbContextFactory<PortalDbContext>(options.Options);
        var reader = new MetricFactsReader(factory);
        var today = new BureauClock(TimeProvider.System, BureauClock.FindZone(null)).Today;
        await using (var db = await factory.CreateDbContextAsync())
        {
            LoadDriverProgram.Line($"database: {new FileInfo(databasePath).Length / (1 << 20)} MiB, {await db.OrgUnits.CountAsync()} units "
                + $"({await db.OrgUnits.CountAsync(u => u.Type == OrgUnitType.Branch)} branches), {await db.Members.CountAsync()} members, "
                + $"{await db.Activities.CountAsync()} activities, {await db.Attendance.CountAsync()} attendance rows; today {today:yyyy-MM-dd}");
        }

        var quarter = Period.Containing(today, PeriodKind.Quarter);
        var periods = new[] { quarter, Period.Containing(quarter.Start.AddDays(-1), PeriodKind.Quarter), Period.OfYear(today.Year) };
        var first = true;
        Console.WriteLine();
        Console.WriteLine("| period | read all units (ms): first / median / min | its CPU (ms, both cores): median | snapshots of root + children (ms): median | re-read one branch (ms): median / min |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var period in periods)
        {
            var reads = new List<double>();
            var cpus = new List<double>();
            var builds = new List<double>();
            var rereads = new List<double>();
            double? jit = null;
            var snapshotCount = 0;
            for (var i = 0; i < repeats + (first ? 1 : 0); i++)
            {
                var started = Stopwatch.GetTimestamp();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var facts = await reader.ReadAllAsync(period, today);
                var read = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var readCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
                started = Stopwatch.GetTimestamp();
                var root = facts.Units.Single(u => u.ParentId is null);
                var built = facts.ChildrenOf(root.Id).Prepend(root).Select(u => MetricsSnapshot.Build(facts, u, DateTimeOffset.UtcNow)).Count();
                var build = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

                // One write's share: a branch and the members on its roll, as a change record names them.
                var branch = facts.Units.Where(u => u.IsBranch && u.ClosedOn is null).ElementAt(facts.Units.Count(u => u.IsBranch) / 2);
                List<int> members;
                await using (var db = await factory.CreateDbContextAsync())
                {
                    members = await db.MemberAssignments.Where(a => a.OrgUnitId == branch.Id && a.To == null).Select(a => a.MemberId).ToListAsync();
                }

                started = Stopwatch.GetTimestamp();
                await reader.RereadAsync(facts, [branch.Id], members, today);
                var reread = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (first)
                {
                    jit = read;
                    first = false;
                    continue;
                }

                reads.Add(read);
                cpus.Add(readCpu);
                snapshotCount = built;
                builds.Add(build);
                rereads.Add(reread);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {period} | {(jit is { } j ? $"{j:F0} (with JIT)" : "–")} / {Median(reads):F0} / {reads.Min():F0} | {Median(cpus):F0} | {Median(builds):F1} ({snapshotCount} snapshots) | {Median(rereads):F1} / {rereads.Min():F1} |"));
        }

        // What a whole-bureau 看板 reads for the lists under its tiles, once per snapshot however many pages show it.
        Console.WriteLine();
        Console.WriteLine("| period | the root's member facts (ms): median / min | members listed | the root's branch facts (ms): median / min |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var period in periods)
        {
            List<int> all;
            await using (var db = await factory.CreateDbContextAsync())
            {
                all = await db.OrgUnits.Select(u => u.Id).ToListAsync();
            }

            var members = new List<double>();
            var branches = new List<double>();
            var listed = 0;
            for (var i = 0; i < repeats; i++)
            {
                var started = Stopwatch.GetTimestamp();
                listed = (await reader.ReadMembersAsync(period, today, all)).Members.Count;
                members.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                started = Stopwatch.GetTimestamp();
                await reader.ReadBranchesAsync(period, today, all);
                branches.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {period} | {Median(members):F0} / {members.Min():F0} | {listed} | {Median(branches):F0} / {branches.Min():F0} |"));
        }

        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
    }
}
