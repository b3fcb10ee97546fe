using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Features.Accounts;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Web;

/// <summary>The JSON API of issue #4 (point 7) through a whole portal: status codes, ETags, problems, and what reaches the database.</summary>
public class ActivityApiTests
{
    private const string Password = "Correct#Horse9";
    private const string ProblemJson = "application/problem+json";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A few days ago in the bureau's calendar: recordable whatever the server's zone.</summary>
    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, BureauClock.FindZone(null)).DateTime);

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task AValidPostCreatesTheActivityWithItsAttendanceAndAnAuditEntry()
    {
        await using var bureau = await ApiBureau.CreateAsync();
        using var client = await bureau.ClientAsync("sec");

        using var response = await client.PostAsJsonAsync("/api/v1/activities", bureau.ThemedPartyDay("学习党章"), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await JsonAsync(response);
        var id = body.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/activities/{id}", response.Headers.Location!.OriginalString);
        var etag = response.Headers.ETag!;
        Assert.False(etag.IsWeak);
        Assert.Equal("学习党章", body.GetProperty("title").GetString());
        Assert.Equal(Day(Today.AddDays(-3)), body.GetProperty("date").GetString());
        Assert.Equal(["present", "excused", "absent"], body.GetProperty("attendance").EnumerateArray()
            .OrderBy(a => a.GetProperty("memberId").GetInt32()).Select(a => a.GetProperty("status").GetString()));

        await using var db = bureau.Portal.CreateDbContext();
        var saved = await db.Activities.Include(a => a.Attendance).Include(a => a.Kind).SingleAsync(Ct);
        Assert.Equal((id, bureau.BranchA, "themed-party-day", "sec"), (saved.Id, saved.OrgUnitId, saved.Kind!.Code, saved.RecordedBy));
        Assert.Equal($"\"{saved.Version:D}\"", etag.Tag);
        Assert.Equal(
            [(bureau.MembersA[0], AttendanceStatus.Present), (bureau.MembersA[1], AttendanceStatus.Excused), (bureau.MembersA[2], AttendanceStatus.Absent)],
            saved.Attendance.OrderBy(a => a.MemberId).Select(a => (a.MemberId, a.Status)));
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == AuditActions.Create && a.EntityType == nameof(Activity), Ct);
        Assert.Equal(("sec", id.ToString(CultureInfo.InvariantCulture), (int?)bureau.BranchA), (audit.UserName, audit.EntityId, audit.OrgUnitId));
    }

    [Fact]
    public async Task GetByIdReturnsTheActivityWithAStrongETag()
    {
        await using var bureau = await ApiBureau.CreateAsync();
        using var client = await bureau.ClientAsync("sec");
        var (id, created) = await bureau.RecordAsync(client);

        using var response = await client.GetAsync(new Uri($"/api/v1/activities/{id}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(created, response.Headers.ETag);
        var body = await JsonAsync(response);
        Assert.Equal(("themed-party-day", bureau.BranchA), (body.GetProperty("kindCode").GetString(), body.GetProperty("orgUnitId").GetInt32()));
        var absent = body.GetProperty("attendance").EnumerateArray().Single(a => a.GetProperty("memberId").GetInt32() == bureau.MembersA[2]);
        Assert.Equal(("张三丙", "absent", JsonValueKind.Null),
            (absent.GetProperty("memberName").GetString(), absent.GetProperty("status").GetString(), absent.GetProperty("madeUpOn").ValueKind));
    }

    [Fact]
    public async Task PutWithTheCurrentETagSavesAndAnswersWithANewETag()
    {
        await using var bureau = await ApiBureau.CreateAsync();
        using var client = await bureau.ClientAsync("sec");
        var (id, etag) = await bureau.RecordAsync(client);

        using var response = await PutAsync(client, id, bureau.ThemedPartyDay("学习党章（修改）"), etag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(etag, response.Headers.ETag);
        Assert.Equal("学习党章（修改）", (await JsonAsync(response)).GetProperty("title").GetString());
        await using var db = bureau.Portal.CreateDbContext();
        var saved = await db.Activities.SingleAsync(Ct);
        Assert.Equal(("学习党章（修改）", $"\"{saved.Version:D}\""), (saved.Title, response.Headers.ETag!.Tag));
    }

    [Fact]
    public async Task PutWithAStaleETagIsRefusedWith412AndChangesNothing()
    {
        await using var bureau = await ApiBureau.CreateAsync();
        using var client = await bureau.ClientAsync("sec");
        var (id, first) = await bureau.RecordAsync(client);
        using (var firstEdit = await PutAsync(client, id, bureau.ThemedPartyDay("第一人的修改"), first))
        {
            Assert.Equal(HttpStatusCode.OK, firstEdit.StatusCode);
        }

        using var response = await PutAsync(client, id, bureau.ThemedPartyDay("第二人的修改"), first);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("已被他人修改", (await JsonAsync(response)).GetProperty("title").GetString(), StringComparison.Ordinal);
        await using var db = bureau.Portal.CreateDbContext();
        Assert.Equal("第一人的修改", (await db.Activities.SingleAsync(Ct)).Title);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.Update, Ct));
    }

    [Fact]
    public async Task IfMatchStarMatchesTheCurrentVersionAndAWeakTagNever()
    {
        await using var bureau = await ApiBureau.CreateAsync();
        using var client = await bureau.ClientAsync("sec");
        var (id, etag) = await bureau.RecordAsync(client);

        using var weak = await PutAsync(client, id, bureau.ThemedPartyDay("弱校验"), new EntityTagHeaderValue(etag.Tag, isWeak: true));
        using var any = await PutAsync(client, id, bureau.ThemedPartyDay("任意版本"), EntityTagHeaderValue.Any);

        Assert.Equal(HttpStatusCode.PreconditionFailed, weak.StatusCode);
        Assert.Equal(HttpStatusCode.OK, any.StatusCode);
        await using var db = bureau.Portal.CreateDbContext();
        Assert.Equal("任意版本", (await db.Activities.SingleAsync(Ct)).Title);
    }

    [Fact]
    public async Task PutWithoutIfMatchIs428()
    {
        await using var bureau = await ApiBureau.CreateAsync();
        using var client = await bureau.ClientAsync("sec");
        var (id, _) = await bureau.RecordAsync(client);

        using var response = await client.PutAsJsonAsync($"/api/v1/activities/{id}", bureau.ThemedPartyDay("没有版本的修改"), Ct);

        Assert.Equal(HttpStatusCode.PreconditionRequired, response.StatusCode);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        await using var db = bureau.Portal.CreateDbContext();
        Assert.Equal("学习党章", (await db.Activities.SingleAsync(Ct)).Title);
    }

    [Fact]
    public async Task DeleteIs204ThenTheActivityIsGoneFromTheApiButKeptSoftDeleted()
    {
        await using var bureau = await ApiBureau.CreateAsync();
        using var client = await bureau.ClientAsync("sec");
        var (id, etag) = await bureau.RecordAsync(client);

        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri($"/api/v1/activities/{id}", UriKind.Relative));
        request.Headers.IfMatch.Add(etag);
        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        using var get = await client.GetAsync(new Uri($"/api/v1/activities/{id}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(ProblemJson, get.Content.Headers.ContentType?.MediaType);
        using var again = await client.DeleteAsync(new Uri($"/api/v1/activities/{id}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        await using var db = bureau.Portal.CreateDbContext();
        var row = await db.Activities.SingleAsync(Ct);
        Assert.True(row.IsDeleted);
        Assert.NotNull(row.DeletedAt);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.Delete && a.EntityId == id.ToString(CultureInfo.InvariantCulture), Ct));
    }

    [Fact]
    public async Task DeleteWithAStaleETagIs412AndDeletesNothing()
    {
        await using var bureau = await ApiBureau.CreateAsync();
        using var client = await bureau.ClientAsync("sec");
        var (id, etag) = await bureau.RecordAsync(client);
        using (var edit = await PutAsync(client, id, bureau.ThemedPartyDay("改过了"), etag))
        {
            Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        }

        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri($"/api/v1/activities/{id}", UriKind.Relative));
        request.Headers.IfMatch.Add(etag);
        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        await using var db = bureau.Portal.CreateDbContext();
        Assert.False((await db.Activities.SingleAsync(Ct)).IsDeleted);
    }

    [Fact]
    public async Task ASecretaryCannotRecordForAnotherBranch()
    {
        await using var bureau = await ApiBureau.CreateAsync();
        using var client = await bureau.ClientAsync("sec");
        var body = new
        {
            kindCode = "themed-party-day",
            orgUnitId = bureau.BranchB,
            date = Day(Today.AddDays(-3)),
            title = "替别的支部记录",
            attendance = new[] { new { memberId = bureau.MemberB, status = "present" } },
        };

        using var response = await client.PostAsJsonAsync("/api/v1/activities", body, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("您没有权限记录支部活动。", (await JsonAsync(response)).GetProperty("title").GetString());
        await using var db = bureau.Portal.CreateDbContext();
        Assert.Equal(0, await db.Activities.CountAsync(Ct));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.Refused && a.UserName == "sec", Ct));
    }

    [Fact]
    public async Task InvalidInputIsA400ProblemNamingEachFieldAndSavesNothing()
    {
        await using var bureau = await ApiBureau.CreateAsync();
        using var client = await bureau.ClientAsync("sec");

        // A future date and an empty title.
        using var future = await client.PostAsJsonAsync("/api/v1/activities", new
        {
            kindCode = "themed-party-day",
            orgUnitId = bureau.BranchA,
            date = Day(Today.AddDays(2)),
            title = "",
            attendance = new[] { new { memberId = bureau.MembersA[0], status = "present" } },
        }, Ct);
        // Branch B's member in branch A's attendance (checked only once the date is right: the roll is the roll of that day).
        using var stranger = await client.PostAsJsonAsync("/api/v1/activities", new
        {
            kindCode = "themed-party-day",
            orgUnitId = bureau.BranchA,
            date = Day(Today.AddDays(-3)),
            title = "主题党日",
            attendance = new[] { new { memberId = bureau.MemberB, status = "present" } },
        }, Ct);

        var futureErrors = await ValidationErrorsAsync(future);
        Assert.Equal(["date", "title"], futureErrors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("不能晚于今天", futureErrors["date"][0], StringComparison.Ordinal);
        Assert.Equal("请填写活动主题。", futureErrors["title"][0]);
        var strangerErrors = await ValidationErrorsAsync(stranger);
        Assert.Equal(["attendance[0].memberId"], strangerErrors.Keys);
        Assert.Contains("不是一支部的党员", strangerErrors["attendance[0].memberId"][0], StringComparison.Ordinal);
        await using var db = bureau.Portal.CreateDbContext();
        Assert.Equal(0, await db.Activities.CountAsync(Ct));
    }

    [Theory]
    [InlineData("{\"kindCode\": \"themed-party-day\", ", null)]
    [InlineData("not json at all", null)]
    [InlineData("{\"kindCode\":\"themed-party-day\",\"orgUnitId\":\"abc\",\"title\":\"x\"}", "orgUnitId")]
    [InlineData("{\"kindCode\":\"themed-party-day\",\"orgUnitId\":1,\"date\":\"yesterday\",\"title\":\"x\"}", "date")]
    [InlineData("{\"kindCode\":\"themed-party-day\",\"orgUnitId\":1,\"title\":\"x\",\"attendance\":[{\"memberId\":1,\"status\":\"late\"}]}", "attendance[0].status")]
    [InlineData("{\"kindCode\":\"themed-party-day\",\"orgUnitId\":1,\"title\":\"x\",\"attendance\":[{\"memberId\":1,\"status\":1}]}", "attendance[0].status")]
    [InlineData("{\"kindCode\":\"themed-party-day\",\"orgUnitId\":1,\"title\":\"x\",\"attendance\":[null]}", "attendance[0]")]
    [InlineData("null", null)]
    public async Task MalformedJsonOrAWrongTypeIsA400ProblemNotA500(string json, string? field)
    {
        await using var bureau = await ApiBureau.CreateAsync();
        using var client = await bureau.ClientAsync("sec");
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri("/api/v1/activities", UriKind.Relative), content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        var body = await JsonAsync(response);
        Assert.Equal(400, body.GetProperty("status").GetInt32());
        if (field is null)
        {
            Assert.False(body.TryGetProperty("errors", out _));
        }
        else
        {
            Assert.Equal([field], body.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        }

        await using var db = bureau.Portal.CreateDbContext();
        Assert.Equal(0, await db.Activities.CountAsync(Ct));
    }

    [Fact]
    public async Task AQueryValueThatIsNoDateIsA400Problem()
    {
        await using var bureau = await ApiBureau.CreateAsync();
        using var client = await bureau.ClientAsync("sec");

        using var response = await client.GetAsync(new Uri($"/api/v1/activities?orgUnitId={bureau.BranchA}&from=last-week", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ActivityKindsListTheWholeCatalogueWithEnumsAsCamelCaseStrings()
    {
        await using var bureau = await ApiBureau.CreateAsync();
        using var client = await bureau.ClientAsync("sec");

        using var response = await client.GetAsync(new Uri("/api/v1/activity-kinds", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var kinds = (await JsonAsync(response)).EnumerateArray().ToList();
        var talk = kinds.Single(k => k.GetProperty("code").GetString() == "heart-to-heart-talk");
        Assert.Equal(("谈心谈话", "integratedSupervision", "personTimes", false, false), (
            talk.GetProperty("name").GetString(), talk.GetProperty("pillar").GetString(), talk.GetProperty("unit").GetString(),
            talk.GetProperty("takesAttendance").GetBoolean(), talk.GetProperty("restricted").GetBoolean()));
        // Restricted kinds are catalogue rows, not records: a secretary sees them listed too.
        Assert.Contains(kinds, k => k.GetProperty("restricted").GetBoolean());
        Assert.True(kinds.Single(k => k.GetProperty("code").GetString() == "themed-party-day").GetProperty("takesAttendance").GetBoolean());
    }

    [Fact]
    public async Task OrgUnitsListOnlyTheUnitsInTheUsersScopeInTreeOrder()
    {
        await using var bureau = await ApiBureau.CreateAsync();
        using var secretary = await bureau.ClientAsync("sec");
        using var office = await bureau.ClientAsync("office");

        var mine = await GetJsonAsync(secretary, "/api/v1/org-units");
        var all = await GetJsonAsync(office, "/api/v1/org-units");

        var branch = Assert.Single(mine.EnumerateArray());
        Assert.Equal((bureau.BranchA, bureau.Root, "一支部", "branch", false), (
            branch.GetProperty("id").GetInt32(), branch.GetProperty("parentId").GetInt32(), branch.GetProperty("name").GetString(),
            branch.GetProperty("type").GetString(), branch.GetProperty("isTemporary").GetBoolean()));
        Assert.Equal([bureau.Root, bureau.BranchA, bureau.BranchB], all.EnumerateArray().Select(u => u.GetProperty("id").GetInt32()));
        Assert.Equal("municipalCommittee", all[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task MembersAreTheCurrentMembersOfAUnitInScope()
    {
        await using var bureau = await ApiBureau.CreateAsync();
        using var client = await bureau.ClientAsync("sec");

        var members = await GetJsonAsync(client, $"/api/v1/members?orgUnitId={bureau.BranchA}");
        using var other = await client.GetAsync(new Uri($"/api/v1/members?orgUnitId={bureau.BranchB}", UriKind.Relative), Ct);
        using var missing = await client.GetAsync(new Uri("/api/v1/members", UriKind.Relative), Ct);

        Assert.Equal(bureau.MembersA.Order(), members.EnumerateArray().Select(m => m.GetProperty("id").GetInt32()).Order());
        var first = members.EnumerateArray().Single(m => m.GetProperty("id").GetInt32() == bureau.MembersA[0]);
        Assert.Equal(("张三甲", bureau.BranchA, "section", 1980, "full"), (
            first.GetProperty("name").GetString(), first.GetProperty("orgUnitId").GetInt32(), first.GetProperty("cadreLevel").GetString(),
            first.GetProperty("birthYear").GetInt32(), first.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(["orgUnitId"], (await ValidationErrorsAsync(missing)).Keys);
    }

    [Fact]
    public async Task TheListFiltersByUnitKindAndDatesWithinScope()
    {
        await using var bureau = await ApiBureau.CreateAsync();
        using var client = await bureau.ClientAsync("sec");
        var (id, _) = await bureau.RecordAsync(client);
        var day = Day(Today.AddDays(-3));

        var hit = await GetJsonAsync(client, $"/api/v1/activities?orgUnitId={bureau.BranchA}&kindCode=themed-party-day&from={day}&to={day}");
        var miss = await GetJsonAsync(client, $"/api/v1/activities?orgUnitId={bureau.BranchA}&kindCode=party-lecture");
        using var other = await client.GetAsync(new Uri($"/api/v1/activities?orgUnitId={bureau.BranchB}", UriKind.Relative), Ct);

        Assert.Equal([id], hit.EnumerateArray().Select(a => a.GetProperty("id").GetInt32()));
        Assert.Equal(day, hit[0].GetProperty("date").GetString());
        Assert.Empty(miss.EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, int id, object body, EntityTagHeaderValue ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"/api/v1/activities/{id}", UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(ifMatch);
        return await client.SendAsync(request, Ct);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return doc.RootElement.Clone();
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }

    private static async Task<Dictionary<string, string[]>> ValidationErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        var body = await JsonAsync(response);
        Assert.Equal("提交的数据有误", body.GetProperty("title").GetString());
        return body.GetProperty("errors").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(m => m.GetString()!).ToArray());
    }
}
