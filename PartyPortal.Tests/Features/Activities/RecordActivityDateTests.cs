using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Data;
using PartyPortal.Features.Activities;
using PartyPortal.Features.Workspace;
using PartyPortal.Live;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Activities;

/// <summary>
/// The record form and its date (issue 14, items 4 and 5): what was marked survives a change of day, the prefilled
/// title and study guide follow the day until the user writes their own, an overdue item opens in its own period,
/// and a date that does not exist is called so.
/// </summary>
public class RecordActivityDateTests : PortalTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private int branch;
    private readonly List<int> members = [];
    private int newcomer;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton<ChangeBus>();
        Services.AddScoped<ActivityService>();
        Services.AddScoped<PartyPortal.Features.Organisation.MemberFinder>();
        await using var db = Database.CreateDbContext();
        await ActivityKindCatalogue.EnsureSeededAsync(db);
        var root = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
        branch = (await TestTree.AddUnitAsync(db, "办公室党支部", OrgUnitType.Branch, root)).Id;
        foreach (var (name, from) in new[] { ("张伟", new DateOnly(2020, 1, 1)), ("李娜", new DateOnly(2020, 1, 1)), ("王强", new DateOnly(2020, 1, 1)), ("孙丽", new DateOnly(2024, 5, 10)) })
        {
            var m = new Member { Name = name, BirthYear = 1985, CadreLevel = CadreLevel.General, OrgUnitId = branch };
            m.Assignments.Add(new MemberAssignment { OrgUnitId = branch, From = from });
            db.Members.Add(m);
            await db.SaveChangesAsync();
            members.Add(m.Id);
        }

        newcomer = members[3];
        db.StudyTopics.Add(new StudyTopic { Title = "2024年4月政治理论学习指引", PublishedOn = new DateOnly(2024, 4, 1), DueOn = new DateOnly(2024, 4, 30) });
        db.StudyTopics.Add(new StudyTopic { Title = "2024年5月政治理论学习指引", PublishedOn = new DateOnly(2024, 5, 1), DueOn = new DateOnly(2024, 5, 31) });
        await db.SaveChangesAsync();
    }

    private IRenderedComponent<RecordActivityPage> Open(string address, int rows)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        var page = RenderAs<RecordActivityPage>(TestUsers.Secretary(branch));
        page.WaitForAssertion(() => Assert.Equal(rows, page.FindAll("[data-member]").Count), Wait);
        return page;
    }

    private static void TypeDate(IRenderedComponent<RecordActivityPage> page, string text) =>
        page.Find(".mud-picker input").Change(text);

    private static string Status(IRenderedComponent<RecordActivityPage> page, int member) =>
        page.Find($"[data-member='{member}'] button.on").GetAttribute("data-status")!;

    [Fact]
    public void MarksAreKeptPerMemberWhenTheDateMovesToAnotherRollAndBack()
    {
        var page = Open($"activities/new?unit={branch}&kind=themed-party-day", rows: 4);
        page.Find($"[data-member='{members[1]}'] [data-status=absent]").Click();
        page.WaitForElement($"[data-member='{newcomer}'] [data-status=excused]").Click();

        // On May 1 the newcomer had not joined: the roll is three; 李娜 is still on it and keeps her mark.
        TypeDate(page, "2024-05-01");
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-member]").Count), Wait);
        Assert.Equal("absent", Status(page, members[1]));

        TypeDate(page, "2024-05-20");
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-member]").Count), Wait);
        Assert.Equal("excused", Status(page, newcomer));
        Assert.Equal("absent", Status(page, members[1]));
        Assert.Equal("present", Status(page, members[0]));
    }

    [Fact]
    public void AnOverdueItemOpensTheFormInThePeriodItWasDueFor()
    {
        var april = Period.Containing(new DateOnly(2024, 4, 1), PeriodKind.Month);
        var entry = new ChecklistEntry(ActivityKindCatalogue.Codes.BranchCommitteeMeeting, "支部委员会会议", april, "每月至少1次", 0, 1,
            ChecklistStatus.Overdue, false, []);
        var item = Render<ChecklistItem>(p => p.Add(x => x.Entry, entry).Add(x => x.BranchId, branch));
        var href = item.Find("[data-record] ").GetAttribute("href")!;

        var page = Open(href.TrimStart('/'), rows: 3);

        Assert.Equal("2024-04-30", page.Find(".mud-picker input").GetAttribute("value"));
        Assert.Equal("4月支部委员会会议", page.Find("#activity-title").GetAttribute("value"));
        Assert.Contains("2024年4月政治理论学习指引", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTitleFollowsTheDateUntilTheUserWritesTheirOwn()
    {
        var page = Open($"activities/new?unit={branch}&kind=themed-party-day", rows: 4);
        Assert.Equal("5月主题党日", page.Find("#activity-title").GetAttribute("value"));

        TypeDate(page, "2024-04-25");
        page.WaitForAssertion(() => Assert.Equal("4月主题党日", page.Find("#activity-title").GetAttribute("value")), Wait);
        Assert.Contains("2024年4月政治理论学习指引", page.Markup, StringComparison.Ordinal);

        page.Find("#activity-title").Change("红色观影");
        TypeDate(page, "2024-03-12");
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-member]").Count), Wait);
        Assert.Equal("红色观影", page.Find("#activity-title").GetAttribute("value"));
    }

    [Fact]
    public async Task ADateThatDoesNotExistIsCalledNotADateAndNothingIsSaved()
    {
        var page = Open($"activities/new?unit={branch}&kind=themed-party-day", rows: 4);
        page.Find($"[data-member='{members[2]}'] [data-status=absent]").Click();

        TypeDate(page, "2026-13-45");
        page.Find("[data-action=save-activity]").Click();

        page.WaitForAssertion(() => Assert.Contains("不是有效的日期", page.Markup, StringComparison.Ordinal), Wait);
        Assert.DoesNotContain("请填写活动日期", page.Markup, StringComparison.Ordinal);
        Assert.Equal("2026-13-45", page.Find(".mud-picker input").GetAttribute("value"));
        Assert.Equal("5月主题党日", page.Find("#activity-title").GetAttribute("value"));
        Assert.Equal("absent", Status(page, members[2]));
        await using var db = Database.CreateDbContext();
        Assert.Equal(0, await db.Activities.CountAsync(Xunit.TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ASavedRecordCarriesItsStudyTopicsTitleForTheRecordPage()
    {
        var page = Open($"activities/new?unit={branch}&kind=themed-party-day", rows: 4);
        page.Find("[data-action=save-activity]").Click();
        // The form's own address holds "/activities/" too: wait for the saved record's, which ends in its number.
        var id = 0;
        page.WaitForAssertion(() => Assert.True(int.TryParse(Services.GetRequiredService<NavigationManager>().Uri.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture, out id)), Wait);

        await using var scope = Services.CreateAsyncScope();
        var saved = await scope.ServiceProvider.GetRequiredService<ActivityService>().GetAsync(TestUsers.Secretary(branch), id, Xunit.TestContext.Current.CancellationToken);
        Assert.Equal("2024年5月政治理论学习指引", saved!.StudyTopicTitle);
    }
}
