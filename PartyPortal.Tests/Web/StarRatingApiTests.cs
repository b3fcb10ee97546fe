using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Data.DemoData;
using PartyPortal.Features.Accounts;
using PartyPortal.Features.Imports;
using PartyPortal.Features.StarRatings;
using PartyPortal.Model;
using PartyPortal.Tests.Features.Imports;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Web;

/// <summary>One demo portal (its own SQLite file, seeded as <c>dotnet run</c> seeds it) for the star-rating reads.</summary>
public sealed class StarRatingDemoPortal : IAsyncLifetime
{
    public PortalFactory Portal { get; } = new(demoData: true);

    public DateOnly Today { get; private set; }

    /// <summary>The latest year published on its February 20.</summary>
    public int PublishedYear => Today >= new DateOnly(Today.Year, 2, 20) ? Today.Year - 1 : Today.Year - 2;

    public async ValueTask InitializeAsync()
    {
        using var client = Portal.CreateClient(); // starts the portal: migrations, the demo bureau, the demo accounts
        Today = Portal.Services.GetRequiredService<BureauClock>().Today;
        await Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => Portal.DisposeAsync();
}

/// <summary><c>GET /api/v1/star-ratings</c> and <c>/exports/star-ratings.xlsx</c> over real HTTP on the demo bureau.</summary>
public sealed class StarRatingApiTests(StarRatingDemoPortal demo) : IClassFixture<StarRatingDemoPortal>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithoutATokenOrCookieTheAnswerIsA401Problem()
    {
        using var client = demo.Portal.CreateClient();

