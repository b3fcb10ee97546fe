using PartyPortal.Live.Metrics;
using PartyPortal.Model;

namespace PartyPortal.Live;

/// <summary>
/// Reads made from a snapshot's ledger (a drill-down's members or branch-quarters), made once per snapshot and shared by
/// every circuit that shows it. A new snapshot reaches every open 看板 of its scope at once, and each used to re-read the
/// same list: forty open pages, forty reads of the same members per write. An entry is replaced when its snapshot moves
/// on; entries nobody has asked for longest leave first once there are more than <see cref="Capacity"/>.
/// </summary>
/// <remarks>
/// What is kept must not depend on who asked: callers authorise first, then ask here.
/// </remarks>
public sealed class SnapshotReads(TimeProvider time)
{
    public const int Capacity = 64;

    private readonly Lock gate = new();
    private readonly Dictionary<(string What, int Scope, Period Period), Entry> entries = [];

    /// <summary>How many reads were made (not served from a shared one); for tests and the benchmark note.</summary>
    public int Reads => Volatile.Read(ref reads);

    private int reads;

    /// <summary>
    /// <paramref name="read"/>'s result for <paramref name="snapshot"/>: the one already made (or under way) for this
    /// snapshot, or a new one. The read itself is not cancelled by one caller leaving: others may wait for it.
    /// </summary>
    /// <param name="same">Whether two results would show the same: when the new snapshot's read equals the one it replaces,
    /// every caller gets the earlier object, so a page compares by reference instead of each page comparing the rows.</param>
    public Task<T> GetAsync<T>(string what, MetricsSnapshot snapshot, Func<CancellationToken, Task<T>> read, Func<T, T, bool>? same = null,
        CancellationToken ct = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        return GetAsync<T>(what, snapshot, (_, c) => read(c), same, ct);
    }

    /// <summary>
    /// As above, with the result made for an earlier snapshot of the same scope and period (when there is one) handed to
    /// <paramref name="read"/>: a list can then re-read only what changed since (<see cref="LiveMetrics.UnitsRereadSince"/>).
    /// </summary>
    public Task<T> GetAsync<T>(string what, MetricsSnapshot snapshot, Func<Earlier<T>?, CancellationToken, Task<T>> read, Func<T, T, bool>? same = null,
        CancellationToken ct = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(read);
        var key = (what, snapshot.Scope, snapshot.Period);
        TaskCompletionSource<object> made;
        T? previous;
        Earlier<T>? earlier;
        lock (gate)
        {
            if (entries.TryGetValue(key, out var entry) && entry.Sequence == snapshot.Sequence && entry.ComputedAt == snapshot.ComputedAt
                && !entry.Value.IsFaulted && !entry.Value.IsCanceled)
            {
                entry.LastAsked = time.GetTimestamp();
                return Cast<T>(entry.Value, ct);
            }

            previous = entry is { Value.IsCompletedSuccessfully: true } ? entry.Value.Result as T : null;
            earlier = previous is null ? null : new Earlier<T>(previous, entry!.Sequence);

            Interlocked.Increment(ref reads);
            made = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
            entries[key] = new Entry(snapshot.Sequence, snapshot.ComputedAt, made.Task) { LastAsked = time.GetTimestamp() };
            if (entries.Count > Capacity)
            {
                entries.Remove(entries.MinBy(e => e.Value.LastAsked).Key);
            }
        }

        // The read starts outside the lock: a SQLite read runs synchronously up to its end, and under the lock every
        // other circuit asking for anything would block a pool thread until it finished.
        _ = ReadIntoAsync(c => read(earlier, c), made, previous, same);
        return Cast<T>(made.Task, ct);
    }

    private static async Task ReadIntoAsync<T>(Func<CancellationToken, Task<T>> read, TaskCompletionSource<object> made, T? previous, Func<T, T, bool>? same)
        where T : class
    {
        try
        {
            var value = await read(CancellationToken.None);
            made.SetResult(previous is not null && same is not null && same(previous, value) ? previous : value);
        }
        catch (OperationCanceledException e)
        {
            made.SetCanceled(e.CancellationToken);
        }
        catch (Exception e)
        {
            made.SetException(e);
        }
    }

    private static async Task<T> Cast<T>(Task<object> task, CancellationToken ct) => (T)await task.WaitAsync(ct);

    private sealed record Entry(long Sequence, DateTimeOffset ComputedAt, Task<object> Value)
    {
        public long LastAsked { get; set; }
    }
}

/// <summary>A result made for an earlier snapshot, at that snapshot's <see cref="MetricsSnapshot.Sequence"/>.</summary>
public sealed record Earlier<T>(T Value, long Sequence);
