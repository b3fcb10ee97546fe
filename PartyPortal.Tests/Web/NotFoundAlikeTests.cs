using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Model;
using PartyPortal.Tests.Support;
using static PartyPortal.Tests.Support.ApiBureau;

namespace PartyPortal.Tests.Web;

/// <summary>
/// A record or unit outside the caller's scope answers exactly as one that does not exist (404, the same problem),
/// so the API does not tell which ids exist elsewhere; the refusal is still audited.
/// </summary>
public class NotFoundAlikeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnotherBranchsActivityIsNotFoundForReadingEditingAndDeleting()
    {
        await using var bureau = await CreateAsync();
        using var office = await bureau.ClientAsync("office");
        using var created = await office.PostAsJsonAsync("/api/v1/activities", new
        {
            kindCode = "themed-party-day", orgUnitId = bureau.BranchB, date = Day(Today.AddDays(-3)), title = "二支部主题党日",
            attendance = new[] { new { memberId = bureau.MemberB, status = "present" } },
        }, Ct);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt32();
        using var sec = await bureau.ClientAsync("sec");

        foreach (var target in new[] { id, 987_654 })
        {
            using var get = await sec.GetAsync(new Uri($"/api/v1/activities/{target}", UriKind.Relative), Ct);
            using var put = await sec.PutAsJsonAsync($"/api/v1/activities/{target}", bureau.ThemedPartyDay("改"), Ct);
            using var delete = await sec.DeleteAsync(new Uri($"/api/v1/activities/{target}", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
            Assert.Contains(put.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.PreconditionRequired });
            Assert.Equal("application/problem+json", get.Content.Headers.ContentType?.MediaType);
        }

        await using var db = bureau.Portal.CreateDbContext();
        Assert.False((await db.Activities.SingleAsync(a => a.Id == id, Ct)).IsDeleted);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.Refused && a.UserName == "sec", Ct));
    }

    [Fact]
    public async Task GetAnswersTheSameProblemForElsewhereAndNowhere()
    {
        await using var bureau = await CreateAsync();
        using var office = await bureau.ClientAsync("office");
        using var created = await office.PostAsJsonAsync("/api/v1/activities", new
        {
            kindCode = "themed-party-day", orgUnitId = bureau.BranchB, date = Day(Today.AddDays(-3)), title = "二支部主题党日",
            attendance = new[] { new { memberId = bureau.MemberB, status = "present" } },
        }, Ct);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt32();
        using var sec = await bureau.ClientAsync("sec");

        using var elsewhere = await sec.GetAsync(new Uri($"/api/v1/activities/{id}", UriKind.Relative), Ct);
        using var nowhere = await sec.GetAsync(new Uri("/api/v1/activities/987654", UriKind.Relative), Ct);

        Assert.Equal(Title(await elsewhere.Content.ReadAsStringAsync(Ct)), Title(await nowhere.Content.ReadAsStringAsync(Ct)));
    }

    [Fact]
    public async Task AnotherScopesScreenIsNotFoundWhenRevoked()
    {
        await using var bureau = await CreateAsync();
        await bureau.Portal.CreateAccountAsync("officeA", Password, (PortalRole.PartyOffice, bureau.BranchA));
        using var office = await bureau.ClientAsync("office");
        using var created = await office.PostAsJsonAsync("/api/v1/screens", new { name = "二支部活动室", scopeOrgUnitId = bureau.BranchB, rotationSeconds = 10 }, Ct);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt32();
        using var officeA = await bureau.ClientAsync("officeA");

        using var elsewhere = await officeA.DeleteAsync(new Uri($"/api/v1/screens/{id}", UriKind.Relative), Ct);
        using var nowhere = await officeA.DeleteAsync(new Uri("/api/v1/screens/987654", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
        Assert.Equal(Title(await elsewhere.Content.ReadAsStringAsync(Ct)), Title(await nowhere.Content.ReadAsStringAsync(Ct)));
        await using var db = bureau.Portal.CreateDbContext();
        Assert.Null((await db.Screens.SingleAsync(s => s.Id == id, Ct)).RevokedAt);
    }

    [Fact]
    public async Task AnotherScopesMetricsAndMembersAreNotFoundLikeUnknownUnits()
    {
        await using var bureau = await CreateAsync();
        using var sec = await bureau.ClientAsync("sec");

        foreach (var path in new[] { "/api/v1/metrics?scope={0}", "/api/v1/members?orgUnitId={0}" })
        {
            using var elsewhere = await sec.GetAsync(new Uri(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, bureau.BranchB), UriKind.Relative), Ct);
            using var nowhere = await sec.GetAsync(new Uri(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, 987_654), UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
            Assert.Equal(Title(await elsewhere.Content.ReadAsStringAsync(Ct)), Title(await nowhere.Content.ReadAsStringAsync(Ct)));
        }
    }

    [Fact]
    public async Task RecordingForAnUnknownUnitIsRefusedLikeForAnotherBranch()
    {
        await using var bureau = await CreateAsync();
        using var sec = await bureau.ClientAsync("sec");
        object Body(int unit) => new { kindCode = "themed-party-day", orgUnitId = unit, date = Day(Today.AddDays(-3)), title = "主题党日" };

        using var elsewhere = await sec.PostAsJsonAsync("/api/v1/activities", Body(bureau.BranchB), Ct);
        using var nowhere = await sec.PostAsJsonAsync("/api/v1/activities", Body(987_654), Ct);

        Assert.Equal(elsewhere.StatusCode, nowhere.StatusCode);
        Assert.Equal(Title(await elsewhere.Content.ReadAsStringAsync(Ct)), Title(await nowhere.Content.ReadAsStringAsync(Ct)));
    }

    private static string? Title(string problem)
    {
        using var json = JsonDocument.Parse(problem);
        return json.RootElement.GetProperty("title").GetString();
    }
}
