using System.Globalization;

namespace PartyPortal.LoadDriver;

/// <summary>
/// The CPU time and resident memory of the driver's other children: the Playwright driver and the chromium it starts
/// (browser, renderers, GPU and network services). Read from procfs; all zero elsewhere. On a 2-core machine the
/// browser competes with the portal, so its share is reported beside the portal's.
/// </summary>
internal sealed record ProcessTree(TimeSpan Cpu, long Rss, int Processes)
{
    // USER_HZ: 100 on every Linux the driver runs on (sysconf(_SC_CLK_TCK) is not exposed to .NET).
    private const double TicksPerSecond = 100;

    /// <summary>The descendants of this process, leaving out <paramref name="excluded"/> (the portal) and its own.</summary>
    public static ProcessTree OfDescendants(int excluded)
    {
        if (!Directory.Exists("/proc"))
        {
            return new ProcessTree(TimeSpan.Zero, 0, 0);
        }

        var stats = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                // The command name may hold spaces and parentheses: the fields that follow start after the last ')'.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                stats[pid] = (int.Parse(fields[1], CultureInfo.InvariantCulture),
                    long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // It exited while being read.
            }
        }

        var mine = new HashSet<int> { Environment.ProcessId };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (pid, (parent, _)) in stats)
            {
                if (pid != excluded && !mine.Contains(pid) && mine.Contains(parent))
                {
                    grew = mine.Add(pid);
                }
            }
        }

        mine.Remove(Environment.ProcessId);
        long ticks = 0;
        long rss = 0;
        foreach (var pid in mine)
        {
            ticks += stats[pid].Ticks;
            rss += RssOf(pid);
        }

        return new ProcessTree(TimeSpan.FromSeconds(ticks / TicksPerSecond), rss, mine.Count);
    }

    private static long RssOf(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
