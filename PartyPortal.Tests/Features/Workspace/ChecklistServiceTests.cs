using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartyPortal.Access;
using PartyPortal.Features.Workspace;
using PartyPortal.Model;
using PartyPortal.Tests.Support;
using static PartyPortal.Data.ActivityKindCatalogue;

namespace PartyPortal.Tests.Features.Workspace;

public sealed class ChecklistServiceTests : IAsyncLifetime
{
    private static readonly Period May = Period.Month(2024, 5);
    private static readonly Period April = Period.Month(2024, 4);
    private static readonly Period Q1 = Period.Quarter(2024, 1);
    private static readonly Period Q2 = Period.Quarter(2024, 2);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>2024-05-20 10:00 in Asia/Shanghai.</summary>
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2024, 5, 20, 2, 0, 0, TimeSpan.Zero));
    private TestDatabase database = null!;
    private ServiceProvider access = null!;
    private AsyncServiceScope scope;
    private ChecklistService service = null!;
    private WorkspaceTree tree = null!;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        access = AccessTestServices.Create(database, time);
        scope = access.CreateAsyncScope();
        service = new ChecklistService(database, new BureauClock(time, BureauClock.FindZone(null)), scope.ServiceProvider.GetRequiredService<AccessGuard>());
        await using var db = database.CreateDbContext();
        tree = await WorkspaceTree.SeedAsync(db);
    }

    public async ValueTask DisposeAsync()
    {
        await scope.DisposeAsync();
        await access.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task AThemedPartyDayHeldInMayMakesTheMayItemDoneWithItsDate()
    {
        var id = await AddAsync(tree.First, Codes.ThemedPartyDay, new DateOnly(2024, 5, 15));

        var item = Item(await ChecklistAsync(tree.First), Codes.ThemedPartyDay, May);

        Assert.Equal(ChecklistStatus.Done, item.Status);
        Assert.Equal("主题党日", item.KindName);
        Assert.Equal("2024年5月", item.PeriodLabel);
        Assert.Equal("每月至少1次", item.Rule);
        Assert.Equal((1, 1), (item.Held, item.Minimum));
        Assert.False(item.EndsSoon);
        Assert.Equal([new CountedActivity(id, new DateOnly(2024, 5, 15))], item.Activities);
    }

    [Fact]
    public async Task NoWarningEducationThisQuarterIsDueAndNoneLastQuarterIsOverdue()
    {
        var checklist = await ChecklistAsync(tree.First);

        var due = Item(checklist, Codes.WarningEducation, Q2);
        Assert.Equal(ChecklistStatus.Due, due.Status);
        Assert.Equal("2024年第2季度", due.PeriodLabel);
        Assert.Equal("每季度至少1次", due.Rule);
        Assert.Equal((0, 1), (due.Held, due.Minimum));
        Assert.Empty(due.Activities);

        var overdue = Item(checklist, Codes.WarningEducation, Q1);
        Assert.Equal(ChecklistStatus.Overdue, overdue.Status);
        Assert.Equal("2024年第1季度", overdue.PeriodLabel);
        Assert.False(overdue.EndsSoon);
    }

    [Fact]
    public async Task APreviousPeriodThatWasMetIsNotListed()
    {
        await AddAsync(tree.First, Codes.WarningEducation, new DateOnly(2024, 3, 28));

        var checklist = await ChecklistAsync(tree.First);

        Assert.DoesNotContain(checklist.Items, i => i.KindCode == Codes.WarningEducation && i.Period == Q1);
        Assert.Equal(ChecklistStatus.Due, Item(checklist, Codes.WarningEducation, Q2).Status);
    }

    [Fact]
    public async Task AMonthlyItemEndsSoonInTheLastWeekOfTheMonthOnly()
    {
        Assert.False(Item(await ChecklistAsync(tree.First), Codes.ThemedPartyDay, May).EndsSoon);

        time.SetUtcNow(new DateTimeOffset(2024, 5, 25, 2, 0, 0, TimeSpan.Zero));
        var late = await ChecklistAsync(tree.First);

        Assert.True(Item(late, Codes.ThemedPartyDay, May).EndsSoon);
        Assert.False(Item(late, Codes.WarningEducation, Q2).EndsSoon);
        Assert.False(Item(late, Codes.ThemedPartyDay, April).EndsSoon);
    }

    [Fact]
    public async Task EndsSoonStartsSevenDaysBeforeThePeriodEnds()
    {
        time.SetUtcNow(new DateTimeOffset(2024, 5, 23, 2, 0, 0, TimeSpan.Zero));
        Assert.False(Item(await ChecklistAsync(tree.First), Codes.ThemedPartyDay, May).EndsSoon);

        time.Advance(TimeSpan.FromDays(1));
        Assert.True(Item(await ChecklistAsync(tree.First), Codes.ThemedPartyDay, May).EndsSoon);
    }

    [Fact]
    public async Task AMetItemIsNeverHighlightedAsEndingSoon()
    {
        time.SetUtcNow(new DateTimeOffset(2024, 5, 30, 2, 0, 0, TimeSpan.Zero));
        await AddAsync(tree.First, Codes.ThemedPartyDay, new DateOnly(2024, 5, 29));

        var item = Item(await ChecklistAsync(tree.First), Codes.ThemedPartyDay, May);

        Assert.Equal(ChecklistStatus.Done, item.Status);
        Assert.False(item.EndsSoon);
    }

    [Fact]
    public async Task ADeletedActivityDoesNotCount()
    {
        await AddAsync(tree.First, Codes.ThemedPartyDay, new DateOnly(2024, 5, 15), deleted: true);

        var item = Item(await ChecklistAsync(tree.First), Codes.ThemedPartyDay, May);

        Assert.Equal(ChecklistStatus.Due, item.Status);
        Assert.Equal(0, item.Held);
        Assert.Empty(item.Activities);
    }

    [Fact]
    public async Task OnlyTheBranchsOwnActivitiesOfTheKindCount()
    {
        await AddAsync(tree.Second, Codes.ThemedPartyDay, new DateOnly(2024, 5, 15));
        await AddAsync(tree.First, Codes.CaseDisciplineDay, new DateOnly(2024, 5, 15));
        await AddAsync(tree.First, Codes.ThemedPartyDay, new DateOnly(2024, 4, 30));

        var checklist = await ChecklistAsync(tree.First);

        Assert.Equal(ChecklistStatus.Due, Item(checklist, Codes.ThemedPartyDay, May).Status);
        Assert.DoesNotContain(checklist.Items, i => i.KindCode == Codes.ThemedPartyDay && i.Period == April);
    }

    [Fact]
    public async Task EveryActivityOfTheItemsPeriodIsListedInDateOrder()
    {
        var later = await AddAsync(tree.First, Codes.BranchCommitteeMeeting, new DateOnly(2024, 5, 18));
        var earlier = await AddAsync(tree.First, Codes.BranchCommitteeMeeting, new DateOnly(2024, 5, 6));

        var item = Item(await ChecklistAsync(tree.First), Codes.BranchCommitteeMeeting, May);

        Assert.Equal(2, item.Held);
        Assert.Equal([earlier, later], item.Activities.Select(a => a.Id));
    }

    [Fact]
    public async Task ABranchFoundedThisMonthOwesThisMonthButNothingBefore()
    {
        var checklist = await ChecklistAsync(tree.NewlyFounded);

        Assert.Equal(ChecklistStatus.Due, Item(checklist, Codes.ThemedPartyDay, May).Status);
        Assert.Equal(ChecklistStatus.Due, Item(checklist, Codes.WarningEducation, Q2).Status);
        Assert.DoesNotContain(checklist.Items, i => i.Status == ChecklistStatus.Overdue);
    }

    [Fact]
    public async Task ABranchClosedInJanuaryOwesNothingForTheMonthsAndQuartersAfter()
    {
        var checklist = await ChecklistAsync(tree.Closed);

        Assert.DoesNotContain(checklist.Items, i => i.Period == May || i.Period == April || i.Period == Q2);
        // It existed in January, so the missed first quarter still shows.
        Assert.Equal(ChecklistStatus.Overdue, Item(checklist, Codes.WarningEducation, Q1).Status);
    }

    [Fact]
    public async Task OnlyBranchRequirementsOfActiveUnrestrictedKindsAreListed()
    {
        await using (var db = database.CreateDbContext())
        {
            var lecture = db.ActivityKinds.Single(k => k.Code == Codes.PartyLecture);
            lecture.IsActive = false;
            await db.SaveChangesAsync(Ct);
        }

        var codes = (await ChecklistAsync(tree.First)).Items.Select(i => i.KindCode).ToHashSet();

        Assert.Equal(
            new HashSet<string>
            {
                Codes.WarningEducation, Codes.HeartToHeartTalk, Codes.BranchGeneralMeeting, Codes.BranchCommitteeMeeting,
                Codes.PartyGroupMeeting, Codes.ThemedPartyDay, Codes.OrganisationalLifeMeeting,
            },
            codes);
    }

    [Fact]
    public async Task OverdueComeFirstThenEndingSoonThenDueThenDone()
    {
        time.SetUtcNow(new DateTimeOffset(2024, 5, 27, 2, 0, 0, TimeSpan.Zero));
        // Everything of last year, last quarter and last month was held; this month's committee meeting too.
        foreach (var (code, date) in new[]
        {
            (Codes.HeartToHeartTalk, new DateOnly(2023, 6, 1)), (Codes.OrganisationalLifeMeeting, new DateOnly(2023, 12, 1)),
            (Codes.BranchGeneralMeeting, new DateOnly(2024, 2, 1)), (Codes.PartyLecture, new DateOnly(2024, 3, 1)),
            (Codes.BranchCommitteeMeeting, new DateOnly(2024, 4, 2)), (Codes.PartyGroupMeeting, new DateOnly(2024, 4, 3)),
            (Codes.ThemedPartyDay, new DateOnly(2024, 4, 4)), (Codes.BranchCommitteeMeeting, new DateOnly(2024, 5, 6)),
        })
        {
            await AddAsync(tree.First, code, date);
        }

        var items = (await ChecklistAsync(tree.First)).Items;

        Assert.Equal(
            [
                (Codes.WarningEducation, Q1, ChecklistStatus.Overdue, false),
                (Codes.PartyGroupMeeting, May, ChecklistStatus.Due, true),
                (Codes.ThemedPartyDay, May, ChecklistStatus.Due, true),
                (Codes.WarningEducation, Q2, ChecklistStatus.Due, false),
                (Codes.BranchGeneralMeeting, Q2, ChecklistStatus.Due, false),
                (Codes.PartyLecture, Q2, ChecklistStatus.Due, false),
                (Codes.HeartToHeartTalk, Period.OfYear(2024), ChecklistStatus.Due, false),
                (Codes.OrganisationalLifeMeeting, Period.OfYear(2024), ChecklistStatus.Due, false),
                (Codes.BranchCommitteeMeeting, May, ChecklistStatus.Done, false),
            ],
            items.Select(i => (i.KindCode, i.Period, i.Status, i.EndsSoon)));
    }

    [Fact]
    public async Task ASecretaryOfAnotherBranchIsRefused()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.GetChecklistAsync(TestUsers.Secretary(tree.Second), tree.First, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.GetChecklistAsync(TestUsers.Secretary(tree.Office), tree.First, Ct));
    }

    [Fact]
    public async Task TheCountySecretaryAndTheLeaderMayReadABranchChecklist()
    {
        Assert.NotEmpty((await service.GetChecklistAsync(TestUsers.Secretary(tree.County), tree.First, Ct))!.Items);
        Assert.NotEmpty((await service.GetChecklistAsync(TestUsers.Leader, tree.First, Ct))!.Items);
    }

    [Fact]
    public async Task AUnitThatIsNotABranchHasNoChecklist()
    {
        Assert.Null(await service.GetChecklistAsync(TestUsers.PartyOffice, tree.County, Ct));
        Assert.Null(await service.GetChecklistAsync(TestUsers.PartyOffice, 999_999, Ct));
    }

    [Fact]
    public async Task ABranchSecretaryGetsTheirOneBranch()
    {
        var branches = await service.GetBranchesAsync(TestUsers.Secretary(tree.First), Ct);

        Assert.Equal([new WorkspaceBranch(tree.First, "第一党支部", "城东区局党委")], branches);
    }

    [Fact]
    public async Task ACountySecretaryGetsTheOpenBranchesOfTheCountyInTreeOrder()
    {
        var branches = await service.GetBranchesAsync(TestUsers.Secretary(tree.County), Ct);

        Assert.Equal([tree.First, tree.Second, tree.NewlyFounded], branches.Select(b => b.Id));
    }

    [Fact]
    public async Task ThePartyOfficeGetsEveryOpenBranchAndTheLeaderAndDisciplineNone()
    {
        var office = await service.GetBranchesAsync(TestUsers.PartyOffice, Ct);

        Assert.Equal([tree.Office, tree.First, tree.Second, tree.NewlyFounded], office.Select(b => b.Id));
        Assert.Empty(await service.GetBranchesAsync(TestUsers.Leader, Ct));
        Assert.Empty(await service.GetBranchesAsync(TestUsers.Discipline, Ct));
        Assert.Empty(await service.GetBranchesAsync(TestUsers.Anonymous, Ct));
    }

    [Fact]
    public async Task ASecretaryOfAClosedBranchHasNothingToRecordFor()
    {
        Assert.Empty(await service.GetBranchesAsync(TestUsers.Secretary(tree.Closed), Ct));
    }

    private static ChecklistEntry Item(BranchChecklist checklist, string code, Period period) =>
        Assert.Single(checklist.Items, i => i.KindCode == code && i.Period == period);

    private async Task<BranchChecklist> ChecklistAsync(int branchId)
    {
        var checklist = await service.GetChecklistAsync(TestUsers.Secretary(branchId), branchId, Ct);
        Assert.NotNull(checklist);
        Assert.Equal(branchId, checklist.Branch.Id);
        return checklist;
    }

    private async Task<int> AddAsync(int orgUnitId, string code, DateOnly date, bool deleted = false)
    {
        await using var db = database.CreateDbContext();
        return await WorkspaceTree.AddActivityAsync(db, orgUnitId, code, date, deleted);
    }
}
