using Microsoft.EntityFrameworkCore;
using PartyPortal.Features.StarRatings;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.StarRatings;

/// <summary>
/// Evidence linked from the ledger (issue 12): a secretary links the branch's own activities and register entries of the
/// year to an item; anything else is refused with nothing saved; a linked record deleted later leaves its label behind.
/// </summary>
public sealed class StarEvidenceTests : StarRatingTestContext
{
    [Fact]
    public async Task TheBranchsOwnRecordsOfTheYearAreOfferedLinkedAndShownToTheReviewer()
    {
        var entry = await AddRegisterEntryAsync(Bureau.A, new DateOnly(2023, 6, 1));
        var options = (await Assessments.OpenAsync(Secretary, Year, Bureau.A, Ct))!.EvidenceOptions;
        var activities = await ActivitiesAsync(Bureau.A, Year);

        Assert.Equal(activities.Count + 1, options.Count); // the entry began in 2023 and still runs in 2024
        Assert.Contains(options, o => o.Source == EvidenceSource.Register && o.Id == entry && o.Label == "荣誉：先进基层党组织（2023-06-01起）");
        var first = options.First(o => o.Source == EvidenceSource.Activity);
        Assert.Matches(@"^2024-\d\d-\d\d .+：.+$", first.Label);

        var input = Complete(null);
        input.Scores[1].Links = [first.Ref, new StarEvidenceRef(EvidenceSource.Register, entry)];
        Assert.True((await Assessments.SubmitAsync(Secretary, Year, Bureau.A, input, Ct)).Succeeded);

        var reviewed = (await Assessments.OpenAsync(TestUsers.PartyOffice, Year, Bureau.A, Ct))!;
        var links = reviewed.Items.Single(i => i.Criterion.Id == Organisation).Score!.EvidenceLinks;
        Assert.Equal([(EvidenceSource.Activity, (int?)first.Id, first.Label), (EvidenceSource.Register, entry, "荣誉：先进基层党组织（2023-06-01起）")],
            links.OrderBy(l => l.Source).Select(l => (l.Source, l.RecordId, l.Label)));
        Assert.Empty(reviewed.EvidenceOptions); // submitted: nothing more to link

        await using var db = Database.CreateDbContext();
        var audit = await db.AuditEntries.Where(a => a.EntityType == nameof(StarAssessment)).OrderBy(a => a.Id).LastAsync(Ct);
        Assert.Contains($"Activity:{first.Id}", audit.After, StringComparison.Ordinal);
    }

    public static TheoryData<string> Refusals => ["other-branch", "other-year", "twice", "unknown"];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task ARecordNotTheBranchsOwnOfTheYearIsRefusedWithAFieldErrorAndNothingSaved(string @case)
    {
        var link = @case switch
        {
            "other-branch" => new StarEvidenceRef(EvidenceSource.Activity, await AddActivityAsync(Bureau.B, new DateOnly(2024, 3, 1))),
            "other-year" => new StarEvidenceRef(EvidenceSource.Activity, await AddActivityAsync(Bureau.A, new DateOnly(2023, 12, 20))),
            "unknown" => new StarEvidenceRef(EvidenceSource.Register, 99_999),
            _ => new StarEvidenceRef(EvidenceSource.Activity, (await ActivitiesAsync(Bureau.A, Year))[0]),
        };
        var input = Complete(null);
        input.Scores[2].Links = @case == "twice" ? [link, link] : [link];

        var result = await Assessments.SaveDraftAsync(Secretary, Year, Bureau.A, input, Ct);

        Assert.Equal("佐证只能关联本支部本年度的台账记录（活动记录、台账登记）；有记录已删除或不属于本支部本年度，请移除后再保存。", result.Errors["scores[2].links"]);
        Assert.Equal((0, 0, 0), await CountsAsync());
    }

    [Fact]
    public async Task ANoteOrEvidenceBesideAnEmptyScoreIsAnErrorNotSilentlyDropped()
    {
        var activity = (await ActivitiesAsync(Bureau.A, Year))[0];
        var input = Lines(null, (Organisation, null, "稍后补分"));
        input.Scores[0].Links = [new StarEvidenceRef(EvidenceSource.Activity, activity)];

        var result = await Assessments.SaveDraftAsync(Secretary, Year, Bureau.A, input, Ct);

        Assert.Equal("已填写说明或关联佐证的项目，请同时填写得分。", result.Errors["scores[0].selfScore"]);
        Assert.Equal((0, 0, 0), await CountsAsync());
    }

    [Fact]
    public async Task ADeletedRecordLeavesItsLabelAndADraftDropsItOnTheNextSave()
    {
        var activity = await AddActivityAsync(Bureau.A, new DateOnly(2024, 4, 2));
        var input = Complete(null);
        input.Scores[1].Links = [new StarEvidenceRef(EvidenceSource.Activity, activity)];
        Assert.True((await Assessments.SaveDraftAsync(Secretary, Year, Bureau.A, input, Ct)).Succeeded);

        await using (var db = Database.CreateDbContext())
        {
            await db.Activities.Where(a => a.Id == activity).ExecuteDeleteAsync(Ct);
        }

        var view = (await Assessments.OpenAsync(Secretary, Year, Bureau.A, Ct))!;
        var kept = Assert.Single(view.Items.Single(i => i.Criterion.Id == Organisation).Score!.EvidenceLinks);
        Assert.Equal((null, "2024-04-02 警示教育：佐证活动"), (kept.RecordId, kept.Label));

        var again = Complete(view.Assessment!.Version); // the page sends only links to records that still exist
        Assert.True((await Assessments.SaveDraftAsync(Secretary, Year, Bureau.A, again, Ct)).Succeeded);
        Assert.Empty((await Assessments.OpenAsync(Secretary, Year, Bureau.A, Ct))!.Items.Single(i => i.Criterion.Id == Organisation).Score!.EvidenceLinks);
    }

    private async Task<List<int>> ActivitiesAsync(int branch, int year)
    {
        await using var db = Database.CreateDbContext();
        return await db.Activities.Where(a => a.OrgUnitId == branch && a.Date.Year == year && !a.Kind!.Restricted).Select(a => a.Id).ToListAsync(Ct);
    }

    private async Task<int> AddActivityAsync(int branch, DateOnly date)
    {
        await using var db = Database.CreateDbContext();
        var kind = await db.ActivityKinds.SingleAsync(k => k.Name == "警示教育", Ct);
        var activity = db.Activities.Add(new Activity { KindId = kind.Id, OrgUnitId = branch, Date = date, Title = "佐证活动" }).Entity;
        await db.SaveChangesAsync(Ct);
        return activity.Id;
    }

    private async Task<int> AddRegisterEntryAsync(int branch, DateOnly startsOn)
    {
        await using var db = Database.CreateDbContext();
        var entry = db.RegisterEntries.Add(new RegisterEntry
        {
            Kind = RegisterKind.Honour, Name = "先进基层党组织", OrgUnitId = branch, StartsOn = startsOn, HonourLevel = HonourLevel.Municipal, IsCollective = true,
        }).Entity;
        await db.SaveChangesAsync(Ct);
        return entry.Id;
    }
}
