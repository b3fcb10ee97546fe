using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Access;
using PartyPortal.Features.Accounts;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Web;

public partial class ChangePasswordTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AfterAResetTheUserMustChooseANewPasswordBeforeAnythingElse()
    {
        await using var portal = new PortalFactory(demoData: false);
        var user = await portal.CreateAccountAsync("sec", "First#Pass12", (PortalRole.Leader, null));
        string temporary;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            temporary = (await scope.ServiceProvider.GetRequiredService<AccountService>().ResetPasswordAsync(TestUsers.PartyOffice, user.Id, Ct)).TemporaryPassword!;
        }

        using var client = portal.CreateBrowserClient();
        using var login = await PortalFactory.PostLoginAsync(client, "sec", temporary);
        Assert.EndsWith("/account/change-password", login.Headers.Location!.OriginalString, StringComparison.Ordinal);

        // Any other page sends them back to the password form.
        using var home = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.EndsWith("account/change-password", home.Headers.Location!.OriginalString, StringComparison.Ordinal);

        using var changed = await PostChangeAsync(client, temporary, "Second#Pass34");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        using var after = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);

        await using var db = portal.CreateDbContext();
        Assert.False((await db.Users.SingleAsync(u => u.Id == user.Id, Ct)).MustChangePassword);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.UserName == "sec" && a.Action == AuditActions.ChangePassword, Ct));
    }

    [Fact]
    public async Task AWeakNewPasswordIsRefusedInChineseAndNothingChanges()
    {
        await using var portal = new PortalFactory(demoData: false);
        await portal.CreateAccountAsync("sec", "First#Pass12", (PortalRole.Leader, null));
        using var client = portal.CreateBrowserClient();
        using var _ = await PortalFactory.PostLoginAsync(client, "sec", "First#Pass12");

        using var response = await PostChangeAsync(client, "First#Pass12", "onlylowercase");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("密码需要至少一个", html, StringComparison.Ordinal);
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PortalUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByNameAsync("sec"))!, "First#Pass12"));
    }

    [Fact]
    public async Task SigningOutEndsTheSessionAndIsAudited()
    {
        await using var portal = new PortalFactory(demoData: false);
        await portal.CreateAccountAsync("sec", "First#Pass12", (PortalRole.Leader, null));
        using var client = portal.CreateBrowserClient();
        using var _ = await PortalFactory.PostLoginAsync(client, "sec", "First#Pass12");
        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct);
        var token = Antiforgery().Match(home).Groups[1].Value;

        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        using var logout = await client.PostAsync(new Uri("/account/logout", UriKind.Relative), content, Ct);

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        using var again = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.StartsWith("/account/login", again.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        await using var db = portal.CreateDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.UserName == "sec" && a.Action == AuditActions.SignOut, Ct));
    }

    [Fact]
    public async Task ACookieCopiedBeforeSignOutNoLongerWorksAfterIt()
    {
        await using var portal = new PortalFactory(demoData: false);
        await portal.CreateAccountAsync("sec", "First#Pass12", (PortalRole.Leader, null));
        using var client = portal.CreateBrowserClient();
        using var login = await PortalFactory.PostLoginAsync(client, "sec", "First#Pass12");
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("PartyPortal.Auth=", StringComparison.Ordinal)).Split(';')[0];
        using var copy = portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        using (var before = await copy.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Antiforgery().Match(home).Groups[1].Value });
        using var logout = await client.PostAsync(new Uri("/account/logout", UriKind.Relative), content, Ct);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        using var api = await copy.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Ct);
        using var page = await copy.GetAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.StartsWith("/account/login", page.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigningOutEndsOnlyThatSession()
    {
        await using var portal = new PortalFactory(demoData: false);
        await portal.CreateAccountAsync("sec", "First#Pass12", (PortalRole.Leader, null));
        using var office = portal.CreateBrowserClient();
        using var phone = portal.CreateBrowserClient();
        using var _ = await PortalFactory.PostLoginAsync(office, "sec", "First#Pass12");
        using var __ = await PortalFactory.PostLoginAsync(phone, "sec", "First#Pass12");

        var home = await office.GetStringAsync(new Uri("/", UriKind.Relative), Ct);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Antiforgery().Match(home).Groups[1].Value });
        using var logout = await office.PostAsync(new Uri("/account/logout", UriKind.Relative), content, Ct);

        using var still = await phone.GetAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Fact]
    public async Task SignOutWithoutTheAntiforgeryTokenIsRefused()
    {
        await using var portal = new PortalFactory(demoData: false);
        await portal.CreateAccountAsync("sec", "First#Pass12", (PortalRole.Leader, null));
        using var client = portal.CreateBrowserClient();
        using var _ = await PortalFactory.PostLoginAsync(client, "sec", "First#Pass12");

        using var content = new FormUrlEncodedContent(new Dictionary<string, string>());
        using var logout = await client.PostAsync(new Uri("/account/logout", UriKind.Relative), content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
    }

    private static async Task<HttpResponseMessage> PostChangeAsync(HttpClient client, string current, string next)
    {
        var form = await client.GetStringAsync(new Uri("/account/change-password", UriKind.Relative), Ct);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Antiforgery().Match(form).Groups[1].Value,
            ["_handler"] = "change-password",
            ["Input.Current"] = current,
            ["Input.New"] = next,
            ["Input.Confirm"] = next,
        });
        return await client.PostAsync(new Uri("/account/change-password", UriKind.Relative), content, Ct);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
