using Microsoft.AspNetCore.Components;
using PartyPortal.Live;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;

namespace PartyPortal.Features.Screens;

/// <summary>
/// 会议室大屏: the headline figures of the token's scope, live, rotating through the screen's panels. Nobody
/// touches it: it watches its snapshot after the first render (the dashboards' pattern), checks its token every
/// <see cref="RecheckInterval"/> and at once when a change record says its screen's settings changed, on whichever node
/// (revoked: 已停用; a new quarter or scope: it watches that), and screen.js marks it
/// stale when the connection drops and reloads it when the server has forgotten the circuit.
/// </summary>
public sealed partial class ScreenPage : IDisposable
{
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource closing = new();
    private ScreenView? screen;
    private MetricsSnapshot? snapshot;
    private ScreenBoard board = new([], []);
    private List<ScreenPanels> panels = [];
    private int index;
    private IDisposable? subscription;
    private Period? watching;
    private ITimer? rotation;
    private ITimer? recheck;
    private bool started;
    private bool disposed;

    [Parameter] public string Token { get; set; } = "";

    private ScreenPanels Current => panels.Count == 0 ? ScreenPanels.Headline : panels[index % panels.Count];

    protected override async Task OnParametersSetAsync()
    {
        screen = await Screens.ResolveAsync(Token, closing.Token);
        if (screen is { IsRevoked: false })
        {
            panels = PanelsOf(screen.Panels);
            snapshot = await Screens.SnapshotAsync(Token, Screens.CurrentPeriod, closing.Token);
            board = await Screens.BoardAsync(Token, snapshot, closing.Token) ?? board;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Not "the first render": that one may come while the token is still being read (a database whose reads
        // really are asynchronous), and a screen that missed it would never watch. Start after the first render
        // that has an active screen.
        if (started || screen is not { IsRevoked: false } || disposed)
        {
            return;
        }

        started = true;

        var every = TimeSpan.FromSeconds(screen.RotationSeconds);
        rotation = Time.CreateTimer(_ => _ = InvokeAsync(Rotate), null, every, every);
        recheck = Time.CreateTimer(_ => _ = InvokeAsync(RecheckAsync), null, RecheckInterval, RecheckInterval);
        Engine.ChangesArrived += OnChangesArrived;
        await WatchAsync();
    }

    private void Rotate()
    {
        if (!disposed && panels.Count > 1)
        {
            index = (index + 1) % panels.Count;
            StateHasChanged();
        }
    }

    private async Task RecheckAsync()
    {
        if (disposed || screen is null)
        {
            return;
        }

        try
        {
            var now = await Screens.ResolveAsync(Token, closing.Token);
            if (now is not { IsRevoked: false })
            {
                screen = now ?? screen with { IsRevoked = true };
                StopWatching();
                StateHasChanged();
                return;
            }

            if (now.RotationSeconds != screen.RotationSeconds)
            {
                var every = TimeSpan.FromSeconds(now.RotationSeconds);
                rotation?.Change(every, every);
            }

            if (now.ScopeOrgUnitId != screen.ScopeOrgUnitId)
            {
                watching = null;
            }

            screen = now;
            panels = PanelsOf(now.Panels);
            await WatchAsync();
            StateHasChanged();
        }
        catch (OperationCanceledException) when (disposed)
        {
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
    }

    /// <summary>Watches the current quarter's snapshot, unless it is already watched.</summary>
    private async Task WatchAsync()
    {
        var period = Screens.CurrentPeriod;
        if (watching == period)
        {
            return;
        }

        subscription?.Dispose();
        subscription = null;
        watching = period;
        if (await Screens.WatchAsync(Token, period, OnSnapshotAsync, closing.Token) is not { } watched)
        {
            await RecheckAsync();
            return;
        }

        // Closed while the first snapshot was being read: nobody else will end this subscription.
        if (disposed)
        {
            watched.Subscription.Dispose();
            return;
        }

        subscription = watched.Subscription;
        if (snapshot is null || snapshot.Scope != watched.Snapshot.Scope || snapshot.Period != period || watched.Snapshot.Sequence >= snapshot.Sequence)
        {
            await ShowAsync(watched.Snapshot);
        }
    }

    private Task OnSnapshotAsync(MetricsSnapshot next) => InvokeAsync(async () =>
    {
        try
        {
            // A delivery and the first read may cross: never replace figures with older ones.
            if (!disposed && next.Period == watching && next.Scope == screen?.ScopeOrgUnitId
                && (snapshot is null || snapshot.Period != next.Period || next.Sequence >= snapshot.Sequence))
            {
                await ShowAsync(next);
            }
        }
        catch (OperationCanceledException) when (disposed)
        {
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
    });

    private async Task ShowAsync(MetricsSnapshot next)
    {
        snapshot = next;
        board = await Screens.BoardAsync(Token, next, closing.Token) ?? board;
        StateHasChanged();
    }

    private static List<ScreenPanels> PanelsOf(ScreenPanels chosen) =>
        Enum.GetValues<ScreenPanels>().Where(p => p is not (ScreenPanels.None or ScreenPanels.All) && chosen.HasFlag(p)).ToList();

    /// <summary>A screen revoked or edited, here or on another node: check the token now rather than at the next interval.</summary>
    private void OnChangesArrived(IReadOnlyList<DataChanged> changes)
    {
        if (screen is { } shown && changes.Any(c => c.What == DataChanged.Screen && c.OrgUnitIds.Contains(shown.ScopeOrgUnitId)))
        {
            _ = InvokeAsync(RecheckAsync);
        }
    }

    private void StopWatching()
    {
        Engine.ChangesArrived -= OnChangesArrived;
        subscription?.Dispose();
        subscription = null;
        rotation?.Dispose();
        rotation = null;
        recheck?.Dispose();
        recheck = null;
    }

    public void Dispose()
    {
        disposed = true;
        StopWatching();
        closing.Cancel();
        closing.Dispose();
    }
}
