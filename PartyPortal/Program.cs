using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using MudBlazor;
using MudBlazor.Services;
using PartyPortal.Access;
using PartyPortal.Components;
using PartyPortal.Data;
using PartyPortal.Data.DemoData;
using PartyPortal.Features;
using PartyPortal.Features.Accounts;
using PartyPortal.Features.Activities;
using PartyPortal.Features.Audit;
using PartyPortal.Features.Dashboards;
using PartyPortal.Features.Imports;
using PartyPortal.Features.Organisation;
using PartyPortal.Features.Overview;
using PartyPortal.Features.Registers;
using PartyPortal.Features.Reports;
using PartyPortal.Features.Screens;
using PartyPortal.Features.Settings;
using PartyPortal.Features.StarRatings;
using PartyPortal.Features.Study;
using PartyPortal.Features.Supervision;
using PartyPortal.Features.Workspace;
using PartyPortal.Live;
using PartyPortal.Model;

// "demo [--scale province]" becomes the DemoData settings before the host is built: one way to be a demo.
var demoCommand = DemoCommand.Parse(args);
if (demoCommand.Error is not null)
{
    await Console.Error.WriteLineAsync(demoCommand.Error);
    return 2;
}

var builder = WebApplication.CreateBuilder([.. demoCommand.HostArgs]);
var services = builder.Services;
var configuration = builder.Configuration;
if (DemoCommand.CheckSetting(configuration[$"{DemoDataOptions.Section}:{nameof(DemoDataOptions.Scale)}"]) is { } scaleError)
{
    await Console.Error.WriteLineAsync(scaleError);
    return 2;
}

services.AddRazorComponents().AddInteractiveServerComponents();
services.AddMudServices();
services.AddTransient<MudLocalizer, ZhCnMudLocalizer>();
services.AddLocalization();

// Send Chinese as characters, not as &#x...; entities: a third of the bytes, and readable in page source.
services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

services.Configure<DemoDataOptions>(configuration.GetSection(DemoDataOptions.Section));
services.Configure<BureauOptions>(configuration.GetSection(BureauOptions.Section));
services.AddSingleton(TimeProvider.System);
services.AddSingleton(sp => new BureauClock(
    sp.GetRequiredService<TimeProvider>(),
    BureauClock.FindZone(configuration[$"{BureauOptions.Section}:TimeZoneId"]),
    configuration.GetSection(BureauOptions.Section).Get<BureauOptions>()?.FoundedYear ?? BureauClock.DefaultFoundedYear));

var connection = PortalDatabase.Resolve(configuration, builder.Environment.ContentRootPath);
services.AddSingleton(connection);
services.AddDbContextFactory<PortalDbContext, PortalContextFactory>(o => PortalDatabase.Configure(o, connection));
// The scope's own context (Identity's stores, the account re-check) is made fresh, not taken from the factory's pool: a
// scope that never queries, such as a 看板's hub connection validating its cookie, would otherwise hold a pooled,
// fully set-up context for as long as the page is open (about 20 KB per open page).
services.AddScoped(sp => PortalDatabase.CreateContext(connection, sp.GetRequiredService<Microsoft.EntityFrameworkCore.DbContextOptions<PortalDbContext>>()));
services.AddSingleton<DatabaseInitializer>();
services.AddHealthChecks().AddDbContextCheck<PortalDbContext>("database");

services.AddPortalKeyRing(configuration, connection, builder.Environment.ContentRootPath, builder.Environment.IsDevelopment());
services.AddPortalAccess(configuration);

services.AddScoped<BureauOverviewService>();
services.AddScoped<BureauSettingsService>();
services.AddScoped<SignInService>();
services.AddScoped<PasswordService>();
services.AddScoped<AccountService>();
services.AddScoped<AuditService>();
services.AddScoped<ActivityService>();
services.AddScoped<IdempotencyKeys>();
services.AddScoped<OrganisationService>();
services.AddScoped<ChecklistService>();
services.AddScoped<BranchStandardsService>();
services.AddScoped<MemberService>();
services.AddScoped<MemberFinder>();
services.AddScoped<OrgUnitService>();
services.AddScoped<RegisterService>();
services.AddScoped<StudyTopicService>();
services.AddScoped<StarSchemeService>();
services.AddScoped<StarAssessmentService>();
services.AddScoped<StarLedger>();
services.AddScoped<StarReviewService>();
services.AddScoped<StarDecisionService>();
services.AddScoped<StarHistoryService>();
services.AddScoped<RectificationService>();
services.AddScoped<DisciplineRecordService>();
services.AddScoped<PartnershipService>();
services.AddScoped<ImportService>();
services.AddScoped<ExportService>();
services.AddScoped<ReportTemplateService>();
services.AddScoped<ScreenService>();
services.AddSingleton<ScreenBoards>();

