using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using PartyPortal.Data;
using PartyPortal.Features.Imports;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Web;

/// <summary>
/// The spreadsheet downloads are listed with the API: an integration fetches them with the bearer token it uses for
/// /api/v1 and gets 401/403 problems, never a redirect to a page; a browser keeps its cookie and its sign-in redirect.
/// </summary>
public class ExportTokenTests
{
    private const string Password = "Correct#Horse9";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ABearerTokenDownloadsAnExportAndIsRefusedWithProblemsNotRedirects()
    {
        await using var portal = new PortalFactory(demoData: false);
        var own = await portal.AddBranchAsync("一支部");
        var other = await portal.AddBranchAsync("二支部");
        await using (var db = portal.CreateDbContext())
        {
            await ActivityKindCatalogue.EnsureSeededAsync(db, Ct);
        }

        await portal.CreateAccountAsync("sec", Password, (PortalRole.Secretary, own));
        var token = await portal.TokenAsync("sec", Password);
        using var api = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var members = await GetAsync(api, ImportEndpoints.MembersUrl(own), token);
        Assert.Equal(HttpStatusCode.OK, members.StatusCode);
        Assert.Equal(Workbook.ContentType, members.Content.Headers.ContentType!.MediaType);
        using var template = await GetAsync(api, "/imports/templates/activities.xlsx", token);
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);

        using var refused = await GetAsync(api, ImportEndpoints.MembersUrl(other), token);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);

        using var badToken = await GetAsync(api, ImportEndpoints.MembersUrl(own), token + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, badToken.StatusCode);
        Assert.Equal("application/problem+json", badToken.Content.Headers.ContentType!.MediaType);
        Assert.Contains("登录", await badToken.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // A script with no credentials at all (it asks for the file, not for a page) is an API client too.
        using var noToken = await GetAsync(api, ImportEndpoints.StarRatingsUrl(2024), token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal("application/problem+json", noToken.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task ABrowserWithoutACookieIsStillSentToSignInAndWithItsCookieDownloads()
    {
        await using var portal = new PortalFactory(demoData: false);
        var own = await portal.AddBranchAsync("一支部");
        await portal.CreateAccountAsync("sec", Password, (PortalRole.Secretary, own));
        using var browser = portal.CreateBrowserClient();
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        using var anonymous = await browser.GetAsync(new Uri(ImportEndpoints.MembersUrl(own), UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        using (var login = await PortalFactory.PostLoginAsync(browser, "sec", Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        }

        using var members = await browser.GetAsync(new Uri(ImportEndpoints.MembersUrl(own), UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, members.StatusCode);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request, Ct);
    }
}
