using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Web;

/// <summary>The 大屏 API and the token's reach: a screen's URL opens its page and nothing else.</summary>
public sealed class ScreenApiTests : IAsyncLifetime
{
    private const string Password = "Correct#Horse9";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly PortalFactory portal = new(demoData: false);
    private int branch;

    public async ValueTask InitializeAsync()
    {
        branch = await portal.AddBranchAsync();
        await portal.CreateAccountAsync("office", Password, (PortalRole.PartyOffice, null));
        await portal.CreateAccountAsync("sec", Password, (PortalRole.Secretary, branch));
    }

    public ValueTask DisposeAsync() => portal.DisposeAsync();

    private async Task<JsonElement> CreateAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/screens", new { name = "三楼会议室", scopeOrgUnitId = branch, rotationSeconds = 10 }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    [Fact]
    public async Task PartyOfficeCreatesAScreenAndItsUrlOpensThePageWithoutSigningIn()
    {
        using var office = await portal.CreateTokenClientAsync("office", Password);

        var body = await CreateAsync(office);

        Assert.True(body.GetProperty("id").GetInt32() > 0);
        Assert.Equal(10, body.GetProperty("rotationSeconds").GetInt32());
        var url = new Uri(body.GetProperty("url").GetString()!);
        Assert.Matches("^/screen/[A-Za-z0-9_-]{43}$", url.AbsolutePath);
        using var browser = portal.CreateBrowserClient();
        using var page = await browser.GetAsync(url.AbsolutePath, Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("data-metric=\"activity-count\"", html, StringComparison.Ordinal);
        Assert.Contains("js/screen.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("MudBlazor.min.js", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteRevokesTheScreenAndItsPageSaysSo()
    {
        using var office = await portal.CreateTokenClientAsync("office", Password);
        var body = await CreateAsync(office);
        var path = new Uri(body.GetProperty("url").GetString()!).AbsolutePath;

        using var deleted = await office.DeleteAsync(new Uri($"/api/v1/screens/{body.GetProperty("id").GetInt32()}", UriKind.Relative), Ct);
        using var missing = await office.DeleteAsync(new Uri("/api/v1/screens/999999", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var browser = portal.CreateBrowserClient();
        var html = await browser.GetStringAsync(new Uri(path, UriKind.Relative), Ct);
        Assert.Contains("已停用", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-metric", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASecretaryMayNotCreateAScreenAndBadInputIsAProblem()
    {
        using var sec = await portal.CreateTokenClientAsync("sec", Password);
        using var office = await portal.CreateTokenClientAsync("office", Password);

        using var refused = await sec.PostAsJsonAsync("/api/v1/screens", new { name = "我的大屏", scopeOrgUnitId = branch, rotationSeconds = 10 }, Ct);
        using var invalid = await office.PostAsJsonAsync("/api/v1/screens", new { name = "", scopeOrgUnitId = branch, rotationSeconds = 1 }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("rotationSeconds", out _));
    }

    [Fact]
    public async Task TheScreenTokenOpensNoOtherPageAndWritesNothing()
    {
        using var office = await portal.CreateTokenClientAsync("office", Password);
        var url = new Uri((await CreateAsync(office)).GetProperty("url").GetString()!);
        var token = url.AbsolutePath["/screen/".Length..];
        using var browser = portal.CreateBrowserClient();
        browser.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        using var dashboard = await browser.GetAsync(new Uri($"/dashboard?token={token}", UriKind.Relative), Ct);
        using var write = await browser.PostAsJsonAsync("/api/v1/screens", new { name = "偷偷建的", scopeOrgUnitId = branch, rotationSeconds = 10 }, Ct);
        using var wrong = await browser.GetAsync(new Uri("/screen/" + new string('A', 43), UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
        Assert.Contains("/account/login", dashboard.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        Assert.Contains("大屏链接无效", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