        using var response = await client.GetAsync(new Uri($"/api/v1/star-ratings?year={demo.PublishedYear}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task BeforeTheDecisionASecretarySeesOnlyTheirOwnBranchsStateAndNoScores()
    {
        using var secretary = await demo.Portal.CreateTokenClientAsync("secretary2", DemoAccounts.Password);
        using var county = await demo.Portal.CreateTokenClientAsync("county1", DemoAccounts.Password);
        using var leader = await demo.Portal.CreateTokenClientAsync("leader", DemoAccounts.Password);

        var body = await secretary.GetFromJsonAsync<JsonElement>("/api/v1/star-ratings", Ct); // this year by default

        Assert.Equal((demo.Today.Year, "assessing"), (body.GetProperty("year").GetInt32(), body.GetProperty("state").GetString()));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("results").ValueKind);
        var own = Assert.Single(body.GetProperty("assessments").EnumerateArray());
        Assert.Equal(("draft", "自评中", JsonValueKind.Null), (own.GetProperty("status").GetString(), own.GetProperty("statusName").GetString(), own.GetProperty("submittedAt").ValueKind));
        Assert.Equal(await Secretary2BranchAsync(), own.GetProperty("branchId").GetInt32());
        Assert.EndsWith(" / " + own.GetProperty("branch").GetString(), own.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(own.EnumerateObject(), p => p.Name.Contains("score", StringComparison.OrdinalIgnoreCase) || p.Name == "stars");

        var inCounty = (await county.GetFromJsonAsync<JsonElement>($"/api/v1/star-ratings?year={demo.Today.Year}", Ct)).GetProperty("assessments").EnumerateArray().ToList();
        Assert.InRange(inCounty.Count, 2, 20);
        Assert.All(inCounty, a => Assert.Equal(own.GetProperty("parentId").GetInt32(), a.GetProperty("parentId").GetInt32()));
        var all = (await leader.GetFromJsonAsync<JsonElement>($"/api/v1/star-ratings?year={demo.Today.Year}", Ct)).GetProperty("assessments").EnumerateArray().ToList();
        Assert.Equal(["approved", "draft", "notStarted", "returned", "submitted"], all.Select(a => a.GetProperty("status").GetString() ?? "notStarted").Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EveryRoleSeesEveryRatedBranchOfAPublishedYearWithItsLaterChanges()
    {
        int rated;
        await using (var db = demo.Portal.CreateDbContext())
        {
            rated = (await StarLedger.RatedBranchesAsync(db, demo.PublishedYear, Ct)).Count;
        }

        foreach (var user in (string[])["admin", "leader", "secretary1", "secretary2", "county1", "discipline"])
        {
            using var client = await demo.Portal.CreateTokenClientAsync(user, DemoAccounts.Password);

            var body = await client.GetFromJsonAsync<JsonElement>($"/api/v1/star-ratings?year={demo.PublishedYear}", Ct);

            Assert.Equal("published", body.GetProperty("state").GetString());
            Assert.Equal($"{demo.PublishedYear + 1}-02-20", body.GetProperty("publishedOn").GetString());
            Assert.True(body.GetProperty("fiveStarQuota").GetInt32() > 0);
            var results = body.GetProperty("results").EnumerateArray().ToList();
            Assert.Equal(rated, results.Count);
            Assert.InRange(results.Count(r => r.GetProperty("stars").GetInt32() == 5), 1, body.GetProperty("fiveStarQuota").GetInt32());
            Assert.Contains(results, r => r.GetProperty("reason").GetString() == FiveStarQuota.QuotaFullReason);
            Assert.All(results, r => Assert.True(r.GetProperty("score").GetDecimal() > 0 && r.GetProperty("path").GetString()!.Length > 0));
            var lowered = Assert.Single(results, r => r.GetProperty("changes").GetArrayLength() > 0);
            var change = lowered.GetProperty("changes")[0];
            Assert.Equal((4, 3, false), (change.GetProperty("fromStars").GetInt32(), change.GetProperty("toStars").GetInt32(), change.GetProperty("revoked").GetBoolean()));
            Assert.Equal(3, lowered.GetProperty("stars").GetInt32());
            Assert.Equal(JsonValueKind.Null, body.GetProperty("assessments").ValueKind);
        }
    }

    [Theory]
    [InlineData(2017)]
    [InlineData(9999)]
    public async Task AYearOutsideTheBureausLifetimeIsA400ProblemInChinese(int year)
    {
        using var client = await demo.Portal.CreateTokenClientAsync("admin", DemoAccounts.Password);

        using var response = await client.GetAsync(new Uri($"/api/v1/star-ratings?year={year}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(StarRatingEndpoints.InvalidQueryTitle, problem.GetProperty("title").GetString());
        Assert.Equal($"年度应在2018年至{demo.Today.Year + 1}年之间。", problem.GetProperty("errors").GetProperty("year")[0].GetString());
    }

    [Fact]
    public async Task TheCommitteesSpreadsheetOpensWithARowPerRatedBranch()
    {
        using var admin = demo.Portal.CreateBrowserClient();
        using (var login = await PortalFactory.PostLoginAsync(admin, "admin", DemoAccounts.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        }

        using var response = await admin.GetAsync(new Uri(ImportEndpoints.StarRatingsUrl(demo.PublishedYear), UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Workbook.ContentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"星级评定{demo.PublishedYear}.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
        var book = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(ExportService.StarRatingColumns, Xlsx.Header(book, "星级评定"));
        var rows = Xlsx.Rows(book, "星级评定");
        await using (var db = demo.Portal.CreateDbContext())
        {
            Assert.Equal((await StarLedger.RatedBranchesAsync(db, demo.PublishedYear, Ct)).Count, rows.Count);
        }

        Assert.All(rows, r => Assert.Equal("已发布", r["状态"]));
        Assert.All(rows, r => Assert.InRange(Convert.ToInt32(r["星级"], System.Globalization.CultureInfo.InvariantCulture), 1, 5));
        Assert.Contains(rows, r => (string?)r["说明"] == FiveStarQuota.QuotaFullReason);

        using var thisYear = await admin.GetAsync(new Uri(ImportEndpoints.StarRatingsUrl(demo.Today.Year), UriKind.Relative), Ct);
        var states = Xlsx.Rows(await thisYear.Content.ReadAsByteArrayAsync(Ct), "星级评定").Select(r => (string)r["状态"]!).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(((string[])["审核通过", "已提交", "未开始", "自评中", "退回修改"]).Order(StringComparer.Ordinal), states);

        using var secretary = demo.Portal.CreateBrowserClient();
        using (await PortalFactory.PostLoginAsync(secretary, "secretary2", DemoAccounts.Password))
        {
        }

        using var refused = await secretary.GetAsync(new Uri(ImportEndpoints.StarRatingsUrl(demo.PublishedYear), UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var outOfRange = await admin.GetAsync(new Uri(ImportEndpoints.StarRatingsUrl(2017), UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
    }

    private async Task<int> Secretary2BranchAsync()
    {
        await using var db = demo.Portal.CreateDbContext();
        var units = await db.OrgUnits.OrderBy(u => u.SortOrder).ToListAsync(Ct);
        return DemoAccountUnits.Find(units, (await db.BureauSettings.SingleAsync(Ct)).DistrictName).CountyBranch!.Id;
    }
}
