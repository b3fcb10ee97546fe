using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartyPortal.Features.Organisation;
using PartyPortal.Features.Supervision;
using PartyPortal.Live;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Supervision;

public class RectificationPageTests : PortalTestContext
{
    private int overdueId, onTimeId;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton<ChangeBus>();
        Services.AddScoped<OrganisationService>();
        Services.AddScoped<RectificationService>();
        await using var db = Database.CreateDbContext();
        var root = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
        var branch = await TestTree.AddUnitAsync(db, "办公室党支部", OrgUnitType.Branch, root);
        var overdue = new ClosedLoopItem
        {
            Source = ClosedLoopSource.InspectionSelfCheck, Title = "会议记录不规范", OwnerOrgUnitId = branch.Id,
            FoundOn = new DateOnly(2024, 1, 10), Deadline = new DateOnly(2024, 4, 30), Status = ClosedLoopStatus.InProgress,
        };
        var onTime = new ClosedLoopItem
        {
            Source = ClosedLoopSource.SelfReview, Title = "学习笔记不完整", OwnerOrgUnitId = branch.Id,
            FoundOn = new DateOnly(2024, 5, 1), Deadline = new DateOnly(2024, 6, 30),
        };
        db.ClosedLoopItems.AddRange(overdue, onTime);
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        (overdueId, onTimeId) = (overdue.Id, onTime.Id);
    }

    [Fact]
    public void TheDashboardsOverdueTileOpensOnlyTheOverdueItems()
    {
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/rectification?overdue=true");

        var page = RenderAs<RectificationPage>(TestUsers.Leader);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-item]")));
        Assert.NotNull(page.Find($"[data-item='{overdueId}']"));
    }

    [Fact]
    public void PartyOfficeSeesTheItemsWithTheOverdueOneHighlighted()
    {
        var page = RenderAs<RectificationPage>(TestUsers.PartyOffice);

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-item]").Count));
        var overdue = page.Find($"[data-item='{overdueId}']");
        Assert.Equal("true", overdue.GetAttribute("data-overdue"));
        Assert.Contains("已逾期", overdue.TextContent, StringComparison.Ordinal);
        Assert.Null(page.Find($"[data-item='{onTimeId}']").GetAttribute("data-overdue"));
        Assert.Contains("逾期未办结1项", page.Find("[data-summary]").TextContent, StringComparison.Ordinal);
        Assert.Single(page.FindAll("[data-action=add-item]"));
    }

    [Fact]
    public void ALeaderReadsAnItemButHasNothingToDo()
    {
        var page = RenderAs<RectificationPage>(TestUsers.Leader);
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-item]").Count));

        page.Find($"[data-item='{overdueId}'] [data-action=open-item]").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-history]")));
        Assert.Empty(page.FindAll("[data-action=add-item]"));
        Assert.Empty(page.FindAll("[data-action=add-measure]"));
        Assert.Empty(page.FindAll("[data-action=close]"));
    }

    [Fact]
    public void AnInvalidNewItemIsExplainedBesideTheFieldAndWhatWasTypedIsKept()
    {
        var page = RenderAs<RectificationPage>(TestUsers.PartyOffice);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-action=add-item]")));

        page.Find("[data-action=add-item]").Click();
        page.WaitForElement("#item-title").Change("谈心谈话覆盖不全");
        page.Find("[data-action=save-item]").Click();

        page.WaitForAssertion(() => Assert.Contains("请选择问题来源", page.Markup, StringComparison.Ordinal));
        Assert.Equal("谈心谈话覆盖不全", page.Find("#item-title").GetAttribute("value"));
        Assert.Equal(2, page.FindAll("[data-item]").Count);
    }

    [Fact]
    public async Task AMeasureIsAddedAndAStaleSaveIsRefusedKeepingTheTypedText()
    {
        var page = RenderAs<RectificationPage>(TestUsers.Secretary(await BranchIdAsync()));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-item]").Count));
        page.Find($"[data-item='{onTimeId}'] [data-action=open-item]").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-action=add-measure]")));

        page.Find($"#measure-{onTimeId}").Change("每周检查学习笔记");
        page.Find("[data-action=add-measure]").Click();
        page.WaitForAssertion(() => Assert.Contains("每周检查学习笔记", page.Find("[data-measures]").TextContent, StringComparison.Ordinal));

        // Somebody else changes the item while this page still holds the version it read.
        await using (var db = Database.CreateDbContext())
        {
            var item = await db.ClosedLoopItems.SingleAsync(i => i.Id == onTimeId, Xunit.TestContext.Current.CancellationToken);
            item.Version = Guid.NewGuid();
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        page.Find($"#measure-{onTimeId}").Change("另一条措施");
        page.Find("[data-action=add-measure]").Click();

        page.WaitForAssertion(() => Assert.Contains("已被他人修改", page.Find("[data-stale]").TextContent, StringComparison.Ordinal));
        Assert.Equal("另一条措施", page.Find($"#measure-{onTimeId}").GetAttribute("value"));
        Assert.DoesNotContain("另一条措施", page.Find("[data-measures]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClosingAnItemAsksFirstCancellingKeepsItOpenAndConfirmingClosesIt()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = RenderAs<RectificationPage>(TestUsers.Secretary(await BranchIdAsync()));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-item]").Count));
        page.Find($"[data-item='{overdueId}'] [data-action=open-item]").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-action=close]")), DayDialog.Wait);
        page.Find($"#evidence-{overdueId}").Change("已修订会议记录制度并补齐记录");

        var asking = page.Find("[data-action=close]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("“会议记录不规范”计为已办结，不再计入未办结和逾期统计", dialogs.Find("[data-confirm-message]").TextContent, StringComparison.Ordinal), DayDialog.Wait);
        await dialogs.Find("[data-action=confirm-cancel]").ClickAsync(new());
        await asking;
        Assert.Equal(ClosedLoopStatus.InProgress, await StatusAsync());
        Assert.Equal("已修订会议记录制度并补齐记录", page.Find($"#evidence-{overdueId}").TextContent);

        asking = page.Find("[data-action=close]").ClickAsync(new());
        dialogs.WaitForAssertion(() => dialogs.Find("[data-action=confirm-ok]"), DayDialog.Wait);
        await dialogs.Find("[data-action=confirm-ok]").ClickAsync(new());
        await asking;
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-action=close]")), DayDialog.Wait);
        Assert.Equal(ClosedLoopStatus.Closed, await StatusAsync());
        await using var db = Database.CreateDbContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(ClosedLoopItem), Xunit.TestContext.Current.CancellationToken));
    }

    private async Task<ClosedLoopStatus> StatusAsync()
    {
        await using var db = Database.CreateDbContext();
        return (await db.ClosedLoopItems.SingleAsync(i => i.Id == overdueId, Xunit.TestContext.Current.CancellationToken)).Status;
    }

    private async Task<int> BranchIdAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.OrgUnits.Where(u => u.Type == OrgUnitType.Branch).Select(u => u.Id).SingleAsync(Xunit.TestContext.Current.CancellationToken);
    }
}
