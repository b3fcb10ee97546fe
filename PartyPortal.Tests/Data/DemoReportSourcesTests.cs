using Stopwatch = System.Diagnostics.Stopwatch;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Features.Reports;
using PartyPortal.Live;
using PartyPortal.Model;
using PartyPortal.Tests.Support;
using Codes = PartyPortal.Data.ActivityKindCatalogue.Codes;

namespace PartyPortal.Tests.Data;

/// <summary>
/// Every masked figure of the 2023 H1 report (REPORT_FIGURES.md, F01–F44) has records behind it in the
/// demo bureau, so a report generated for that half-year shows no zero that the seed shows as a number.
/// </summary>
public class DemoReportSourcesTests(DemoBureauFixture bureau)
{
    private static readonly Period H1 = Period.HalfYear(2023, 1);
    private static readonly DateOnly From = H1.Start;
    private static readonly DateOnly To = H1.End;

    public static TheoryData<string> Figures => [.. Enumerable.Range(1, 44).Select(i => $"F{i:D2}")];

    [Theory]
    [MemberData(nameof(Figures))]
    public async Task EveryFigureOfTheHalfYearReportHasRecordsBehindIt(string figure)
    {
        await using var db = bureau.CreateDbContext();
        var value = await CountAsync(db, figure);
        Assert.True(value > 0, $"{figure} counts nothing for {H1}");
    }

    /// <summary>The report's evaluator counts each figure exactly as the direct count above does (F16: F15's first form as its share).</summary>
    [Theory]
    [MemberData(nameof(Figures))]
    public async Task TheReportEvaluatorAgreesWithTheDirectCount(string figure)
    {
        await using var db = bureau.CreateDbContext();
        var root = await db.OrgUnits.SingleAsync(u => u.ParentId == null, TestContext.Current.CancellationToken);
        var facts = await ReportFacts.LoadAsync(db, root.Id, From, To, TestContext.Current.CancellationToken);

        var expected = figure == "F16"
            ? ReportEvaluator.Share((decimal)await CountAsync(db, "F16"), (decimal)await CountAsync(db, "F15"))
            : (decimal)await CountAsync(db, figure);

        Assert.Equal(expected, ReportEvaluator.Evaluate(ReportCatalogue.Find(figure)!, facts));
        Assert.True(expected > 0, $"{figure} counts nothing for {H1}");
    }

