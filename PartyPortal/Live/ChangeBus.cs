namespace PartyPortal.Live;

/// <summary>What changed, where: published after a write has committed.</summary>
/// <param name="OrgUnitIds">The org units whose data changed (before and after, for a move).</param>
/// <param name="What">The kind of data, e.g. "activity".</param>
public sealed record DataChanged(IReadOnlyList<int> OrgUnitIds, string What)
{
    /// <summary>The <see cref="What"/> of a change to the tree's shape: every figure may move.</summary>
    public const string OrgTree = "org-unit";

    /// <summary>A change no unit list can describe (a study topic for everyone, a new day).</summary>
    public bool AffectsEverything => OrgUnitIds.Count == 0 || What == OrgTree;

    public static DataChanged Everything(string what) => new([], what);
}

/// <summary>
/// The in-process change bus (ARCHITECTURE.md, "How a write travels"). Publishing never runs a subscriber
/// on the writer's request: handlers are queued to the thread pool, so a save returns at once however
/// many listen. <see cref="LiveMetrics"/> subscribes.
/// </summary>
public sealed class ChangeBus
{
    private readonly Lock gate = new();
    private readonly List<Func<DataChanged, Task>> handlers = [];

    public IDisposable Subscribe(Func<DataChanged, Task> handler)
    {
        lock (gate)
        {
            handlers.Add(handler);
        }

        return new Subscription(this, handler);
    }

    public void Publish(DataChanged change)
    {
        Func<DataChanged, Task>[] current;
        lock (gate)
        {
            current = [.. handlers];
        }

        foreach (var handler in current)
        {
            _ = Task.Run(() => handler(change));
        }
    }

    private sealed class Subscription(ChangeBus bus, Func<DataChanged, Task> handler) : IDisposable
    {
        public void Dispose()
        {
            lock (bus.gate)
            {
                bus.handlers.Remove(handler);
            }
        }
    }
}
