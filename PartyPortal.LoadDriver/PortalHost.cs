using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace PartyPortal.LoadDriver;

/// <summary>
/// The whole portal in this process on a real Kestrel socket, on a fresh data folder with the demo bureau, configured
/// as an install is (Production). Starting it runs the migrations and the demo generator before the server listens.
/// </summary>
internal sealed class PortalHost : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string> settings;
    private readonly Probes probes;

    public PortalHost(IReadOnlyDictionary<string, string> settings, Probes probes)
    {
        this.settings = settings;
        this.probes = probes;
        UseKestrel(0);
    }

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "partyportal-load", Guid.NewGuid().ToString("N"));

    /// <summary>Where Kestrel listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address
    {
        get
        {
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            return new Uri(addresses?.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel reports no address."));
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Portal", $"Data Source={Path.Combine(DataFolder, "portal.db")}");
        builder.UseSetting("DemoData:Enabled", "true");
        // The driver prints its own report; the portal's information lines would bury it.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton(probes.StartupFilter));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataFolder))
        {
            Directory.Delete(DataFolder, recursive: true);
        }
    }
}