    /// <summary>
    /// A whole report (44 figures for the half-year and the same days a year earlier) through the service as the leader
    /// sees it, timed for the record (the time is written to the test output, never asserted); the document it builds has
    /// every figure filled.
    /// </summary>
    [Fact]
    public async Task AWholeReportIsEvaluatedInOnePass()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2023, 7, 10, 2, 0, 0, TimeSpan.Zero));
        await using var services = AccessTestServices.Create(bureau.Database, time);
        await using var scope = services.CreateAsyncScope();
        var reports = new ReportService(bureau.Database, scope.ServiceProvider.GetRequiredService<AccessGuard>(),
            services.GetRequiredService<OrgTree>(), new BureauClock(time, BureauClock.FindZone(null)));
        await reports.EvaluateAsync(TestUsers.Leader, null, From, To, TestContext.Current.CancellationToken);

        var watch = Stopwatch.StartNew();
        var report = await reports.EvaluateAsync(TestUsers.Leader, null, From, To, TestContext.Current.CancellationToken);
        watch.Stop();
        TestContext.Current.SendDiagnosticMessage($"Whole report (44 figures × 2 periods), demo bureau 2023H1: {watch.ElapsedMilliseconds} ms");
        TestContext.Current.TestOutputHelper?.WriteLine($"Whole report (44 figures × 2 periods), demo bureau 2023H1: {watch.ElapsedMilliseconds} ms");

        Assert.Equal(44, report.Figures.Count);
        Assert.All(report.Figures, f => Assert.True(f.Value > 0, f.Figure.Id));
        Assert.Equal(44, report.Document.Appendix.Count);
        Assert.DoesNotContain(report.Document.Appendix, r => r.Value.StartsWith('—') || r.Sentence.Contains('{', StringComparison.Ordinal));
        Assert.StartsWith("中共国家税务总局江城市税务局委员会2023年上半年", report.Document.Title, StringComparison.Ordinal);
    }

    private static IQueryable<Activity> Kind(PortalDbContext db, string code) =>
        db.LiveActivities.Where(a => a.Kind!.Code == code && a.Date >= From && a.Date <= To);

    private static IQueryable<int> PresentMembers(PortalDbContext db, IQueryable<Activity> activities) =>
        db.Attendance.Where(x => x.Status == AttendanceStatus.Present && activities.Select(a => a.Id).Contains(x.ActivityId))
            .Select(x => x.MemberId).Distinct();

    private static IQueryable<RegisterEntry> InOperation(PortalDbContext db, RegisterKind kind) =>
        db.RegisterEntries.Where(r => r.Kind == kind && r.StartsOn <= To && (r.EndsOn == null || r.EndsOn >= From));

    private static IQueryable<ClosedLoopItem> Found(PortalDbContext db, ClosedLoopSource source) =>
        db.ClosedLoopItems.Where(i => i.Source == source && i.FoundOn >= From && i.FoundOn <= To);

    private static IQueryable<DisciplineRecord> Discipline(PortalDbContext db, DisciplineRecordType type) =>
        db.DisciplineRecords.Where(d => d.Type == type && d.Date >= From && d.Date <= To);

    private static IQueryable<Partnership> Partnerships(PortalDbContext db, PartnershipType type) =>
        db.Partnerships.Where(p => p.Type == type && p.StartsOn <= To && (p.EndsOn == null || p.EndsOn >= From));

    private static async Task<double> CountAsync(PortalDbContext db, string figure)
    {
        var organs = await db.OrgUnits.SingleAsync(u => u.Type == OrgUnitType.OrgansCommittee);
        var settings = await db.BureauSettings.SingleAsync();
        var district = await db.OrgUnits.SingleAsync(u => u.Type == OrgUnitType.CountyCommittee && u.Name.Contains(settings.DistrictName));
        var campaign = (string code) => db.Campaigns.Where(c => c.Code == code).Select(c => c.Id).Single();

        return figure switch
        {
            "F01" => await InOperation(db, RegisterKind.Honour).CountAsync(r => r.StartsOn >= From),
            "F02" => await Kind(db, Codes.LeaderEndorsement).CountAsync(),
            "F03" => await Kind(db, Codes.FirstTopicStudy).CountAsync(a => a.OrgUnit!.Type == OrgUnitType.MunicipalCommittee || a.OrgUnit.Type == OrgUnitType.CountyCommittee),
            "F04" => await Kind(db, Codes.CentralGroupStudy).CountAsync(),
            "F05" => await Kind(db, Codes.YouthStudyGroup).CountAsync(),
            "F06" => await Kind(db, Codes.ThemedPartyDay).Where(a => a.CampaignId == campaign("ningxin-zhuhun-2023")).Select(a => a.OrgUnitId).Distinct().CountAsync(),
            "F07" => await PresentMembers(db, Kind(db, Codes.Training).Where(a => a.OrganiserLevel == OrganiserLevel.Provincial))
                .CountAsync(id => db.Members.Any(m => m.Id == id && m.CadreLevel == CadreLevel.Division)),
            "F08" => await PresentMembers(db, Kind(db, Codes.Training).Where(a => a.OrganiserLevel == OrganiserLevel.Municipal))
                .CountAsync(id => db.Members.Any(m => m.Id == id && m.CadreLevel == CadreLevel.Section)),
            "F09" => await Found(db, ClosedLoopSource.InspectionSelfCheck).CountAsync(),
            "F10" => await Found(db, ClosedLoopSource.InspectionSelfCheck).SelectMany(i => i.Measures).CountAsync(),
            "F11" => await Kind(db, Codes.PartyBuildingResearch).CountAsync(a => a.ContactPointId != null),
            "F12" => await Kind(db, Codes.PartyLecture).CountAsync(a => a.ContactPointId != null),
            "F13" => await Discipline(db, DisciplineRecordType.ClueHandled).CountAsync(),
            "F14" => await Discipline(db, DisciplineRecordType.CaseOpened).CountAsync(),
            "F15" => await Discipline(db, DisciplineRecordType.Disposition).SumAsync(d => d.PersonTimes),
            "F16" => await Discipline(db, DisciplineRecordType.Disposition).Where(d => d.Form == DispositionForm.First).SumAsync(d => d.PersonTimes),
            "F17" => await Kind(db, Codes.AssistHigherReview).CountAsync(),
            "F18" => await Kind(db, Codes.AssistEvidenceCollection).CountAsync(),
            "F19" => await Kind(db, Codes.Inspection).CountAsync(),
            "F20" => await db.ClosedLoopItems.CountAsync(i => Kind(db, Codes.Inspection).Select(a => a.Id).Contains(i.SourceActivityId ?? 0)),
            "F21" => await Kind(db, Codes.Notification).CountAsync(),
            "F22" => await Kind(db, Codes.IntegrityReminder).SumAsync(a => a.Quantity),
            "F23" => await Kind(db, Codes.HeartToHeartTalk).SumAsync(a => a.Quantity),
            "F24" => await Partnerships(db, PartnershipType.CoBuilding)
                .Where(p => p.OrgUnit!.Path.StartsWith(organs.Path) && p.PartnerOrgUnit!.Path.StartsWith(district.Path))
                .Select(p => p.OrgUnitId).Distinct().CountAsync(),
            "F25" => await Partnerships(db, PartnershipType.CoBuilding)
                .Where(p => p.OrgUnit!.Path.StartsWith(organs.Path) && p.PartnerOrgUnit!.Path.StartsWith(district.Path))
                .Select(p => p.PartnerOrgUnitId).Distinct().CountAsync(),
            "F26" => await PresentMembers(db, Kind(db, Codes.TaxGridService)).CountAsync(),
            "F27" => await Partnerships(db, PartnershipType.IndustryEscort).Where(p => p.OrgUnit!.Path.StartsWith(organs.Path)).Select(p => p.OrgUnitId).Distinct().CountAsync(),
            "F28" => await Partnerships(db, PartnershipType.IndustryEscort)
                .Where(p => p.PartnerOrganisation!.Kind == OutsideOrganisationKind.IndustryAssociation).Select(p => p.PartnerOrganisationId).Distinct().CountAsync(),
            "F29" => await InOperation(db, RegisterKind.ServiceCircle).CountAsync(),
            "F30" => await InOperation(db, RegisterKind.VolunteerPoint).CountAsync(),
            "F31" => await db.OrgUnits.CountAsync(u => u.IsTemporary && u.FoundedOn >= From && u.FoundedOn <= To),
            "F32" => await db.RegisterEntries.CountAsync(r => (r.Kind == RegisterKind.VanguardTeam || r.Kind == RegisterKind.YouthCommandoTeam) && r.StartsOn >= From && r.StartsOn <= To),
            "F33" => await Kind(db, Codes.SpecialPartyLecture).CountAsync(a => a.CampaignId == campaign("discipline-style-2023")),
            "F34" => await Kind(db, Codes.CaseDisciplineDay).CountAsync(),
            "F35" => await Kind(db, Codes.IntegrityReminderCard).CountAsync(),
            "F36" => await Found(db, ClosedLoopSource.SelfReview).CountAsync(),
            "F37" => await Found(db, ClosedLoopSource.SelfReview).SelectMany(i => i.Measures).CountAsync(),
            "F38" => await Kind(db, Codes.IntegrityLetter).SumAsync(a => a.Quantity),
            "F39" => await Kind(db, Codes.IntegrityHomeVisit).Select(a => a.SubjectMemberId).Distinct().CountAsync(id => id != null),
            "F40" => await Kind(db, Codes.FamilyIntegrityForum).CountAsync(),
            "F41" => await Kind(db, Codes.IntegrityTalk).SumAsync(a => a.Quantity),
            "F42" => await Kind(db, Codes.ThemedPartyDay).CountAsync(),
            "F43" => await db.StarRatings.CountAsync(r => r.Stars == 5 && r.PublishedOn >= From && r.PublishedOn <= To),
            "F44" => await InOperation(db, RegisterKind.SecretaryStudio).CountAsync(),
            _ => throw new ArgumentOutOfRangeException(nameof(figure)),
        };
    }
}
