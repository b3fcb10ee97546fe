using PartyPortal.Live;

namespace PartyPortal.Tests.Support;

/// <summary>
/// Records what a <see cref="ChangeBus"/> announces. The bus hands changes to the thread pool, so a test
/// waits for the announcement instead of expecting it the moment the write returns.
/// </summary>
public sealed class ChangeRecorder
{
    private readonly List<DataChanged> changes = [];

    public ChangeRecorder(ChangeBus bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.Subscribe(c =>
        {
            lock (changes)
            {
                changes.Add(c);
            }

            return Task.CompletedTask;
        });
    }

    public IReadOnlyList<DataChanged> Seen
    {
        get
        {
            lock (changes)
            {
                return [.. changes];
            }
        }
    }

    /// <summary>The one change announced, waiting up to two seconds for it.</summary>
    public async Task<DataChanged> SingleAsync()
    {
        for (var i = 0; i < 100 && Seen.Count == 0; i++)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        return Assert.Single(Seen);
    }
}
