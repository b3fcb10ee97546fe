using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Web;

/// <summary>
/// Every error the API answers is an RFC 9457 problem (application/problem+json) with a zh-CN title, in every
/// environment, with no stack trace and nothing of the request echoed back.
/// </summary>
public class ApiErrorTests
{
    private const string Password = "Correct#Horse9";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task MalformedJsonIsAPlainProblemThatEchoesNothing(string environment)
    {
        await using var portal = new PortalFactory(demoData: false) { Environment = environment };
        await portal.AddBranchAsync();
        await portal.CreateAccountAsync("office", Password, (PortalRole.PartyOffice, null));
        var token = await portal.TokenAsync("office", Password);
        using var client = portal.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/activities", UriKind.Relative))
        {
            Content = new StringContent("{\"kindCode\": \"x\", ", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.ParseAdd("application/json");

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertPlainProblemAsync(response, token);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task AServerFaultIsAProblemWithoutAStackTrace(string environment)
    {
        await using var portal = new PortalFactory(demoData: false) { Environment = environment };
        await portal.CreateAccountAsync("office", Password, (PortalRole.PartyOffice, null));
        var token = await portal.TokenAsync("office", Password);
        using var client = portal.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // A database that lost a table: the query behind the catalogue fails as it would on a broken install.
        await using (var db = portal.CreateDbContext())
        {
            // SQLite would otherwise rewrite the other tables' foreign keys to follow the renamed table.
            await db.Database.ExecuteSqlRawAsync(
                db.Database.IsSqlite()
                    ? "PRAGMA foreign_keys=OFF; ALTER TABLE \"ActivityKinds\" RENAME TO \"ActivityKindsGone\";"
                    : "ALTER TABLE \"ActivityKinds\" RENAME TO \"ActivityKindsGone\";",
                Ct);
        }

        using var response = await client.GetAsync(new Uri("/api/v1/activity-kinds", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        await AssertPlainProblemAsync(response, token);
    }

    /// <summary>
    /// Found by the PostgreSQL pass of the fuzz test: U+0000 in a string reached the database, which refuses it (500).
    /// Refused at the door on either database: in JSON, in a query string and in a form.
    /// </summary>
    [Fact]
    public async Task ANulCharacterAnywhereInARequestIsAProblemNotAServerError()
    {
        await using var portal = new PortalFactory(demoData: false);
        await portal.CreateAccountAsync("office", Password, (PortalRole.PartyOffice, null));
        using var client = portal.CreateClient();

        using var json = await client.PostAsync(new Uri("/api/v1/auth/token", UriKind.Relative),
            new StringContent("{\"userName\":\"off\\u0000ice\",\"password\":\"x\"}", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        var named = await json.Content.ReadAsStringAsync(Ct);
        Assert.Contains("\"userName\"", named, StringComparison.Ordinal);
        Assert.Contains("控制字符", named, StringComparison.Ordinal);

        using var query = await client.GetAsync(new Uri("/api/v1/activities?kind=%00", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, query.StatusCode);
        Assert.Contains("空字符", await query.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        using var browser = portal.CreateBrowserClient();
        using var form = await PortalFactory.PostLoginAsync(browser, "off\0ice", Password);
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/no-such-thing")]
    [InlineData("/api/v2/activities")]
    [InlineData("/api/v1/activities/abc")]
    public async Task AnUnknownApiAddressIsNotFoundForEveryone(string path)
    {
        await using var portal = new PortalFactory(demoData: false);
        using var client = portal.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await AssertPlainProblemAsync(response, null);
    }

    [Fact]
    public async Task WithoutCredentialsTheApiAnswersAProblem401()
    {
        await using var portal = new PortalFactory(demoData: false);
        using var client = portal.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/activities", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertPlainProblemAsync(response, null);
    }

    [Fact]
    public async Task AnonymousHubNegotiationIsRefusedWith401NotARedirect()
    {
        await using var portal = new PortalFactory(demoData: false);
        using var client = portal.CreateBrowserClient();

        using var response = await client.PostAsync(new Uri("/hubs/metrics/negotiate?negotiateVersion=1", UriKind.Relative), null, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TooManyTokenRequestsAre429WithRetryAfterAsAProblem()
    {
        await using var portal = new PortalFactory(demoData: false, new Dictionary<string, string> { ["SignInLimits:PerMinute"] = "1" });
        using var client = portal.CreateClient();
        using var first = await client.PostAsync(new Uri("/api/v1/auth/token", UriKind.Relative), Json("{\"userName\":\"a\",\"password\":\"b\"}"), Ct);

        using var second = await client.PostAsync(new Uri("/api/v1/auth/token", UriKind.Relative), Json("{\"userName\":\"a\",\"password\":\"b\"}"), Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.NotNull(second.Headers.RetryAfter?.Delta);
        Assert.InRange(second.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        await AssertPlainProblemAsync(second, null);
    }

    [Fact]
    public async Task TooManySignInsFromTheFormAre429WithAChinesePageAndRetryAfter()
    {
        await using var portal = new PortalFactory(demoData: false, new Dictionary<string, string> { ["SignInLimits:PerMinute"] = "1" });
        using var client = portal.CreateBrowserClient();
        using var first = await PortalFactory.PostLoginAsync(client, "a", "wrong-password");

        using var second = await PortalFactory.PostLoginAsync(client, "a", "wrong-password");

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.NotNull(second.Headers.RetryAfter?.Delta);
        var html = await second.Content.ReadAsStringAsync(Ct);
        Assert.Contains("登录尝试过于频繁", html, StringComparison.Ordinal);
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    internal static async Task AssertPlainProblemAsync(HttpResponseMessage response, string? secret)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", body);
        using var json = System.Text.Json.JsonDocument.Parse(body);
        var title = json.RootElement.GetProperty("title").GetString() ?? "";
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", title);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Authorization", body, StringComparison.OrdinalIgnoreCase);
        if (secret is not null)
        {
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
        }
    }
}
