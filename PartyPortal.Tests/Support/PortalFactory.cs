using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace PartyPortal.Tests.Support;

/// <summary>The whole portal in-process, on its own SQLite file, configured as an install would be.</summary>
public sealed class PortalFactory(bool demoData) : WebApplicationFactory<Program>
{
    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), "partyportal-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(dataFolder, "portal.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Portal", $"Data Source={DatabasePath}");
        builder.UseSetting("DemoData:Enabled", demoData ? "true" : "false");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(dataFolder))
        {
            Directory.Delete(dataFolder, recursive: true);
        }
    }
}
