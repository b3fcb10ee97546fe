using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartyPortal.Data;
using PartyPortal.Features.Activities;
using PartyPortal.Live;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Activities;

/// <summary>A recorded activity: deleting it and recording a make-up both ask first, and a make-up takes the day it happened.</summary>
public class ActivityPageTests : PortalTestContext
{
    private static readonly DateOnly Held = new(2024, 5, 10);
    private int branch;
    private int absentee;
    private int activityId;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton<ChangeBus>();
        Services.AddScoped<ActivityService>();
        await using (var db = Database.CreateDbContext())
        {
            await ActivityKindCatalogue.EnsureSeededAsync(db);
            var root = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
            branch = (await TestTree.AddUnitAsync(db, "办公室党支部", OrgUnitType.Branch, root)).Id;
            foreach (var name in new[] { "张伟", "李娜" })
            {
                var m = new Member { Name = name, BirthYear = 1985, CadreLevel = CadreLevel.General, OrgUnitId = branch };
                db.Members.Add(m);
                await db.SaveChangesAsync();
                db.MemberAssignments.Add(new MemberAssignment { MemberId = m.Id, OrgUnitId = branch, From = new DateOnly(2020, 1, 1) });
                absentee = m.Id;
            }

            await db.SaveChangesAsync();
        }

        var present = absentee - 1;
        var recorded = await Services.GetRequiredService<ActivityService>().RecordAsync(TestUsers.Secretary(branch), new ActivityInput
        {
            KindCode = "themed-party-day", OrgUnitId = branch, Date = Held, Title = "5月主题党日",
            Attendance = [new() { MemberId = present }, new() { MemberId = absentee, Status = AttendanceStatus.Absent }],
        }, Xunit.TestContext.Current.CancellationToken);
        Assert.True(recorded.Succeeded, string.Join(" ", recorded.Errors.Values));
        activityId = recorded.Id!.Value;
    }

    [Fact]
    public async Task DeletingSaysWhatWillHappenAndCancellingKeepsTheRecord()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = RenderAs<ActivityPage>(TestUsers.Secretary(branch), p => p.Add(x => x.Id, activityId));
        page.WaitForAssertion(() => page.Find("[data-action=delete-activity]"));

        var asking1 = page.Find("[data-action=delete-activity]").ClickAsync(new()); // completes once the dialog is answered
        dialogs.WaitForAssertion(() => Assert.Contains("删除后该记录及其出勤登记不再计入任何统计", dialogs.Find("[data-confirm-message]").TextContent, StringComparison.Ordinal));
        Assert.False(await IsDeletedAsync());
        await dialogs.Find("[data-action=confirm-cancel]").ClickAsync(new());
        await asking1;
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-confirm-message]")));
        Assert.False(await IsDeletedAsync());

        var asking2 = page.Find("[data-action=delete-activity]").ClickAsync(new()); // completes once the dialog is answered
        dialogs.WaitForAssertion(() => dialogs.Find("[data-action=confirm-ok]"));
        await dialogs.Find("[data-action=confirm-ok]").ClickAsync(new());
        await asking2;

        page.WaitForAssertion(() => Assert.EndsWith("/workspace", Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.True(await IsDeletedAsync());
    }

    [Fact]
    public async Task AMakeUpIsRecordedOnTheDayChosenAfterAConfirmation()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = RenderAs<ActivityPage>(TestUsers.Secretary(branch), p => p.Add(x => x.Id, activityId));
        page.WaitForAssertion(() => page.Find($"[data-member='{absentee}'] [data-action=make-up]"));

        var asking3 = page.Find($"[data-member='{absentee}'] [data-action=make-up]").ClickAsync(new()); // completes once the dialog is answered
        dialogs.WaitForAssertion(() => Assert.Contains("李娜 在本次活动（2024-05-10）的缺席计为已补学", dialogs.Find("[data-confirm-message]").TextContent, StringComparison.Ordinal));
        Assert.Null(await MadeUpOnAsync());
        Assert.Equal("2024-05-20", dialogs.Find("[data-field=confirm-day] input").GetAttribute("value"));

        await dialogs.Find("[data-field=confirm-day] input").ChangeAsync(new() { Value = "2024-05-09" });
        await dialogs.Find("[data-action=confirm-ok]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("补学日期不能早于活动日期（2024-05-10）", dialogs.Markup, StringComparison.Ordinal));
        Assert.Null(await MadeUpOnAsync());

        await dialogs.Find("[data-field=confirm-day] input").ChangeAsync(new() { Value = "2024-05-15" });
        await dialogs.Find("[data-action=confirm-ok]").ClickAsync(new());
        await asking3;

        page.WaitForAssertion(() => Assert.Contains("5月15日已补学", page.Find($"[data-member='{absentee}']").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Equal(new DateOnly(2024, 5, 15), await MadeUpOnAsync());
    }

    private async Task<bool> IsDeletedAsync()
    {
        await using var db = Database.CreateDbContext();
        return (await db.Activities.SingleAsync(a => a.Id == activityId, Xunit.TestContext.Current.CancellationToken)).IsDeleted;
    }

    private async Task<DateOnly?> MadeUpOnAsync()
    {
        await using var db = Database.CreateDbContext();
        return (await db.Attendance.SingleAsync(a => a.ActivityId == activityId && a.MemberId == absentee, Xunit.TestContext.Current.CancellationToken)).MadeUpOn;
    }
}
