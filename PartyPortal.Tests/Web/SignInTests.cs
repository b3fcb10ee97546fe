using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartyPortal.Access;
using PartyPortal.Features.Accounts;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Web;

public class SignInTests
{
    private const string Password = "Correct#Horse9";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/")]
    [InlineData("/accounts")]
    [InlineData("/audit")]
    [InlineData("/account/change-password")]
    [InlineData("/no-such-page")]
    public async Task SignedOutEveryPageLeadsToTheSignInPage(string path)
    {
        await using var portal = new PortalFactory(demoData: false);
        using var client = portal.CreateBrowserClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedOutTheSignInPageAndHealthzAnswer()
    {
        await using var portal = new PortalFactory(demoData: false);
        using var client = portal.CreateBrowserClient();

        var login = await client.GetStringAsync(new Uri("/account/login", UriKind.Relative), Ct);
        Assert.Contains("请登录", login, StringComparison.Ordinal);
        Assert.DoesNotContain("注册", login, StringComparison.Ordinal);
        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var api = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task EveryResponseCarriesTheSecurityHeaders()
    {
        await using var portal = new PortalFactory(demoData: false);
        using var client = portal.CreateBrowserClient();

        using var response = await client.GetAsync(new Uri("/account/login", UriKind.Relative), Ct);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task TheSignInFormSignsInAndTheCookieOpensThePortal()
    {
        await using var portal = new PortalFactory(demoData: false);
        await portal.CreateAccountAsync("office", Password, (PortalRole.PartyOffice, null));
        using var client = portal.CreateBrowserClient();

        using var response = await PortalFactory.PostLoginAsync(client, "office", Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var home = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("office", await home.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await using var db = portal.CreateDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.UserName == "office" && a.Action == AuditActions.SignIn, Ct));
    }

    [Fact]
    public async Task AWrongPasswordShowsAChineseMessageAndIsAudited()
    {
        await using var portal = new PortalFactory(demoData: false);
        await portal.CreateAccountAsync("office", Password, (PortalRole.PartyOffice, null));
        using var client = portal.CreateBrowserClient();

        using var response = await PortalFactory.PostLoginAsync(client, "office", "Wrong#Horse9");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("用户名或密码不正确", html, StringComparison.Ordinal);
        Assert.Contains("value=\"office\"", html, StringComparison.Ordinal);
        await using var db = portal.CreateDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.UserName == "office" && a.Action == AuditActions.SignInFailed, Ct));
    }

    [Fact]
    public async Task FiveFailedAttemptsLockTheAccountEvenForTheRightPassword()
    {
        await using var portal = new PortalFactory(demoData: false);
        await portal.CreateAccountAsync("office", Password, (PortalRole.PartyOffice, null));
        using var client = portal.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            using var wrong = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "office", password = "Wrong#Horse9" }, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var right = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "office", password = Password }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Contains("锁定15分钟", await right.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await using var db = portal.CreateDbContext();
        var user = await db.Users.SingleAsync(u => u.UserName == "office", Ct);
        Assert.True(user.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.UserName == "office" && a.Action == AuditActions.SignInLockedOut, Ct));
    }

    [Fact]
    public async Task TooManySignInAttemptsFromOneAddressAreRateLimited()
    {
        await using var portal = new PortalFactory(demoData: false, new Dictionary<string, string> { ["SignInLimits:PerMinute"] = "3" });
        using var client = portal.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var r = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "nobody", password = "x" }, Ct);
            statuses.Add(r.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task ATokenOpensTheApiAndMeListsTheRolesWithScopes()
    {
        await using var portal = new PortalFactory(demoData: false);
        var branch = await portal.AddBranchAsync();
        await portal.CreateAccountAsync("both", Password, (PortalRole.Leader, null), (PortalRole.Secretary, branch));
        using var client = portal.CreateClient();

        var token = await TokenAsync(client, "both");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        var me = await client.GetFromJsonAsync<MeResponse>("/api/v1/me", Ct);

        Assert.Equal("both", me!.UserName);
        Assert.Equal([new MeRole("Leader", null), new MeRole("Secretary", branch)], me.Roles);
        Assert.True(token.ExpiresAt > DateTimeOffset.UtcNow.AddHours(7));
    }

    [Fact]
    public async Task ADisabledAccountsTokenStopsWorkingAtOnce()
    {
        await using var portal = new PortalFactory(demoData: false);
        var user = await portal.CreateAccountAsync("sec", Password, (PortalRole.Secretary, await portal.AddBranchAsync()));
        using var client = portal.CreateClient();
        var token = await TokenAsync(client, "sec");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        using (var before = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            Assert.True((await accounts.DisableAsync(TestUsers.PartyOffice, user.Id, Ct)).Succeeded);
        }

        using var after = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        using var again = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "sec", password = Password }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Fact]
    public async Task ATokenExpires()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var portal = new PortalFactory(demoData: false, services: s => s.AddSingleton<TimeProvider>(time));
        await portal.CreateAccountAsync("sec", Password, (PortalRole.Secretary, await portal.AddBranchAsync()));
        using var client = portal.CreateClient();
        var token = await TokenAsync(client, "sec");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);

        time.Advance(TimeSpan.FromHours(7.9));
        using (var still = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, still.StatusCode);
        }

        time.Advance(TimeSpan.FromHours(0.2));
        using var expired = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }

    [Fact]
    public async Task ATokenKeepsWorkingAcrossARestart()
    {
        var folder = PortalFactory.NewDataFolder();
        TokenResponse token;
        await using (var first = new PortalFactory(demoData: false, dataFolder: folder) { KeepData = true })
        {
            await first.CreateAccountAsync("sec", Password, (PortalRole.Secretary, await first.AddBranchAsync()));
            using var client = first.CreateClient();
            token = await TokenAsync(client, "sec");
        }

        await using var second = new PortalFactory(demoData: false, dataFolder: folder);
        using var again = second.CreateClient();
        again.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        using var response = await again.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OutsideDemoModeThereIsNoAccountUntilCreateAdmin()
    {
        await using var portal = new PortalFactory(demoData: false);
        await using (var db = portal.CreateDbContext())
        {
            Assert.Equal(0, await db.Users.CountAsync(Ct));
        }

        Environment.SetEnvironmentVariable(AdminCommand.PasswordVariable, Password);
        try
        {
            Assert.Equal(0, await AdminCommand.RunAsync(portal.Services, "chief"));
            Assert.Equal(1, await AdminCommand.RunAsync(portal.Services, "chief"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(AdminCommand.PasswordVariable, null);
        }

        using var client = portal.CreateClient();
        var token = await TokenAsync(client, "chief");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        var me = await client.GetFromJsonAsync<MeResponse>("/api/v1/me", Ct);
        Assert.Equal([new MeRole("PartyOffice", null)], me!.Roles);
    }

    [Fact]
    public void OpenPagesAreRevalidatedWellWithinAMinute()
    {
        Assert.True(PortalRevalidatingAuthenticationStateProvider.Interval <= TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task ADisabledAccountFailsRevalidationSoItsOpenPagesStop()
    {
        await using var portal = new PortalFactory(demoData: false);
        var user = await portal.CreateAccountAsync("sec", Password, (PortalRole.Secretary, await portal.AddBranchAsync()));
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PortalUser>>();
        var principal = await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<PortalUser>>()
            .CreateAsync(await users.FindByIdAsync(user.Id) ?? throw new InvalidOperationException());
        Assert.True(await scope.ServiceProvider.GetRequiredService<AccountValidity>().IsStillValidAsync(principal, Ct));

        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        Assert.True((await accounts.DisableAsync(TestUsers.PartyOffice, user.Id, Ct)).Succeeded);

        await using var fresh = portal.Services.CreateAsyncScope();
        Assert.False(await fresh.ServiceProvider.GetRequiredService<AccountValidity>().IsStillValidAsync(principal, Ct));
    }

    private static async Task<TokenResponse> TokenAsync(HttpClient client, string userName)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = Password }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TokenResponse>(Ct))!;
    }

}
