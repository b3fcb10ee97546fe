using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Live;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Live;

/// <summary>
/// Changes are captured where they happen, before and after: an edit that removes an attendee, or moves a record out
/// of a period, still reaches the branch that counted it (the whole portal: API, services, outbox and engine).
/// </summary>
public class ChangeCaptureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RemovingAnAttendeeFromACommitteesWarningEducationUncountsTheirBranch()
    {
        await using var bureau = await ApiBureau.CreateAsync();
        using var office = await bureau.ClientAsync("office");
        var quarter = CurrentQuarter(bureau);
        var (branchA, _) = await WatchAsync(bureau, bureau.BranchA, quarter);
        var (branchB, _) = await WatchAsync(bureau, bureau.BranchB, quarter);

        var (id, etag) = await RecordAsync(office, WarningEducation(bureau, ApiBureau.Today, bureau.MembersA[0]));
        await branchA.WaitUntilAsync(s => s.Values.WarningEducationMemberCoverage.Numerator == 1);

        // The edit names only 二支部's member now: 一支部 must still hear of it.
        await EditAsync(office, id, etag, WarningEducation(bureau, ApiBureau.Today, bureau.MemberB));

        await EventuallyAsync(bureau, bureau.BranchA, quarter, s => s.Values.WarningEducationMemberCoverage.Numerator == 0);
        await EventuallyAsync(bureau, bureau.BranchB, quarter, s => s.Values.WarningEducationMemberCoverage.Numerator == 1);
        await AssertEqualsAFreshCountAsync(bureau, bureau.BranchA, quarter);
        Assert.Equal(0, branchA.Last!.Values.WarningEducationMemberCoverage.Numerator);
        Assert.Equal(1, branchB.Last!.Values.WarningEducationMemberCoverage.Numerator);
    }

    [Fact]
    public async Task MovingARecordOutOfThePeriodUncountsItThere()
    {
        await using var bureau = await ApiBureau.CreateAsync();
        using var office = await bureau.ClientAsync("office");
        var quarter = CurrentQuarter(bureau);
        var (branchA, _) = await WatchAsync(bureau, bureau.BranchA, quarter);

        var (id, etag) = await RecordAsync(office, WarningEducation(bureau, ApiBureau.Today, bureau.MembersA[0]));
        await branchA.WaitUntilAsync(s => s.Values.WarningEducationMemberCoverage.Numerator == 1);

        await EditAsync(office, id, etag, WarningEducation(bureau, quarter.Start.AddDays(-1), bureau.MembersA[0]));

        await EventuallyAsync(bureau, bureau.BranchA, quarter, s => s.Values.WarningEducationMemberCoverage.Numerator == 0);
        await AssertEqualsAFreshCountAsync(bureau, bureau.BranchA, quarter);
        Assert.Equal(0, branchA.Last!.Values.WarningEducationMemberCoverage.Numerator);
    }

    [Fact]
    public async Task EveryWriteLeavesItsChangeRecordInTheSameCommit()
    {
        await using var bureau = await ApiBureau.CreateAsync();
        using var office = await bureau.ClientAsync("office");

        var (id, etag) = await RecordAsync(office, WarningEducation(bureau, ApiBureau.Today, bureau.MembersA[0]));
        await EditAsync(office, id, etag, WarningEducation(bureau, ApiBureau.Today.AddDays(-1), bureau.MemberB));

        await using var db = bureau.Portal.CreateDbContext();
        var records = (await db.ChangeRecords.OrderBy(c => c.Sequence).ToListAsync(Ct)).Select(DataChanged.From).ToList();
        var edit = records[^1];
        Assert.Equal([bureau.Root], edit.OrgUnitIds);
        Assert.Equal([bureau.MembersA[0], bureau.MemberB], edit.MemberIds.Order());
        Assert.Equal([ApiBureau.Today.AddDays(-1), ApiBureau.Today], edit.Dates.Order());
    }

    private static Period CurrentQuarter(ApiBureau bureau) => bureau.Portal.Services.GetRequiredService<BureauClock>().CurrentQuarter;

    private static async Task<(SnapshotInbox Inbox, IDisposable Subscription)> WatchAsync(ApiBureau bureau, int scope, Period period)
    {
        var engine = bureau.Portal.Services.GetRequiredService<LiveMetrics>();
        var inbox = new SnapshotInbox();
        var subscription = engine.Subscribe(scope, period, inbox.Add);
        inbox.Subscription = subscription;
        await inbox.Add(await engine.GetAsync(scope, period, Ct));
        return (inbox, subscription);
    }

    private static async Task AssertEqualsAFreshCountAsync(ApiBureau bureau, int scope, Period period)
    {
        var services = bureau.Portal.Services;
        var fresh = await services.GetRequiredService<MetricFactsReader>().ReadAllAsync(period, services.GetRequiredService<BureauClock>().Today, Ct);
        var expected = MetricsSnapshot.Build(fresh, fresh.Unit(scope)!, DateTimeOffset.UnixEpoch).Values.Counts;
        Assert.True(expected.SameAs((await services.GetRequiredService<LiveMetrics>().GetAsync(scope, period, Ct)).Values.Counts));
    }

    /// <summary>Waits up to five seconds for the engine's current snapshot of the scope to satisfy <paramref name="condition"/>.</summary>
    private static async Task EventuallyAsync(ApiBureau bureau, int scope, Period period, Func<MetricsSnapshot, bool> condition)
    {
        var engine = bureau.Portal.Services.GetRequiredService<LiveMetrics>();
        for (var i = 0; i < 100 && !condition(await engine.GetAsync(scope, period, Ct)); i++)
        {
            await Task.Delay(50, Ct);
        }

        Assert.True(condition(await engine.GetAsync(scope, period, Ct)), "the engine's figures never moved");
    }

    private static object WarningEducation(ApiBureau bureau, DateOnly date, int attendee) => new
    {
        kindCode = "warning-education",
        orgUnitId = bureau.Root,
        date = ApiBureau.Day(date),
        title = "警示教育大会",
        attendance = new[] { new { memberId = attendee, status = "present" } },
    };

    private static async Task<(int Id, EntityTagHeaderValue ETag)> RecordAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/activities", body, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt32(), response.Headers.ETag!);
    }

    private static async Task EditAsync(HttpClient client, int id, EntityTagHeaderValue etag, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"/api/v1/activities/{id}", UriKind.Relative))
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.IfMatch.Add(etag);
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
