using System.Text.Encodings.Web;
using System.Text.Unicode;
using MudBlazor;
using MudBlazor.Services;
using PartyPortal.Components;
using PartyPortal.Data;
using PartyPortal.Features.Overview;
using PartyPortal.Features.Settings;
using PartyPortal.Model;

var builder = WebApplication.CreateBuilder(args);
var services = builder.Services;

services.AddRazorComponents().AddInteractiveServerComponents();
services.AddMudServices();
services.AddTransient<MudLocalizer, ZhCnMudLocalizer>();
services.AddLocalization();

// Send Chinese as characters, not as &#x...; entities: a third of the bytes, and readable in page source.
services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

services.Configure<DemoDataOptions>(builder.Configuration.GetSection(DemoDataOptions.Section));
services.Configure<BureauOptions>(builder.Configuration.GetSection(BureauOptions.Section));
services.AddSingleton(TimeProvider.System);
services.AddSingleton(sp => new BureauClock(
    sp.GetRequiredService<TimeProvider>(),
    BureauClock.FindZone(builder.Configuration[$"{BureauOptions.Section}:TimeZoneId"])));

var connectionString = PortalDatabase.ResolveConnectionString(
    builder.Configuration.GetConnectionString(PortalDatabase.ConnectionStringName), builder.Environment.ContentRootPath);
services.AddDbContextFactory<PortalDbContext>(o => PortalDatabase.Configure(o, connectionString));
services.AddSingleton<DatabaseInitializer>();
services.AddHealthChecks().AddDbContextCheck<PortalDbContext>("database");

services.AddScoped<BureauOverviewService>();
services.AddScoped<BureauSettingsService>();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}

app.UseRequestLocalization("zh-CN");
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();

app.MapHealthChecks("/healthz");
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
await app.RunAsync();
