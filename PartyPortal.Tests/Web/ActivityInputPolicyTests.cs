using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Tests.Support;
using static PartyPortal.Tests.Support.ApiBureau;

namespace PartyPortal.Tests.Web;

/// <summary>
/// The input policy as the outside probe met it through <c>POST /api/v1/activities</c>: list lengths bounded by the
/// roll, dates within the bureau's lifetime, no hidden characters, member references checked against scope with
/// one answer for "elsewhere" and "nowhere".
/// </summary>
public class ActivityInputPolicyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(100_000)]
    [InlineData(30_000)]
    public async Task AnAttendanceListLongerThanTheRollIsOneShortErrorNotAFault(int length)
    {
        await using var bureau = await CreateAsync();
        using var client = await bureau.ClientAsync("sec");
        var attendance = Enumerable.Range(1, length).Select(i => new { memberId = i, status = "present" }).ToArray();
        var watch = Stopwatch.StartNew();

        using var response = await client.PostAsJsonAsync("/api/v1/activities", Body(bureau, attendance: attendance), Ct);

        watch.Stop();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(text.Length < 2_000, $"the answer is {text.Length} characters long");
        var errors = Errors(text);
        Assert.Equal(["attendance"], errors.Keys);
        Assert.Contains($"{length}人", errors["attendance"], StringComparison.Ordinal);
        Assert.Contains("（4人）", errors["attendance"], StringComparison.Ordinal);
        TestContext.Current.TestOutputHelper?.WriteLine($"{length} attendees refused in {watch.ElapsedMilliseconds} ms");
        await using var db = bureau.Portal.CreateDbContext();
        Assert.Equal(0, await db.Activities.CountAsync(Ct));
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("1000-06-30")]
    [InlineData("1900-01-01")]
    [InlineData("2017-12-31")]
    public async Task ADateBeforeTheBureausFoundingYearIsRefused(string date)
    {
        await using var bureau = await CreateAsync();
        using var client = await bureau.ClientAsync("sec");

        using var response = await client.PostAsJsonAsync("/api/v1/activities", Body(bureau, date: date), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = Errors(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("不能早于2018年1月1日", errors["date"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("title", "学习\u0000党章")]
    [InlineData("title", "学习\u202E章党")]
    [InlineData("title", "学习\u2066党章\u2069")]
    [InlineData("title", "第一行\n第二行")]
    [InlineData("place", "三楼\u200F会议室")]
    [InlineData("presenterName", "张三\u0007")]
    [InlineData("notes", "备注\u0000")]
    public async Task HiddenControlAndDirectionCharactersAreRefusedNamingTheField(string field, string value)
    {
        await using var bureau = await CreateAsync();
        using var client = await bureau.ClientAsync("sec");
        var body = JsonSerializer.SerializeToNode(Body(bureau))!.AsObject();
        body[field] = value;

        using var response = await client.PostAsJsonAsync("/api/v1/activities", body, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = Errors(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("控制字符", errors[field], StringComparison.Ordinal);
        await using var db = bureau.Portal.CreateDbContext();
        Assert.Equal(0, await db.Activities.CountAsync(Ct));
    }

    [Fact]
    public async Task NotesKeepTheirLineBreaks()
    {
        await using var bureau = await CreateAsync();
        using var client = await bureau.ClientAsync("sec");
        var body = JsonSerializer.SerializeToNode(Body(bureau))!.AsObject();
        body["notes"] = "第一条\r\n第二条\t（附件）";

        using var response = await client.PostAsJsonAsync("/api/v1/activities", body, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task APresenterFromAnotherBranchIsRefusedExactlyLikeAnUnknownOne()
    {
        await using var bureau = await CreateAsync();
        using var client = await bureau.ClientAsync("sec");

        using var elsewhere = await client.PostAsJsonAsync("/api/v1/activities", Body(bureau, presenter: bureau.MemberB), Ct);
        using var nowhere = await client.PostAsJsonAsync("/api/v1/activities", Body(bureau, presenter: 987_654), Ct);
        using var own = await client.PostAsJsonAsync("/api/v1/activities", Body(bureau, presenter: bureau.MembersA[0]), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, nowhere.StatusCode);
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        var a = Errors(await elsewhere.Content.ReadAsStringAsync(Ct))["presenterMemberId"];
        var b = Errors(await nowhere.Content.ReadAsStringAsync(Ct))["presenterMemberId"];
        Assert.Equal(WithoutId(a, bureau.MemberB), WithoutId(b, 987_654));
    }

    [Fact]
    public async Task AnAttendeeFromAnotherBranchIsRefusedExactlyLikeAnUnknownOneAndUnnamed()
    {
        await using var bureau = await CreateAsync();
        using var client = await bureau.ClientAsync("sec");

        using var elsewhere = await client.PostAsJsonAsync("/api/v1/activities",
            Body(bureau, attendance: [new { memberId = bureau.MemberB, status = "present" }]), Ct);
        using var nowhere = await client.PostAsJsonAsync("/api/v1/activities",
            Body(bureau, attendance: [new { memberId = 987_654, status = "present" }]), Ct);

        var a = Errors(await elsewhere.Content.ReadAsStringAsync(Ct))["attendance[0].memberId"];
        var b = Errors(await nowhere.Content.ReadAsStringAsync(Ct))["attendance[0].memberId"];
        Assert.DoesNotContain("李四", a, StringComparison.Ordinal);
        Assert.Equal(WithoutId(a, bureau.MemberB), WithoutId(b, 987_654));
    }

    /// <summary>
    /// The message with the member's id, as a whole number, blanked: a date in it keeps its digits (the id 5 is not the
    /// 5 of 2026-12-05, which a plain replace blanked on such days, so the two messages differed by the date alone).
    /// </summary>
    private static string WithoutId(string message, int id) =>
        System.Text.RegularExpressions.Regex.Replace(message, $"(?<![0-9]){id}(?![0-9])", "#");

    private static object Body(ApiBureau bureau, string? date = null, int? presenter = null, object[]? attendance = null) => new
    {
        kindCode = "party-lecture",
        orgUnitId = bureau.BranchA,
        date = date ?? Day(Today.AddDays(-3)),
        title = "专题党课",
        presenterMemberId = presenter,
        attendance = attendance ?? [new { memberId = bureau.MembersA[0], status = "present" }],
    };

    private static Dictionary<string, string> Errors(string problem)
    {
        using var json = JsonDocument.Parse(problem);
        return json.RootElement.GetProperty("errors").EnumerateObject()
            .ToDictionary(p => p.Name, p => string.Join(" ", p.Value.EnumerateArray().Select(m => m.GetString())));
    }
}
