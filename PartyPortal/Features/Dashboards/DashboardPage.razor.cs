using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using PartyPortal.Access;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;

namespace PartyPortal.Features.Dashboards;

/// <summary>
/// 看板: the headline metrics of a scope and period, drilled down by clicking a unit, and live: the page watches
/// its snapshot after the first render, shows each new one with the changed tiles flashing, and stops watching
/// when closed or when it moves to another scope or period.
/// </summary>
public sealed partial class DashboardPage
{
    private const int TrendQuarters = 6;

    private readonly CancellationTokenSource closing = new();
    private MetricsSnapshot? snapshot;
    private IReadOnlyList<MetricsSnapshot> trend = [];
    // The scope's ancestors the user may open, for the crumbs. Not every unit the user may view: at a province's
    // size that set is ~3,000 ids (~50 KB), and every open page held it for its life.
    private IReadOnlySet<int> openableAncestors = new HashSet<int>();
    private Dictionary<string, int> changes = [];
    private MetricInfo selected = MetricInfo.All[0];
    private string? error;
    private IDisposable? subscription;
    private (int Scope, Period Period)? watching;
    private bool disposed;
    private System.Security.Claims.ClaimsPrincipal user = new();

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "scope")] public int? Scope { get; set; }
    [SupplyParameterFromQuery(Name = "period")] public string? PeriodText { get; set; }
    [SupplyParameterFromQuery(Name = "metric")] public string? Metric { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        user = (await AuthState).User;
        selected = MetricInfo.Of(Metric);
        error = null;
        Period? period = null;
        if (PeriodText is not null)
        {
            if (!Dashboards.TryParsePeriod(PeriodText, out var p))
            {
                error = Dashboards.PeriodHint;
                return;
            }

            period = p;
        }

        try
        {
            var next = await Dashboards.GetAsync(user, Scope, period, closing.Token);
            if (snapshot is null || next.Scope != snapshot.Scope || next.Period != snapshot.Period)
            {
                changes = [];
            }

            snapshot = next;
            openableAncestors = await Dashboards.OpenableAsync(user, snapshot.Ancestors.Select(a => a.Id));
            trend = await Dashboards.TrendAsync(user, snapshot.Scope, snapshot.Period, TrendQuarters, closing.Token);
        }
        catch (AccessDeniedException e)
        {
            error = e.Message;
        }
        catch (KeyNotFoundException)
        {
            error = Live.MetricsHub.NoSuchScope;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (snapshot is null || watching == (snapshot.Scope, snapshot.Period))
        {
            return;
        }

        subscription?.Dispose();
        watching = (snapshot.Scope, snapshot.Period);
        var (current, sub) = await Dashboards.WatchAsync(user, snapshot.Scope, snapshot.Period, OnSnapshotAsync, closing.Token);
        if (disposed)
        {
            // Closed while the first snapshot was being read (a cached one does not wait for the cancellation):
            // nobody else will end this subscription.
            sub.Dispose();
            return;
        }

        subscription = sub;
        if (!ReferenceEquals(current, snapshot))
        {
            await OnSnapshotAsync(current);
        }
    }

    // The engine delivers a subscription's snapshots one at a time and waits for this task. The changed tiles flash by
    // CSS alone (StatTile.Changes): one render per snapshot, none to clear the flash.
    private Task OnSnapshotAsync(MetricsSnapshot next) => InvokeAsync(() =>
    {
        // A delivery and the first read may cross: never replace figures with older ones.
        if (snapshot is null || next.Scope != snapshot.Scope || next.Period != snapshot.Period || next.Sequence < snapshot.Sequence
            || ReferenceEquals(next, snapshot))
        {
            return;
        }

        foreach (var name in MetricNames.All.Where(n => snapshot.Values[n] != next.Values[n]))
        {
            changes[name] = changes.GetValueOrDefault(name) + 1;
        }

        snapshot = next;
        trend = [.. trend.Select(t => t.Period == next.Period ? next : t)];
        StateHasChanged();
    });

    private string TileNote(MetricInfo m)
    {
        var v = snapshot!.Values;
        return m.Name switch
        {
            MetricNames.WarningEducationCoverage => Fraction(v.WarningEducationCoverage, "支部·季") + $"；党员 {Percent(v.WarningEducationMemberCoverage)}",
            MetricNames.StudyCompletion => Fraction(v.StudyCompletion, "人次"),
            MetricNames.TrainingCoverage => Fraction(v.TrainingCoverage, "人"),
            MetricNames.MeetingsCompliance => Fraction(v.MeetingsCompliance, "项"),
            MetricNames.FiveStarCount or MetricNames.FiveStarQuota => snapshot.StarYear is { } y ? $"{y}年度评定" : "尚未评定",
            MetricNames.RectificationClosure => Fraction(v.RectificationClosure, "项"),
            _ => snapshot.Period.Label,
        };
    }

    private static string Fraction(Ratio r, string unit) => $"{r.Numerator:N0} / {r.Denominator:N0} {unit}";

    private static string Percent(Ratio r) => r.Value is { } f ? (f * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "—";

    private string Link(int scope, string? metric) =>
        DashboardLinks.For(scope, snapshot?.Period, metric ?? selected.Name);

    private void Go(int scope, Period period, string? metric) => Navigation.NavigateTo(DashboardLinks.For(scope, period, metric ?? selected.Name));

    public void Dispose()
    {
        disposed = true;
        subscription?.Dispose();
        closing.Cancel();
        closing.Dispose();
    }
}
