using PartyPortal.Live.Metrics;

namespace PartyPortal.Tests.Live;

/// <summary>What a subscriber of the engine received, in the order its deliveries completed.</summary>
internal sealed class SnapshotInbox(Func<MetricsSnapshot, Task>? before = null)
{
    private readonly Lock gate = new();
    private readonly List<MetricsSnapshot> received = [];
    private TaskCompletionSource signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IDisposable? Subscription { get; set; }

    public IReadOnlyList<MetricsSnapshot> Received
    {
        get
        {
            lock (gate)
            {
                return [.. received];
            }
        }
    }

    public MetricsSnapshot? Last => Received is [.., var last] ? last : null;

    /// <summary>The subscriber's callback: waits for <c>before</c> (a test holding a delivery up), then records.</summary>
    public async Task Add(MetricsSnapshot snapshot)
    {
        if (before is not null)
        {
            await before(snapshot);
        }

        lock (gate)
        {
            received.Add(snapshot);
            signal.TrySetResult();
            signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public Task<MetricsSnapshot> NextAsync() => WaitUntilAsync(_ => true);

    /// <summary>Waits (up to five seconds) for a snapshot that satisfies <paramref name="condition"/>.</summary>
    public async Task<MetricsSnapshot> WaitUntilAsync(Func<MetricsSnapshot, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            Task next;
            lock (gate)
            {
                if (received.LastOrDefault(condition) is { } found)
                {
                    return found;
                }

                next = signal.Task;
            }

            var left = deadline - DateTime.UtcNow;
            Assert.True(left > TimeSpan.Zero, "no matching snapshot arrived within 5 s");
            await next.WaitAsync(left, TestContext.Current.CancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
