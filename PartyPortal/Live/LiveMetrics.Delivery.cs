using PartyPortal.Live.Metrics;
using PartyPortal.Model;

namespace PartyPortal.Live;

public sealed partial class LiveMetrics
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "A live-metrics subscriber of {Scope} {Period} failed")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception e, int scope, string period);

    /// <summary>
    /// One subscription, delivered to one at a time in sequence order: a snapshot offered while one is being delivered
    /// waits, and replaces any older one waiting, so a slow subscriber gets the newest figures, never an older set
    /// after a newer.
    /// </summary>
    private sealed class Subscriber(LiveMetrics owner, (int, Period) key, Func<MetricsSnapshot, Task> onUpdate) : IDisposable
    {
        private readonly Lock gate = new();
        private MetricsSnapshot? waiting;
        private long delivered = -1;
        private bool running;
        private volatile bool disposed;

        public (int Scope, Period Period) Key { get; } = key;

        public void Offer(MetricsSnapshot snapshot)
        {
            lock (gate)
            {
                if (disposed || snapshot.Sequence < delivered || (waiting is not null && snapshot.Sequence < waiting.Sequence))
                {
                    return;
                }

                waiting = snapshot;
                if (running)
                {
                    return;
                }

                running = true;
            }

            _ = Task.Run(PumpAsync, CancellationToken.None);
        }

        public void Dispose()
        {
            disposed = true;
            owner.Remove(this);
        }

        private async Task PumpAsync()
        {
            while (true)
            {
                MetricsSnapshot next;
                lock (gate)
                {
                    if (waiting is null || disposed)
                    {
                        running = false;
                        waiting = null;
                        return;
                    }

                    next = waiting;
                    waiting = null;
                    delivered = next.Sequence;
                }

                try
                {
                    await onUpdate(next);
                }
                catch (Exception e)
                {
                    LogSubscriberFailed(owner.logger, e, Key.Scope, Key.Period.ToString());
                }
            }
        }
    }
}
