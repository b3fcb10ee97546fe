using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartyPortal.Features.Workspace;
using PartyPortal.Tests.Support;
using static PartyPortal.Data.ActivityKindCatalogue;

namespace PartyPortal.Tests.Features.Workspace;

public class WorkspacePageTests : PortalTestContext
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddScoped<ChecklistService>();
    }

    [Fact]
    public async Task TheChecklistShowsEachItemsStatusAndARecordLinkForTheBranchAndKind()
    {
        var (tree, held) = await SeedAsync();

        var page = RenderAs<WorkspacePage>(TestUsers.Secretary(tree.First));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("li.checklist-item")));
        Assert.Equal("第一党支部", page.Find("h2[data-branch]").TextContent);
        Assert.Contains("2024年5月20日", page.Find(".workspace-date").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-branch-picker]"));

        var done = page.Find($"li[data-kind={Codes.ThemedPartyDay}][data-period='2024-05']");
        Assert.Equal("done", done.GetAttribute("data-status"));
        Assert.Contains("已完成", done.QuerySelector(".checklist-status")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("主题党日", done.TextContent, StringComparison.Ordinal);
        Assert.Contains("2024年5月", done.TextContent, StringComparison.Ordinal);
        Assert.Contains("每月至少1次", done.TextContent, StringComparison.Ordinal);
        Assert.Contains("1/1", done.QuerySelector(".checklist-count")!.TextContent, StringComparison.Ordinal);
        var link = done.QuerySelector("a[data-activity]")!;
        Assert.Equal($"/activities/{held}", link.GetAttribute("href"));
        Assert.Equal("5月15日", link.TextContent);

        var due = page.Find($"li[data-kind={Codes.WarningEducation}][data-period='2024Q2']");
        Assert.Equal("due", due.GetAttribute("data-status"));
        Assert.Contains("待完成", due.TextContent, StringComparison.Ordinal);
        Assert.Contains("6月30日截止", due.TextContent, StringComparison.Ordinal);
        var record = due.QuerySelector("a[data-record]")!;
        Assert.Equal($"/activities/new?unit={tree.First}&kind={Codes.WarningEducation}", record.GetAttribute("href"));
        Assert.Contains("记录", record.TextContent, StringComparison.Ordinal);

        var overdue = page.Find($"li[data-kind={Codes.WarningEducation}][data-period='2024Q1']");
        Assert.Equal("overdue", overdue.GetAttribute("data-status"));
        Assert.Contains("已逾期", overdue.TextContent, StringComparison.Ordinal);
        Assert.Contains("2024年第1季度", overdue.TextContent, StringComparison.Ordinal);

        // Overdue items lead, done ones close the list.
        var statuses = page.FindAll("li.checklist-item").Select(li => li.GetAttribute("data-status")).ToList();
        Assert.Equal("overdue", statuses[0]);
        Assert.Equal("done", statuses[^1]);
    }

    [Fact]
    public async Task AnItemDueInTheLastWeekOfItsPeriodIsHighlighted()
    {
        var (tree, _) = await SeedAsync();
        Time.SetUtcNow(new DateTimeOffset(2024, 5, 27, 2, 0, 0, TimeSpan.Zero));

        var page = RenderAs<WorkspacePage>(TestUsers.Secretary(tree.First));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("li.checklist-item")));
        var soon = page.Find($"li[data-kind={Codes.PartyGroupMeeting}][data-period='2024-05']");
        Assert.Equal("ends-soon", soon.GetAttribute("data-status"));
        Assert.Contains("即将到期", soon.QuerySelector(".checklist-status")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALeaderIsToldTheWorkspaceIsForBranchSecretaries()
    {
        await SeedAsync();

        var page = RenderAs<WorkspacePage>(TestUsers.Leader);

        page.WaitForAssertion(() => Assert.Contains(
            "工作台供支部书记记录本支部工作；您的角色没有需要记录的支部。", page.Find("[data-no-branch]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("li.checklist-item"));
        Assert.Empty(page.FindAll("[data-branch-picker]"));
    }

    [Fact]
    public async Task ACountySecretaryPicksAmongTheirBranchesStartingWithTheFirst()
    {
        var (tree, _) = await SeedAsync();

        var page = RenderAs<WorkspacePage>(TestUsers.Secretary(tree.County));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("li.checklist-item")));
        var picker = page.Find("[data-branch-picker]");
        Assert.Contains("支部", picker.TextContent, StringComparison.Ordinal);
        Assert.Equal("第一党支部", picker.QuerySelector("input")!.GetAttribute("value"));
        Assert.Equal(tree.First.ToString(System.Globalization.CultureInfo.InvariantCulture), page.Find("h2[data-branch]").GetAttribute("data-branch"));
    }

    [Fact]
    public async Task ChoosingABranchPutsItInTheAddressAndShowsItsChecklist()
    {
        var (tree, _) = await SeedAsync();
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("workspace");
        var page = RenderAs<WorkspacePage>(TestUsers.Secretary(tree.County));
        page.WaitForAssertion(() => Assert.Equal("第一党支部", page.Find("h2[data-branch]").TextContent));

        await page.InvokeAsync(() => page.FindComponent<MudSelect<int>>().Instance.ValueChanged.InvokeAsync(tree.Second));

        Assert.EndsWith($"workspace?branch={tree.Second}", navigation.Uri, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Equal("第二党支部", page.Find("h2[data-branch]").TextContent));
        Assert.Empty(page.FindAll($"li[data-kind={Codes.ThemedPartyDay}][data-status=done]"));
    }

    [Fact]
    public async Task TheBranchInTheAddressIsTheOneShown()
    {
        var (tree, _) = await SeedAsync();
        Services.GetRequiredService<NavigationManager>().NavigateTo($"workspace?branch={tree.Second}");

        var page = RenderAs<WorkspacePage>(TestUsers.Secretary(tree.County));

        page.WaitForAssertion(() => Assert.Equal("第二党支部", page.Find("h2[data-branch]").TextContent));
    }

    [Fact]
    public async Task ABranchOutsideTheUsersScopeInTheAddressFallsBackToTheirOwn()
    {
        var (tree, _) = await SeedAsync();
        Services.GetRequiredService<NavigationManager>().NavigateTo($"workspace?branch={tree.Office}");

        var page = RenderAs<WorkspacePage>(TestUsers.Secretary(tree.First));

        page.WaitForAssertion(() => Assert.Equal("第一党支部", page.Find("h2[data-branch]").TextContent));
    }

    private async Task<(WorkspaceTree Tree, int HeldId)> SeedAsync()
    {
        await using var db = Database.CreateDbContext();
        var tree = await WorkspaceTree.SeedAsync(db);
        var held = await WorkspaceTree.AddActivityAsync(db, tree.First, Codes.ThemedPartyDay, new DateOnly(2024, 5, 15));
        return (tree, held);
    }
}
