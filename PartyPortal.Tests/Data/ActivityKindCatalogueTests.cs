using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;
using PartyPortal.Model;
using PartyPortal.Tests.Support;
using Codes = PartyPortal.Data.ActivityKindCatalogue.Codes;

namespace PartyPortal.Tests.Data;

public class ActivityKindCatalogueTests
{
    public static TheoryData<string> RequiredCodes =>
    [
        "first-topic-study", "central-group-study", "youth-study-group", "joint-study", "branch-general-meeting",
        "branch-committee-meeting", "party-group-meeting", "party-lecture", "themed-party-day", "warning-education",
        "special-party-lecture", "case-discipline-day", "heart-to-heart-talk", "integrity-talk", "supervisory-talk",
        "integrity-home-visit", "integrity-letter", "integrity-reminder", "integrity-reminder-card", "family-integrity-forum",
        "inspection", "notification", "party-building-research", "training", "democratic-life-meeting",
        "organisational-life-meeting", "exemplary-deeds-talk", "tax-grid-service", "leader-endorsement",
    ];

    [Theory]
    [MemberData(nameof(RequiredCodes))]
    public void TheCatalogueHasEveryKindTheReportCounts(string code)
    {
        Assert.Single(ActivityKindCatalogue.Kinds(), k => k.Code == code);
    }

    [Fact]
    public void CodesAreUniqueAndNamesAreChinese()
    {
        var kinds = ActivityKindCatalogue.Kinds();
        Assert.Equal(kinds.Count, kinds.Select(k => k.Code).Distinct().Count());
        Assert.All(kinds, k => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", k.Name));
    }

    [Fact]
    public void TheRestrictedDisciplineKindsAreRestrictedAndTheRestAreNot()
    {
        var restricted = ActivityKindCatalogue.Kinds().Where(k => k.Restricted).Select(k => k.Code).ToHashSet();
        Assert.Equal(
            new HashSet<string> { Codes.DisciplineMonthlyReport, Codes.AssistHigherReview, Codes.AssistEvidenceCollection, Codes.DualInvestigation },
            restricted);
    }

    [Theory]
    [InlineData(Codes.HeartToHeartTalk, ActivityUnit.PersonTimes)]
    [InlineData(Codes.IntegrityTalk, ActivityUnit.PersonTimes)]
    [InlineData(Codes.SupervisoryTalk, ActivityUnit.PersonTimes)]
    [InlineData(Codes.IntegrityLetter, ActivityUnit.Letters)]
    [InlineData(Codes.IntegrityReminder, ActivityUnit.PersonTimes)]
    [InlineData(Codes.IntegrityReminderCard, ActivityUnit.Issues)]
    [InlineData(Codes.IntegrityHomeVisit, ActivityUnit.Times)]
    public void TalksLettersRemindersAndVisitsTakeNoAttendance(string code, ActivityUnit unit)
    {
        var kind = ActivityKindCatalogue.Kinds().Single(k => k.Code == code);
        Assert.False(kind.TakesAttendance);
        Assert.False(kind.Restricted);
        Assert.Equal(unit, kind.Unit);
    }

    [Theory]
    [InlineData(Codes.BranchGeneralMeeting, RequirementPeriod.Quarter)]
    [InlineData(Codes.BranchCommitteeMeeting, RequirementPeriod.Month)]
    [InlineData(Codes.PartyGroupMeeting, RequirementPeriod.Month)]
    [InlineData(Codes.PartyLecture, RequirementPeriod.Quarter)]
    [InlineData(Codes.ThemedPartyDay, RequirementPeriod.Month)]
    [InlineData(Codes.WarningEducation, RequirementPeriod.Quarter)]
    [InlineData(Codes.OrganisationalLifeMeeting, RequirementPeriod.Year)]
    [InlineData(Codes.HeartToHeartTalk, RequirementPeriod.Year)]
    public void TheBranchRequirementsOfTheRulesAreDataOnTheKinds(string code, RequirementPeriod period)
    {
        var requirement = ActivityKindCatalogue.Kinds().Single(k => k.Code == code).Requirement;
        Assert.NotNull(requirement);
        Assert.Equal(period, requirement.Period);
        Assert.Equal(1, requirement.Minimum);
        Assert.Equal(RequirementScope.Branches, requirement.Scope);
    }

    [Fact]
    public async Task SeedingAddsOnlyMissingKindsAndKeepsEdits()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ct = TestContext.Current.CancellationToken;
        await using (var db = database.CreateDbContext())
        {
            Assert.Equal(ActivityKindCatalogue.Kinds().Count, await ActivityKindCatalogue.EnsureSeededAsync(db, ct));
            var warning = await db.ActivityKinds.SingleAsync(k => k.Code == Codes.WarningEducation, ct);
            warning.RequirementPeriod = RequirementPeriod.HalfYear;
            db.ActivityKinds.Remove(await db.ActivityKinds.SingleAsync(k => k.Code == Codes.CultureActivity, ct));
            await db.SaveChangesAsync(ct);
        }

        await using (var db = database.CreateDbContext())
        {
            Assert.Equal(1, await ActivityKindCatalogue.EnsureSeededAsync(db, ct));
            Assert.Equal(0, await ActivityKindCatalogue.EnsureSeededAsync(db, ct));
            var warning = await db.ActivityKinds.SingleAsync(k => k.Code == Codes.WarningEducation, ct);
            Assert.Equal(RequirementPeriod.HalfYear, warning.RequirementPeriod);
        }
    }
}
