using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;

namespace PartyPortal.Live;

/// <summary>The engine's loop: it applies the change records in order, recomputes what they touch, and keeps house.</summary>
public sealed partial class LiveMetrics
{
    /// <summary>The loop, kept alive: whatever escapes an iteration is logged and the loop goes on after a pause.</summary>
    private async Task RunAsync(PeriodicTimer housekeeping, PeriodicTimer poll, CancellationToken stop)
    {
        using var ownedHousekeeping = housekeeping;
        using var ownedPoll = poll;
        var tick = housekeeping.WaitForNextTickAsync(stop).AsTask();
        var polled = poll.WaitForNextTickAsync(stop).AsTask();
        Task<bool>? rung = null;
        long? lastApplied = null;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                // One pending wait of each kind at a time (a timer and the channel each allow one), kept across turns.
                rung ??= rings.Reader.WaitToReadAsync(stop).AsTask();
                var first = await Task.WhenAny(rung, tick, polled);
                if (first == tick)
                {
                    tick = housekeeping.WaitForNextTickAsync(stop).AsTask();
                    await KeepHouseAsync(stop);
                    continue;
                }

                if (first == polled)
                {
                    polled = poll.WaitForNextTickAsync(stop).AsTask();
                }
                else
                {
                    rung = null;
                    rings.Reader.TryRead(out _);

                    // Coalesce only while busy: a change after a quiet spell is applied at once (the window would only
                    // delay it), one that comes on the heels of the last application waits for others to share the next.
                    if (coalesce > TimeSpan.Zero && lastApplied is { } last && time.GetElapsedTime(last) < coalesce)
                    {
                        await Task.Delay(coalesce, time, stop);
                    }
                }

                await ApplyChangesAsync(stop);
                lastApplied = time.GetTimestamp();
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Not even a stray cancellation ends the loop: the changes stay in the outbox for the next turn.
                LogLoopFailed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(1), stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Applies every change record after the applied sequence, a read at a time, retrying a failed one.</summary>
    private async Task ApplyChangesAsync(CancellationToken stop)
    {
        var failures = 0;
        while (true)
        {
            var records = await outbox.ReadAfterAsync(AppliedSequence, ChangesPerRead, stop);
            if (records.Count == 0)
            {
                return;
            }

            var changes = records.Select(DataChanged.From).ToList();
            Arrived(changes);
            var batch = changes.Where(c => c.MovesFigures).ToList();
            try
            {
                await RecomputeAsync(batch, records[^1].Sequence, stop);
                failures = 0;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
            {
                // The same records again after a pause; watchers keep their last figures until then.
                failures++;
                LogRecomputeFailed(logger, e, records.Count, failures);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(30_000, 100 * Math.Pow(2, Math.Min(failures, 9)))), stop);
                continue;
            }

            if (records.Count < ChangesPerRead)
            {
                return;
            }
        }
    }

    /// <summary>Tells <see cref="ChangesArrived"/>'s listeners; one that throws is logged and the others still hear.</summary>
    private void Arrived(List<DataChanged> changes)
    {
        foreach (var listener in ChangesArrived?.GetInvocationList().Cast<Action<IReadOnlyList<DataChanged>>>() ?? [])
        {
            try
            {
                listener(changes);
            }
            catch (Exception e)
            {
                LogListenerFailed(logger, e);
            }
        }
    }

    private async Task KeepHouseAsync(CancellationToken stop)
    {
        // A new bureau day turns due into missed and open into overdue: every cached period is re-read once.
        if (clock.Today != lastToday)
        {
            await RecomputeAsync([DataChanged.Everything("clock")], upTo: null, stop);
            lastToday = clock.Today;
        }

        await work.WaitAsync(stop);
        try
        {
            var watched = WatchedPeriods();
            var now = time.GetUtcNow();
            foreach (var (period, _) in periods.Where(p => !watched.Contains(p.Key) && now - p.Value.LastAsked > idle).ToList())
            {
                periods.Remove(period);
                rereads.Forget(period);
            }
        }
        finally
        {
            work.Release();
        }

        await outbox.PruneAsync(time.GetUtcNow().AddHours(-Math.Max(1, options.ChangeRetentionHours)), AppliedSequence, stop);
    }

    /// <param name="upTo">The sequence of the last change record in <paramref name="batch"/>: applied once the batch is.</param>
    private async Task RecomputeAsync(List<DataChanged> batch, long? upTo, CancellationToken stop)
    {
        var started = Stopwatch.GetTimestamp();
        var updates = new List<(Subscriber[] To, MetricsSnapshot Snapshot)>();

        await work.WaitAsync(stop);
        var appliedBefore = applied;
        try
        {
            var today = clock.Today;

            // Set first, so that the snapshots built below carry it; set back if the batch fails.
            applied = upTo ?? applied;

            foreach (var (period, cached) in periods.ToList())
            {
                var touching = batch.Where(c => c.Touches(period)).ToList();
                if (touching.Count == 0)
                {
                    continue;
                }

                var before = cached.Facts;
                var (facts, reread) = touching.Any(c => c.AffectsEverything)
                    ? (await reader.ReadAllAsync(period, today, stop), null)
                    : await reader.RereadAsync(before, [.. touching.SelectMany(c => c.OrgUnitIds)], [.. touching.SelectMany(c => c.MemberIds)], today, stop);
                if (reread is null)
                {
                    rereads.ReadWhole(period, applied);
                }
                else
                {
                    rereads.Reread(period, applied, reread);
                }

                var affectedPaths = reread?.Select(id => facts.Unit(id)?.Path ?? before.Unit(id)?.Path).OfType<string>().ToList();
                var next = new CachedPeriod(facts) { LastAsked = cached.LastAsked };
                foreach (var scopeId in Watched(period).Union(cached.Snapshots.Keys))
                {
                    if (facts.Unit(scopeId) is not { } scope)
                    {
                        continue;
                    }

                    var affected = affectedPaths is null || affectedPaths.Any(p => OrgPath.IsWithin(p, scope.Path));
                    if (!affected && cached.Snapshots.TryGetValue(scopeId, out var unchanged))
                    {
                        next.Snapshots[scopeId] = unchanged;
                        continue;
                    }

                    var snapshot = Build(facts, scope);
                    if (cached.Snapshots.TryGetValue(scopeId, out var previous) && previous.SameFiguresAs(snapshot))
                    {
                        // Overlapping writes: a change this recompute already read arrives again. Nothing to send.
                        next.Snapshots[scopeId] = previous;
                        continue;
                    }

                    next.Snapshots[scopeId] = snapshot;
                    updates.Add((SubscribersOf((scopeId, period)), snapshot));
                }

                periods[period] = next;
            }
        }
        catch
        {
            // Periods already recomputed keep their new facts (re-reading them again is harmless); the batch is not applied.
            applied = appliedBefore;
            throw;
        }
        finally
        {
            work.Release();
        }

        stats.Recomputed(batch.Count, Stopwatch.GetElapsedTime(started));
        foreach (var (to, snapshot) in updates)
        {
            foreach (var subscriber in to)
            {
                subscriber.Offer(snapshot);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Applying {Count} change record(s) to the live metrics failed (attempt {Attempt}); trying again")]
    private static partial void LogRecomputeFailed(ILogger logger, Exception e, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "A listener to the arriving change records failed")]
    private static partial void LogListenerFailed(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Error, Message = "The live-metrics loop failed; it goes on")]
    private static partial void LogLoopFailed(ILogger logger, Exception e);
}
