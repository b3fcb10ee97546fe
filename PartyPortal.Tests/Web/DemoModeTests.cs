using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Features.Accounts;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Web;

/// <summary>A real install is never a demo: demo data and demo accounts only in Development or when asked for.</summary>
public class DemoModeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AProductionStartWithTheShippedSettingsHasNoAccountAndNoDemoBureau()
    {
        await using var portal = new PortalFactory(demoData: null);
        using var client = portal.CreateClient();

        using var token = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "admin", password = DemoAccounts.Password }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
        await using var db = portal.CreateDbContext();
        Assert.Equal(0, await db.Users.CountAsync(Ct));
        Assert.Equal(0, await db.OrgUnits.CountAsync(Ct));
    }

    [Fact]
    public async Task TheDevelopmentProfileThatDotnetRunUsesStartsTheDemo()
    {
        await using var portal = new PortalFactory(demoData: null) { Environment = "Development" };
        using var client = portal.CreateClient();

        foreach (var name in new[] { "admin", "leader", "secretary1", "secretary2", "county1", "discipline" })
        {
            using var r = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = name, password = DemoAccounts.Password }, Ct);
            Assert.True(r.StatusCode == HttpStatusCode.OK, name);
        }

        await using var db = portal.CreateDbContext();
        Assert.True(await db.OrgUnits.CountAsync(Ct) > 100);
    }

    /// <summary>
    /// The command as an operator runs it (<c>dotnet run --project PartyPortal -- create-admin chief</c>, so in the
    /// Development profile where demo mode is on): a separate process on an empty database.
    /// </summary>
    [Fact]
    public async Task CreateAdminNeverSeedsTheDemoBureau()
    {
        var folder = PortalFactory.NewDataFolder();
        Directory.CreateDirectory(folder);
        try
        {
            var database = Path.Combine(folder, "portal.db");
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = AppContext.BaseDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "PartyPortal.dll"), AdminCommand.Name, "chief" })
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            start.Environment["ConnectionStrings__Portal"] = $"Data Source={database}";
            start.Environment[AdminCommand.PasswordVariable] = "Correct#Horse9";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(Ct);
            var errors = process.StandardError.ReadToEndAsync(Ct);
            await process.WaitForExitAsync(Ct);

            Assert.True(process.ExitCode == 0, await output + await errors);
            await using var db = new TestDatabaseAt(database).CreateDbContext();
            Assert.Equal(["chief"], await db.Users.Select(u => u.UserName).ToListAsync(Ct));
            Assert.Equal(0, await db.OrgUnits.CountAsync(Ct));
            Assert.Equal(0, await db.Members.CountAsync(Ct));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class TestDatabaseAt(string path)
    {
        public PartyPortal.Data.PortalDbContext CreateDbContext()
        {
            var options = new DbContextOptionsBuilder<PartyPortal.Data.PortalDbContext>();
            PartyPortal.Data.PortalDatabase.Configure(options, $"Data Source={path};Pooling=False");
            return new PartyPortal.Data.PortalDbContext(options.Options);
        }
    }
}
