using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Access;
using PartyPortal.Features.Accounts;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Web;

/// <summary>An account with a one-time password does nothing but choose its own: no API token, no API through its cookie.</summary>
public class OneTimePasswordTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAccountThatMustChangeItsPasswordGetsNoToken()
    {
        await using var portal = new PortalFactory(demoData: false);
        var temporary = await NewAccountAsync(portal);
        using var client = portal.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "newcomer", password = temporary }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("修改初始密码", body, StringComparison.Ordinal);
        Assert.DoesNotContain("accessToken", body, StringComparison.Ordinal);
        await using var db = portal.CreateDbContext();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.UserName == "newcomer" && a.Action == AuditActions.TokenIssued, Ct));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.UserName == "newcomer" && a.Action == AuditActions.TokenRefused, Ct));
    }

    [Fact]
    public async Task ItsSignInCookieOpensNoApi()
    {
        await using var portal = new PortalFactory(demoData: false);
        var temporary = await NewAccountAsync(portal);
        using var client = portal.CreateBrowserClient();
        using var login = await PortalFactory.PostLoginAsync(client, "newcomer", temporary);
        Assert.EndsWith("/account/change-password", login.Headers.Location!.OriginalString, StringComparison.Ordinal);

        using var me = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct);
        using var activities = await client.GetAsync(new Uri("/api/v1/activities", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, me.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, activities.StatusCode);
    }

    [Fact]
    public async Task ItsPrincipalIsRefusedEveryOperation()
    {
        await using var portal = new PortalFactory(demoData: false);
        await NewAccountAsync(portal);
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PortalUser>>();
        var principal = await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<PortalUser>>()
            .CreateAsync((await users.FindByNameAsync("newcomer"))!);
        var guard = scope.ServiceProvider.GetRequiredService<AccessGuard>();

        Assert.False(await guard.AllowsAsync(principal, Operation.ViewOverview));
        Assert.Empty(await guard.UnitsAllowingAsync(principal, Operation.ViewOverview, Ct));
    }

    /// <summary>A leader's account opened on 账户, as PartyOffice does: it has a one-time password.</summary>
    private static async Task<string> NewAccountAsync(PortalFactory portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var created = await accounts.CreateAsync(TestUsers.PartyOffice,
            new NewAccount { UserName = "newcomer", DisplayName = "新同志", Roles = [new RolePair { Role = PortalRole.Leader, OrgUnitId = null }] }, Ct);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Values));
        return created.TemporaryPassword!;
    }
}
