using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using PartyPortal.Components;
using PartyPortal.Data;
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
    }
}
