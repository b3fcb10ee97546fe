using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PartyPortal.Data;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Web;

/// <summary>
/// Overload is not a fault: an API request that finds every database connection taken (PostgreSQL's pool, waited on
/// for its Timeout) is answered 503 with Retry-After and a zh-CN title saying nothing was saved, not 500.
/// </summary>
public sealed class BusyDatabaseTests
{
    private const string Password = "Correct#Horse9";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARequestThatFindsThePoolExhaustedIsAnswered503WithRetryAfter()
    {
        Assert.SkipUnless(TestServers.OnPostgreSql, "PostgreSQL's connection pool (the PostgreSQL pass)");
        var settings = new Dictionary<string, string>();
        await using var portal = new PortalFactory(demoData: false, settings);
        settings["ConnectionStrings:Portal"] = new NpgsqlConnectionStringBuilder(portal.Database.ConnectionString) { MaxPoolSize = 2, Timeout = 1 }.ConnectionString;
        await portal.AddBranchAsync();
        await portal.CreateAccountAsync("office", Password, (PortalRole.PartyOffice, null));
        using var office = await portal.CreateTokenClientAsync("office", Password);

        // Both of the pool's connections held, as by two long writes.
        var factory = portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var first = await factory.CreateDbContextAsync(Ct);
        await using var second = await factory.CreateDbContextAsync(Ct);
        await first.Database.OpenConnectionAsync(Ct);
        await second.Database.OpenConnectionAsync(Ct);

        using var busy = await office.GetAsync(new Uri("/api/v1/org-units", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.Equal("5", busy.Headers.RetryAfter?.ToString());
        var problem = await busy.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("系统繁忙，本次提交未保存，请稍后重试。", problem.GetProperty("title").GetString());

        // Once a connection is free again, the same request is answered.
        await second.Database.CloseConnectionAsync();
        using var answered = await office.GetAsync(new Uri("/api/v1/org-units", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }
}
