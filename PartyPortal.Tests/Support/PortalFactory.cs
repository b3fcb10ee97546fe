using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Tests.Support;

/// <summary>
/// The whole portal in-process, on its own SQLite file, configured as an install would be: the Production
/// environment unless <see cref="Environment"/> says otherwise, demo mode as <c>demoData</c> says (null: as the
/// environment's appsettings say).
/// </summary>
public sealed class PortalFactory(
    bool? demoData,
    IReadOnlyDictionary<string, string>? settings = null,
    Action<IServiceCollection>? services = null,
    string? dataFolder = null) : WebApplicationFactory<Program>
{
    public string DataFolder { get; } = dataFolder ?? NewDataFolder();

    public string DatabasePath => Path.Combine(DataFolder, "portal.db");

    /// <summary>Keep the data folder when disposed, to start a second portal on it (a restart).</summary>
    public bool KeepData { get; init; }

    /// <summary>
    /// Serve the styles and scripts from the build output, as a published install serves them from wwwroot:
    /// a browser needs them (no circuit starts without blazor.web.js); HTTP-level tests do not.
    /// </summary>
    public bool StaticWebAssets { get; init; }

    public string Environment { get; init; } = "Production";

    private PortalConnection? database;

    /// <summary>
    /// The portal's database, there before the portal starts (a test may write into it what the start must find): a
    /// SQLite file in the data folder, or on the PostgreSQL pass a database named after the data folder, so a second
    /// portal on the same folder (a restart) finds it.
    /// </summary>
    public PortalConnection Database => database ??= !TestServers.OnPostgreSql
        ? new PortalConnection(DatabaseProvider.Sqlite, $"Data Source={DatabasePath}")
        : Directory.Exists(DataFolder) && File.Exists(PostgreSqlMarker)
            ? TestServers.Connection(PostgreSqlName)
            : CreatePostgreSqlDatabase();

    private string PostgreSqlName => "pp_" + Path.GetFileName(DataFolder);

    private string PostgreSqlMarker => Path.Combine(DataFolder, "postgresql-database");

    private PortalConnection CreatePostgreSqlDatabase()
    {
        var created = TestServers.CreatePostgreSqlDatabase(PostgreSqlName);
        Directory.CreateDirectory(DataFolder);
        File.WriteAllText(PostgreSqlMarker, PostgreSqlName);
        return created;
    }

    public static string NewDataFolder() => Path.Combine(Path.GetTempPath(), "partyportal-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        if (StaticWebAssets)
        {
            builder.UseStaticWebAssets();
        }

        builder.UseSetting(PortalDatabase.ProviderSetting, Database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Portal", Database.ConnectionString);
        if (TestServers.OnPostgreSql)
        {
            // As a single node on PostgreSQL may: migrate (nothing is pending on the template's copy) and seed at start.
            builder.UseSetting(DatabaseInitializer.MigrateAtStartSetting, "true");

            // A shared database's key ring must be encrypted at rest, as an operator's install would be.
            builder.UseSetting(PartyPortal.Access.KeyRing.CertificateSetting, TestCertificate.Path);
            builder.UseSetting(PartyPortal.Access.KeyRing.CertificatePasswordSetting, TestCertificate.Password);
        }

        if (demoData is { } demo)
        {
            builder.UseSetting("DemoData:Enabled", demo ? "true" : "false");
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
    }

    public HttpClient CreateBrowserClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Creates an account directly, as PartyOffice would, with a known password.</summary>
    public async Task<PortalUser> CreateAccountAsync(string userName, string password, params (PortalRole Role, int? OrgUnitId)[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var user = new PortalUser { UserName = userName, DisplayName = userName };
        foreach (var (role, orgUnitId) in roles)
        {
            db.RoleAssignments.Add(new RoleAssignment { UserId = user.Id, Role = role, OrgUnitId = orgUnitId });
        }

        var result = await users.CreateAsync(user, password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        return user;
    }

    /// <summary>A municipal committee with one branch under it; returns the branch's id.</summary>
    public async Task<int> AddBranchAsync(string name = "办公室党支部")
    {
        await using var db = CreateDbContext();
        var root = await db.OrgUnits.FirstOrDefaultAsync(u => u.ParentId == null)
            ?? await TestTree.AddUnitAsync(db, "测试市局党委", OrgUnitType.MunicipalCommittee, null);
        var branch = await TestTree.AddUnitAsync(db, name, OrgUnitType.Branch, root);
        Services.GetRequiredService<PartyPortal.Access.OrgTree>().Invalidate();
        return branch.Id;
    }

    /// <summary>Signs in through the real sign-in form (antiforgery token and all), leaving the cookie in the client.</summary>
    /// <param name="returnUrl">The ReturnUrl query value, already escaped, as a link to the sign-in page would carry it.</param>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password, string? returnUrl = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var ct = TestContext.Current.CancellationToken;
        var address = new Uri("/account/login" + (returnUrl is null ? "" : "?ReturnUrl=" + returnUrl), UriKind.Relative);
        var form = await client.GetStringAsync(address, ct);
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });
        return await client.PostAsync(address, content, ct);
    }

    /// <summary>An API token from <c>POST /api/v1/auth/token</c>, as an integration would get one.</summary>
    public async Task<string> TokenAsync(string userName, string password)
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password }, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PartyPortal.Features.Accounts.TokenResponse>(TestContext.Current.CancellationToken))!.AccessToken;
    }

    /// <summary>A client that sends a bearer token of <paramref name="userName"/>.</summary>
    public async Task<HttpClient> CreateTokenClientAsync(string userName, string password)
    {
        var token = await TokenAsync(userName, password);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A .NET SignalR client of <c>/hubs/metrics</c>, not yet started.</summary>
    public HubConnection ConnectMetricsHub(Action<HttpConnectionOptions>? configure = null, string query = "") =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(Server.BaseAddress, PartyPortal.Live.MetricsHub.Path + query), options =>
            {
                // The test server has no sockets: long polling over its in-memory handler.
                options.Transports = HttpTransportType.LongPolling;
                options.HttpMessageHandlerFactory = _ => Server.CreateHandler();
                configure?.Invoke(options);
            })
            .Build();

    public PortalDbContext CreateDbContext() => Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (!KeepData && database is { Provider: DatabaseProvider.PostgreSQL })
        {
            TestServers.DropPostgreSqlDatabase(PostgreSqlName);
        }

        if (!KeepData && Directory.Exists(DataFolder))
        {
            // A connection the host's last work closed may write SQLite's -wal/-shm back while the folder goes (seen
            // once, after the fuzz test's 1,320 requests: "Directory not empty"): clear and try again.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    Directory.Delete(DataFolder, recursive: true);
                    break;
                }
                catch (IOException) when (attempt < 5)
                {
                    SqliteConnection.ClearAllPools();
                    await Task.Delay(200);
                }
            }
        }
    }
}
