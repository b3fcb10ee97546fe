using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Web;

/// <summary>What the API shows before sign-in: 401 for its endpoints, and the OpenAPI document that describes them.</summary>
public class ApiSurfaceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithoutATokenTheApiAnswers401()
    {
        await using var bureau = await ApiBureau.CreateAsync();
        using var client = bureau.Portal.CreateClient();

        using var list = await client.GetAsync(new Uri("/api/v1/activities", UriKind.Relative), Ct);
        using var post = await client.PostAsJsonAsync("/api/v1/activities", bureau.ThemedPartyDay("匿名"), Ct);
        using var units = await client.GetAsync(new Uri("/api/v1/org-units", UriKind.Relative), Ct);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], [list.StatusCode, post.StatusCode, units.StatusCode]);
        await using var db = bureau.Portal.CreateDbContext();
        Assert.Equal(0, await db.Activities.CountAsync(Ct));
    }

    [Fact]
    public async Task TheOpenApiDocumentIsServedWithoutSignIn()
    {
        await using var portal = new PortalFactory(demoData: false);
        using var client = portal.CreateClient();

        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/activities", out _));
        Assert.True(paths.TryGetProperty("/api/v1/activities/{id}", out _));
        Assert.True(paths.TryGetProperty("/api/v1/org-units", out _));

        var stars = paths.GetProperty("/api/v1/star-ratings").GetProperty("get");
        Assert.Equal("年度党支部星级评定结果", stars.GetProperty("summary").GetString());
        Assert.Contains("不含任何得分", stars.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("year", stars.GetProperty("parameters")[0].GetProperty("name").GetString());
        Assert.True(stars.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(stars.GetProperty("responses").TryGetProperty("400", out _));
        var export = paths.GetProperty("/exports/star-ratings.xlsx").GetProperty("get");
        var sheet = export.GetProperty("responses").GetProperty("200").GetProperty("content")
            .GetProperty("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").GetProperty("schema").GetProperty("$ref").GetString()!;
        var binary = document.GetProperty("components").GetProperty("schemas").GetProperty(sheet.Split('/')[^1]);
        Assert.Equal(("string", "binary"), (binary.GetProperty("type").GetString(), binary.GetProperty("format").GetString()));
    }
}