// Live: one metrics engine (a hosted service listening to the change bus), its hub for clients that are not
// Blazor, and the dashboards reading it.
services.AddLiveMetrics(configuration);
services.AddSignalR();
services.AddSingleton<MetricsHubSubscriptions>();
services.AddScoped<DashboardService>();
services.AddScoped<ReportService>();

// The JSON API: enums as camelCase strings ("present"), every error an RFC 9457 problem with a zh-CN title in
// every environment (ApiErrors), a body or query it cannot read a 400 problem (ThrowOnBadRequest); /openapi/v1.json.
services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    o.SerializerOptions.Converters.Add(new NulCharacters.JsonConverter());
});
services.AddApiErrors();
services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
services.AddOpenApi();

var app = builder.Build();

if (args is [AdminCommand.Name, var adminName, ..])
{
    await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(seedDemo: false);
    return await AdminCommand.RunAsync(app.Services, adminName);
}

// "migrate" applies the migrations (and seeds what an empty database needs: settings, kinds, the demo in demo mode)
// and exits: how a multi-node install on PostgreSQL brings its shared database up to date, once, before any node
// starts. The single-node SQLite install does the same at every start; a PostgreSQL node only checks the schema.
if (args is [DatabaseInitializer.MigrateCommand, ..] || DatabaseInitializer.MigratesAtStart(configuration, connection))
{
    await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();

    // Key files of an earlier version (kept beside the SQLite file) move into the database, once.
    await KeyRing.ImportFolderAsync(
        app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<PortalDbContext>>(),
        Path.Combine(PortalDatabase.DataFolder(connection, builder.Environment.ContentRootPath), "keys"));

    // The first key is made here, before any node serves: nodes started together would otherwise each make their own.
    KeyRing.EnsureKey(app.Services);
    if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DemoDataOptions>>().Value.Enabled)
    {
        await DemoAccounts.EnsureAsync(app.Services);
    }

    if (args is [DatabaseInitializer.MigrateCommand, ..])
    {
        return 0;
    }
}
else
{
    await app.Services.GetRequiredService<DatabaseInitializer>().EnsureCurrentAsync();
}

// First: everything after it (HTTPS detection, the sign-in limiter, the screens' per-address cap) sees the client.
app.UseKnownProxies(configuration);
app.UseSecurityHeaders();
app.UseApiErrors();

if (HttpsConfigured(configuration))
{
    app.UseHsts();
    app.UseHttpsRedirection();
}

app.UseRequestLocalization("zh-CN");
app.UseNulCharacterRefusal();
app.UseWhen(
    ctx => !ApiErrors.IsApi(ctx.Request) && !ctx.Request.Path.StartsWithSegments("/healthz") && !ctx.Request.Path.StartsWithSegments("/_blazor"),
    pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
// Routing after the status-code pages, so a re-executed /not-found is routed to its page.
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapHealthChecks("/healthz").AllowAnonymous();
app.MapStaticAssets().AllowAnonymous();
app.MapAccountEndpoints();
app.MapActivityEndpoints();
app.MapMetricsEndpoints();
app.MapReportEndpoints();
app.MapRectificationEndpoints();
app.MapStarRatingEndpoints();
app.MapHub<MetricsHub>(MetricsHub.Path);
app.MapImportEndpoints();
app.MapReportTemplateEndpoints();
app.MapScreenEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapApiNotFound();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode().Add(AllowFrameworkEndpointsAnonymously);

await app.RunAsync();
return 0;

// The circuit's own endpoints (/_blazor) must answer the anonymous meeting-room screen too. Pages still demand a
// user on the first request (the fallback policy) and in the circuit ([Authorize] in Features/_Imports.razor).
static void AllowFrameworkEndpointsAnonymously(EndpointBuilder endpoint)
{
    if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } pattern }
        && (pattern.Contains("_blazor", StringComparison.Ordinal) || pattern.Contains("_framework", StringComparison.Ordinal)))
    {
        endpoint.Metadata.Add(new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute());
    }
}

// HTTPS redirection only when the portal has an HTTPS endpoint to redirect to.
static bool HttpsConfigured(IConfiguration c) =>
    (c["urls"] ?? "").Contains("https://", StringComparison.OrdinalIgnoreCase)
    || !string.IsNullOrEmpty(c["https_port"]) || !string.IsNullOrEmpty(c["HTTPS_PORTS"])
    || c.GetSection("Kestrel:Endpoints").GetChildren().Any(e => (e["Url"] ?? "").StartsWith("https", StringComparison.OrdinalIgnoreCase));
