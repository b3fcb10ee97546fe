namespace PartyPortal.Live;

public sealed partial class LiveMetrics
{
    private sealed class Statistics
    {
        private readonly Lock gate = new();
        private readonly Queue<double> recomputeMs = new();
        private long batches;
        private long changesSeen;
        private long snapshotsBuilt;
        private long fullReads;
        private double lastFullReadMs;

        public void Recomputed(int changeCount, TimeSpan took)
        {
            lock (gate)
            {
                batches++;
                changesSeen += changeCount;
                recomputeMs.Enqueue(took.TotalMilliseconds);
                if (recomputeMs.Count > 4096)
                {
                    recomputeMs.Dequeue();
                }
            }
        }

        public void SnapshotBuilt(TimeSpan took)
        {
            lock (gate)
            {
                snapshotsBuilt++;
            }
        }

        public void FullRead(TimeSpan took)
        {
            lock (gate)
            {
                fullReads++;
                lastFullReadMs = took.TotalMilliseconds;
            }
        }

        public LiveMetricsStatistics Read()
        {
            lock (gate)
            {
                var sorted = recomputeMs.Order().ToList();
                return new LiveMetricsStatistics(
                    batches, changesSeen, snapshotsBuilt, fullReads, lastFullReadMs,
                    Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99), sorted.Count == 0 ? 0 : sorted[^1]);
            }
        }

        private static double Percentile(List<double> sorted, double p) =>
            sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}

/// <summary>What the engine has done since it started: for the compute-once test and the load driver.</summary>
public sealed record LiveMetricsStatistics(
    long Recomputations,
    long Changes,
    long SnapshotsBuilt,
    long FullReads,
    double LastFullReadMs,
    double RecomputeP50Ms,
    double RecomputeP95Ms,
    double RecomputeP99Ms,
    double RecomputeMaxMs);
