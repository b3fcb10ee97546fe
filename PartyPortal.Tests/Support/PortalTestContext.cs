using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using PartyPortal.Access;
using PartyPortal.Components;
using PartyPortal.Data;
using PartyPortal.Live;
using PartyPortal.Model;

namespace PartyPortal.Tests.Support;

/// <summary>
/// The shared bUnit setup: loose JS interop, MudBlazor with zero transitions and the zh-CN texts, the
/// portal's localizer, a bureau clock on a fake time, and a real migrated SQLite database.
/// </summary>
public abstract class PortalTestContext : BunitContext, IAsyncLifetime
{
    /// <summary>2024-05-20 10:00 in Asia/Shanghai: the second quarter of 2024.</summary>
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2024, 5, 20, 2, 0, 0, TimeSpan.Zero));

    protected TestDatabase Database { get; private set; } = null!;

    public virtual async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
            o.PopoverOptions.CheckForPopoverProvider = false;
        });
        Services.AddTransient<MudLocalizer, ZhCnMudLocalizer>();
        Services.AddLocalization();
        // Registered through a factory so the container disposes it (and deletes the file) with the context.
        Services.AddSingleton<IDbContextFactory<PortalDbContext>>(_ => Database);
        Services.AddSingleton(new BureauClock(Time, BureauClock.FindZone(null)));
        Services.AddSingleton<TimeProvider>(Time);

        // The real authorisation: resource-based handlers over the real org tree, refusals audited.
        Services.AddLogging();
        Services.AddAuthorizationCore();

        // bUnit registers throwing placeholders for these; the last registration wins.
        Services.AddTransient<IAuthorizationService, DefaultAuthorizationService>();
        Services.AddSingleton<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>();
        Services.AddSingleton<OrgTree>();
        Services.AddSingleton<AuditTrail>();
        Services.AddSingleton<RefusalLog>();
        Services.AddScoped<IAuthorizationHandler, ScopeAuthorizationHandler>();
        Services.AddScoped<AccessGuard>();
    }

    /// <summary>
    /// The live-metrics engine as the portal registers it, started (a host would start it), with no coalescing
    /// window: the fake clock would hold it for ever.
    /// </summary>
    protected async Task<LiveMetrics> StartLiveMetricsAsync()
    {
        Services.AddLiveMetrics(null);
        Services.Configure<LiveMetricsOptions>(o => o.CoalesceMilliseconds = 0);
        var engine = Services.GetRequiredService<LiveMetrics>();
        await engine.StartAsync(Xunit.TestContext.Current.CancellationToken);
        return engine;
    }

    /// <summary>
    /// Waits until the engine holds <paramref name="count"/> subscriptions. A page subscribes after a render and ends a
    /// subscription whose first read was still running when it closed once that read ends; the reads run on pool threads,
    /// so no render of the page marks either moment: this polls.
    /// </summary>
    protected static async Task WaitForSubscribersAsync(LiveMetrics engine, int count)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var until = DateTime.UtcNow.AddSeconds(10);
        while (engine.SubscriberCount != count && DateTime.UtcNow < until)
        {
            await Task.Delay(20, Xunit.TestContext.Current.CancellationToken);
        }

        Assert.Equal(count, engine.SubscriberCount);
    }

    /// <summary>Renders a page as the given user, the way the router cascades the authentication state.</summary>
    protected IRenderedComponent<TComponent> RenderAs<TComponent>(ClaimsPrincipal user, Action<ComponentParameterCollectionBuilder<TComponent>>? parameters = null)
        where TComponent : IComponent =>
        Render<TComponent>(p =>
        {
            p.AddCascadingValue(Task.FromResult(new AuthenticationState(user)));
            parameters?.Invoke(p);
        });
}
