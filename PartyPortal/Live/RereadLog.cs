using PartyPortal.Model;

namespace PartyPortal.Live;

/// <summary>
/// For each cached period, which units the engine re-read at which sequence: what a list made from an earlier snapshot
/// must re-read to follow a later one (<see cref="LiveMetrics.UnitsRereadSince"/>). A period read whole (first asked,
/// a change that affects everything, a new bureau day) starts its account again, and a list made before that is read
/// whole too.
/// </summary>
internal sealed class RereadLog
{
    /// <summary>Re-reads kept per period; a list older than the oldest is read whole.</summary>
    public const int Capacity = 1_000;

    private readonly Lock gate = new();
    private readonly Dictionary<Period, Account> accounts = [];

    /// <summary>The period's facts were read whole with changes up to <paramref name="applied"/> applied.</summary>
    /// <remarks>
    /// Only lists made after the next change can follow from here: one made for a snapshot at <paramref name="applied"/>
    /// may come from before the whole read (a new bureau day re-reads everything without a new change).
    /// </remarks>
    public void ReadWhole(Period period, long applied)
    {
        lock (gate)
        {
            accounts[period] = new Account(applied + 1);
        }
    }

    /// <summary>The engine re-read <paramref name="units"/> of the period, applying changes up to <paramref name="applied"/>.</summary>
    public void Reread(Period period, long applied, IEnumerable<int> units)
    {
        lock (gate)
        {
            if (!accounts.TryGetValue(period, out var account))
            {
                return;
            }

            account.Rereads.Enqueue((applied, [.. units]));
            if (account.Rereads.Count > Capacity)
            {
                // A list made at that sequence needs only the re-reads after it, all still here.
                account.From = account.Rereads.Dequeue().Applied;
            }
        }
    }

    public void Forget(Period period)
    {
        lock (gate)
        {
            accounts.Remove(period);
        }
    }

    /// <summary>
    /// The units re-read after the change <paramref name="after"/> was applied; null when the account does not reach
    /// back that far (then everything may have changed).
    /// </summary>
    public HashSet<int>? Since(Period period, long after)
    {
        lock (gate)
        {
            if (!accounts.TryGetValue(period, out var account) || after < account.From)
            {
                return null;
            }

            return [.. account.Rereads.Where(r => r.Applied > after).SelectMany(r => r.Units)];
        }
    }

    private sealed class Account(long from)
    {
        /// <summary>Lists made for a snapshot at this sequence or later can follow by the re-reads.</summary>
        public long From { get; set; } = from;

        public Queue<(long Applied, int[] Units)> Rereads { get; } = new();
    }
}
