using System.Globalization;
using static PartyPortal.LoadDriver.LoadDriverProgram;

namespace PartyPortal.LoadDriver;

/// <summary>What a run prints: the latencies, the portal's and the clients' resources, one Markdown table row.</summary>
internal sealed partial class Run
{
    public void Report()
    {
        var connected = subscribers.Count - connectFailures;
        var measured = attempts.Where(a => !a.Warmup && a.Rank >= 0).ToList();
        var hasRecorded = recordedAt.Count > 0;
        var latency = new List<double>();
        var fromSend = new List<double>();
        var createdToComputed = new List<double>();
        var fanOut = new List<double>();
        var recordedToComputed = new List<double>();
        var recordedToReceipt = new List<double>();
        var byKind = Enum.GetValues<ScopeKind>().ToDictionary(k => k, _ => new List<double>());
        var byNode = nodes.Select(_ => new List<double>()).ToArray();
        long delivered = 0;
        var early = 0;
        foreach (var s in subscribers)
        {
            foreach (var w in measured)
            {
                var at = s.ReceivedAt(w.Rank);
                if (at == 0)
                {
                    continue;
                }

                delivered++;
                var ms = Ms(at - w.Created);
                early += ms < 0 ? 1 : 0;
                latency.Add(ms);
                byKind[s.Kind].Add(ms);
                byNode[s.Node].Add(ms);
                fromSend.Add(Ms(at - w.Sent));
                var computed = new DateTimeOffset(s.ComputedAt(w.Rank), TimeSpan.Zero);
                createdToComputed.Add((computed - Wall(w.Created)).TotalMilliseconds);
                fanOut.Add((Wall(at) - computed).TotalMilliseconds);
                if (hasRecorded)
                {
                    recordedToComputed.Add((computed - recordedAt[w.Rank]).TotalMilliseconds);
                    recordedToReceipt.Add((Wall(at) - recordedAt[w.Rank]).TotalMilliseconds);
                }
            }
        }

        var expected = (long)connected * measured.Count;
        var all = new Distribution(latency);
        var committed = new Distribution(recordedToReceipt);
        var engine = new Distribution(recordedToComputed);
        var seconds = drained.TotalSeconds;
        var portalCpu = portalAfter.Cpu - portalBefore.Cpu;
        var clientsCpu = clientsAfter.Cpu - clientsBefore.Cpu;

        Console.WriteLine();
        Line("=== results ===");
        Line($"writes: {measured.Count}/{options.PlannedWrites} created (201) after {options.Warmup} warm-up, {failures} failed; "
            + $"{measured.Count / writePhase.TotalSeconds:F2}/s, last 201 at {writePhase.TotalSeconds:F1} s; up to {maxInFlight} requests in flight at once");
        Line($"POST /api/v1/activities round trip (driver's clock):  {new Distribution(measured.Select(w => Ms(w.Created - w.Sent))).Summary()}");
        if (hasRecorded)
        {
            Line($"  send → change recorded (auth, validate, save):     {new Distribution(measured.Select(w => (recordedAt[w.Rank] - Wall(w.Sent)).TotalMilliseconds)).Summary()}");
            Line($"  change recorded → 201 (commit, read back, respond): {new Distribution(measured.Select(w => (Wall(w.Created) - recordedAt[w.Rank]).TotalMilliseconds)).Summary()}");
        }

        Line($"deliveries: {delivered}/{expected} (subscriber, write) pairs seen ({Pct(delivered, expected)}); "
            + $"{subscribers.Sum(s => s.Advancing)} count-advancing messages, {subscribers.Sum(s => s.Other)} repeating the count (the one on subscribing, or a recompute that found no newer write), "
            + $"{subscribers.Sum(s => s.Older)} older than one already received; "
            + $"{subscribers.Count(s => s.Closed)} connections closed during the run; all seen {drained.TotalSeconds - writePhase.TotalSeconds:F1} s after the last 201");
        Line($"201 → receipt, all:     {all.Summary()}  ({early} deliveries before the writer had its 201)");
        foreach (var (kind, values) in byKind.Where(x => x.Value.Count > 0))
        {
            Line($"201 → receipt, {kind,-7}: {new Distribution(values).Summary()}");
        }

        if (nodes.Count > 1)
        {
            for (var n = 0; n < nodes.Count; n++)
            {
                Line($"201 → receipt, node {(char)('A' + n)}{(n == 0 ? " (the writer's)" : " (another node)")}: {new Distribution(byNode[n]).Summary()}  ({subscribers.Count(s => s.Node == n)} subscribers)");
            }
        }

        Line($"send → receipt, all:    {new Distribution(fromSend).Summary()}");
        if (hasRecorded)
        {
            Line($"change recorded → receipt, all (commit to screen):               {committed.Summary()}");
            Line($"change recorded → computedAt (commit, coalescing, recompute):     {engine.Summary()}");
        }

        Line($"201 → computedAt:                                                 {new Distribution(createdToComputed).Summary()}");
        Line($"computedAt → receipt (fan-out: hub group send, network, client):  {new Distribution(fanOut).Summary()}");
        Line($"portal process: CPU {portalCpu.TotalSeconds:F1} s over {seconds:F1} s = {portalCpu.TotalSeconds / seconds:F2} cores "
            + $"(user {(portalAfter.User - portalBefore.User).TotalSeconds:F1} s, system {(portalAfter.System - portalBefore.System).TotalSeconds:F1} s); "
            + $"RSS {portalBefore.Rss / (1 << 20)} → {portalAfter.Rss / (1 << 20)} MiB (peak since start {portalAfter.PeakRss / (1 << 20)} MiB); up to {maxPortalThreads} OS threads");
        for (var n = 1; n < nodesAfter.Length; n++)
        {
            var cpu = nodesAfter[n].Cpu - nodesBefore[n].Cpu;
            Line($"node {(char)('A' + n)} process: CPU {cpu.TotalSeconds:F1} s = {cpu.TotalSeconds / seconds:F2} cores; RSS {nodesAfter[n].Rss / (1 << 20)} MiB");
        }

        var perWrite = measured.Count == 0 ? double.NaN : portalCpu.TotalMilliseconds / measured.Count;
        Line(idleCores is { } idle
            ? $"portal CPU per write: {perWrite:F0} ms, {perWrite - (idle * seconds * 1000 / measured.Count):F0} ms above the idle {idle:F3} cores"
            : $"portal CPU per write: {perWrite:F0} ms (idle not measured)");
        Line($"driver process ({connected} clients + writer): CPU {clientsCpu.TotalSeconds:F1} s = {clientsCpu.TotalSeconds / seconds:F2} cores "
            + $"(user {(clientsAfter.User - clientsBefore.User).TotalSeconds:F1} s, system {(clientsAfter.System - clientsBefore.System).TotalSeconds:F1} s); "
            + $"working set {clientsAfter.WorkingSet / (1 << 20)} MiB (peak {clientsAfter.PeakWorkingSet / (1 << 20)} MiB), managed heap {clientsAfter.Heap / (1 << 20)} MiB");
        Line($"driver gc during run: gen0 {clientsAfter.Gen0 - clientsBefore.Gen0}, gen1 {clientsAfter.Gen1 - clientsBefore.Gen1}, gen2 {clientsAfter.Gen2 - clientsBefore.Gen2}, "
            + $"pauses {(clientsAfter.GcPause - clientsBefore.GcPause).TotalMilliseconds:F0} ms; driver thread pool: up to {maxThreads} threads, up to {maxPending} queued work items");
        ReportDashboards(measured, seconds, perWrite);
        Line($"load average at end: {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| subscribers | rate /s | writes | 201→receipt p50 / p95 / p99 / max ms | recorded→receipt p50 / p95 / p99 / max ms | deliveries | recorded→computedAt p50 / p95 ms | portal CPU (cores) | clients CPU (cores) | portal RSS end / peak MiB |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {connected} | {options.Rate} | {measured.Count} | {all.P(0.50):F0} / {all.P(0.95):F0} / {all.P(0.99):F0} / {all.Max:F0} "
            + $"| {committed.P(0.50):F0} / {committed.P(0.95):F0} / {committed.P(0.99):F0} / {committed.Max:F0} | {delivered}/{expected} "
            + $"| {engine.P(0.50):F0} / {engine.P(0.95):F0} | {portalCpu.TotalSeconds / seconds:F2} | {clientsCpu.TotalSeconds / seconds:F2} "
            + $"| {portalAfter.Rss / (1 << 20)} / {portalAfter.PeakRss / (1 << 20)} |"));
    }

    private static string Pct(long part, long whole) =>
        whole == 0 ? "n/a" : (100.0 * part / whole).ToString("F2", CultureInfo.InvariantCulture) + " %";
}
