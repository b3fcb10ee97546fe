using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Data;
using PartyPortal.Features.Activities;
using PartyPortal.Live;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Activities;

public class RecordActivityPageTests : PortalTestContext
{
    private int branch;
    private int committee;
    private readonly List<int> members = [];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton<ChangeBus>();
        Services.AddScoped<ActivityService>();
        Services.AddScoped<PartyPortal.Features.Organisation.MemberFinder>();
        await using var db = Database.CreateDbContext();
        await ActivityKindCatalogue.EnsureSeededAsync(db);
        var root = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
        committee = root.Id;
        branch = (await TestTree.AddUnitAsync(db, "办公室党支部", OrgUnitType.Branch, root)).Id;
        foreach (var name in new[] { "张伟", "李娜", "王强", "赵敏" })
        {
            var m = new Member { Name = name, BirthYear = 1985, CadreLevel = CadreLevel.General, OrgUnitId = branch };
            db.Members.Add(m);
            await db.SaveChangesAsync();
            db.MemberAssignments.Add(new MemberAssignment { MemberId = m.Id, OrgUnitId = branch, From = new DateOnly(2020, 1, 1) });
            members.Add(m.Id);
        }

        db.StudyTopics.Add(new StudyTopic { Title = "2024年5月政治理论学习指引", PublishedOn = new DateOnly(2024, 5, 1), DueOn = new DateOnly(2024, 5, 31) });
        await db.SaveChangesAsync();
    }

    private IRenderedComponent<RecordActivityPage> OpenForm()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"activities/new?unit={branch}&kind=themed-party-day");
        var page = RenderAs<RecordActivityPage>(TestUsers.Secretary(branch));
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-member]").Count));
        return page;
    }

    [Fact]
    public async Task ATalkSavesTheMembersChosenInItsPickersAsSubjectAndPresenter()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"activities/new?unit={branch}&kind=heart-to-heart-talk");
        var page = RenderAs<RecordActivityPage>(TestUsers.Secretary(branch));
        page.WaitForAssertion(() => page.Find("#activity-subject"), MemberPicking.Wait);

        await MemberPicking.PickAsync(page, "activity-subject", new(members[1], "李娜", branch, "办公室党支部", CadreLevel.General, MemberStatus.Full));
        page.WaitForAssertion(() => Assert.Equal("李娜", page.Find("#activity-subject").GetAttribute("value")), MemberPicking.Wait);
        await MemberPicking.PickAsync(page, "activity-presenter", new(members[0], "张伟", branch, "办公室党支部", CadreLevel.General, MemberStatus.Full));
        page.WaitForAssertion(() => Assert.Equal("张伟", page.Find("#activity-presenter").GetAttribute("value")), MemberPicking.Wait);
        page.Find("#activity-title").Change("与李娜同志谈心谈话");
        page.Find("#activity-quantity").Change("1");
        page.Find("[data-action=save-activity]").Click();

        page.WaitForAssertion(() => Assert.True(
            Services.GetRequiredService<NavigationManager>().Uri.EndsWith("/activities/1", StringComparison.Ordinal),
            string.Join(" ", page.FindAll(".mud-input-helper-text, .validation-message, .mud-alert").Select(e => e.TextContent))), MemberPicking.Wait);
        await using var db = Database.CreateDbContext();
        var saved = await db.Activities.SingleAsync(Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(members[1], saved.SubjectMemberId);
        Assert.Equal(members[0], saved.PresenterMemberId);
    }

    [Fact]
    public void AOneClickRecordArrivesFilledInWithEveryonePresent()
    {
        var page = OpenForm();

        Assert.Equal("5月主题党日", page.Find("#activity-title").GetAttribute("value"));
        Assert.Contains("2024年5月政治理论学习指引", page.Markup, StringComparison.Ordinal);
        Assert.Equal(4, page.FindAll("button.on[data-status=present]").Count);
        Assert.Contains("出席 4，请假 0，缺席 0", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkingTwoAbsenteesAndSavingRecordsTheMeeting()
    {
        var page = OpenForm();

        page.Find($"[data-member='{members[1]}'] [data-status=absent]").Click();
        page.WaitForElement($"[data-member='{members[2]}'] [data-status=excused]").Click();
        page.WaitForElement("[data-action=save-activity]").Click();

        page.WaitForAssertion(() => Assert.EndsWith("/activities/1", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
        await using var db = Database.CreateDbContext();
        var saved = await db.Activities.Include(a => a.Attendance).SingleAsync(Xunit.TestContext.Current.CancellationToken);
        Assert.Equal("5月主题党日", saved.Title);
        Assert.Equal(new DateOnly(2024, 5, 20), saved.Date);
        Assert.NotNull(saved.StudyTopicId);
        Assert.Equal(
            [AttendanceStatus.Present, AttendanceStatus.Absent, AttendanceStatus.Excused, AttendanceStatus.Present],
            members.Select(id => saved.Attendance.Single(a => a.MemberId == id).Status));
    }

    [Fact]
    public async Task AnEmptyTitleIsShownBesideTheFieldAndEverythingElseIsKept()
    {
        var page = OpenForm();
        page.Find($"[data-member='{members[3]}'] [data-status=absent]").Click();

        page.Find("#activity-title").Change("");
        page.Find("[data-action=save-activity]").Click();

        page.WaitForAssertion(() => Assert.Contains("请填写活动主题。", page.Markup, StringComparison.Ordinal));
        Assert.Contains("有1处需要修改", page.Markup, StringComparison.Ordinal);
        Assert.Single(page.FindAll($"[data-member='{members[3]}'] button.on[data-status=absent]"));
        await using var db = Database.CreateDbContext();
        Assert.Equal(0, await db.Activities.CountAsync(Xunit.TestContext.Current.CancellationToken));
    }

    [Fact]
    public void ASecretaryOfAnotherBranchIsToldNo()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"activities/new?unit={branch}&kind=themed-party-day");

        var page = RenderAs<RecordActivityPage>(TestUsers.Secretary(branch + 100));

        page.WaitForAssertion(() => Assert.Contains("您没有权限", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-action=save-activity]"));
    }

    [Fact]
    public async Task TheActivityPageOffersEditAndDeleteOnlyToThoseWhoMayWrite()
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var activities = scope.ServiceProvider.GetRequiredService<ActivityService>();
            var input = new ActivityInput
            {
                KindCode = "warning-education", OrgUnitId = branch, Date = new DateOnly(2024, 5, 10), Title = "警示教育",
                Attendance = [new AttendanceInput { MemberId = members[0], Status = AttendanceStatus.Absent }],
            };
            Assert.True((await activities.RecordAsync(TestUsers.Secretary(branch), input, Xunit.TestContext.Current.CancellationToken)).Succeeded);
        }

        var asSecretary = RenderAs<ActivityPage>(TestUsers.Secretary(branch), p => p.Add(x => x.Id, 1));
        asSecretary.WaitForAssertion(() => Assert.Single(asSecretary.FindAll("[data-action=delete-activity]")));
        Assert.Single(asSecretary.FindAll("[data-action=make-up]"));

        var asLeader = RenderAs<ActivityPage>(TestUsers.Leader, p => p.Add(x => x.Id, 1));
        asLeader.WaitForAssertion(() => Assert.Contains("警示教育", asLeader.Markup, StringComparison.Ordinal));
        Assert.Empty(asLeader.FindAll("[data-action=delete-activity]"));
        Assert.Empty(asLeader.FindAll("[data-action=make-up]"));
    }

    [Fact]
    public void ACommitteeRecordStartsWithNobodyAndAddsAttendeesByCadreLevel()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"activities/new?unit={committee}&kind=training");
        var page = RenderAs<RecordActivityPage>(TestUsers.PartyOffice);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-action=add-general]")));
        Assert.Empty(page.FindAll("[data-member]"));

        page.Find("[data-action=add-general]").Click();

        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-member]").Count));
        Assert.Empty(page.FindAll("[data-action=add-general]"));
    }

    [Fact]
    public void ACommitteeRecordAddsOneAttendeeFoundByName()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"activities/new?unit={committee}&kind=training");
        var page = RenderAs<RecordActivityPage>(TestUsers.PartyOffice);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("#attendee-search")));

        page.Find("#attendee-search").Input("钱");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-no-candidates]")), TimeSpan.FromSeconds(5));

        page.Find("#attendee-search").Input("李");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-candidate]")), TimeSpan.FromSeconds(5));
        Assert.Contains("李娜（一般干部）", page.Find("[data-candidate]").TextContent, StringComparison.Ordinal);
        page.Find("[data-candidate]").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-member]")));
        Assert.Equal(members[1].ToString(System.Globalization.CultureInfo.InvariantCulture), page.Find("[data-member]").GetAttribute("data-member"));
        Assert.Empty(page.FindAll("[data-candidate]"));
        Assert.Contains("一般干部（3人）", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAttendeeSearchLeavesOutThoseListedAndPeopleOutsideTheCommittee()
    {
        await using (var db = Database.CreateDbContext())
        {
            var elsewhere = await TestTree.AddUnitAsync(db, "外局党委", OrgUnitType.CountyCommittee, null);
            var outsider = new Member { Name = "李明", BirthYear = 1985, CadreLevel = CadreLevel.General, OrgUnitId = elsewhere.Id };
            outsider.Assignments.Add(new MemberAssignment { OrgUnitId = elsewhere.Id, From = new DateOnly(2020, 1, 1) });
            db.Members.Add(outsider);
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        await using var scope = Services.CreateAsyncScope();
        var activities = scope.ServiceProvider.GetRequiredService<ActivityService>();
        var ct = Xunit.TestContext.Current.CancellationToken;

        var found = await activities.FindAttendeesAsync(TestUsers.PartyOffice, committee, new DateOnly(2024, 5, 20), " 李 ", [], ct);
        Assert.Equal(["李娜"], found.Select(m => m.Name));
        Assert.Empty(await activities.FindAttendeesAsync(TestUsers.PartyOffice, committee, new DateOnly(2024, 5, 20), "李", [members[1]], ct));
        Assert.Empty(await activities.FindAttendeesAsync(TestUsers.PartyOffice, committee, new DateOnly(2019, 5, 20), "李", [], ct));
        Assert.Empty(await activities.FindAttendeesAsync(TestUsers.PartyOffice, committee, new DateOnly(2024, 5, 20), " ", [], ct));
        await Assert.ThrowsAsync<PartyPortal.Access.AccessDeniedException>(() =>
            activities.FindAttendeesAsync(TestUsers.Secretary(branch), committee, new DateOnly(2024, 5, 20), "李", [], ct));
    }

    [Fact]
    public void AFailedSaveBringsTheFirstFieldWithAnErrorIntoView()
    {
        var module = JSInterop.SetupModule(RecordActivityPage.ErrorsModulePath);
        var page = OpenForm();
        Assert.Empty(module.Invocations);

        page.Find("#activity-title").Change("");
        page.Find("[data-action=save-activity]").Click();

        page.WaitForAssertion(() => Assert.Contains("请填写活动主题。", page.Markup, StringComparison.Ordinal));
        var call = module.VerifyInvoke("focusFirstError");
        Assert.IsType<ElementReference>(call.Arguments[0]);
        Assert.Contains("mud-input-error", page.Find("#activity-title").ParentElement!.ClassName, StringComparison.Ordinal);
    }
}
