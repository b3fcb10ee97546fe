using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Features.Screens;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Screens;

/// <summary>The 大屏 management page.</summary>
public sealed class ScreensPageTests : PortalTestContext
{
    private int county;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using (var db = Database.CreateDbContext())
        {
            var root = await TestTree.AddUnitAsync(db, "测试市局党委", OrgUnitType.MunicipalCommittee, null);
            county = (await TestTree.AddUnitAsync(db, "一县局党委", OrgUnitType.CountyCommittee, root)).Id;
        }

        Services.AddScoped<ScreenService>();
        Services.AddSingleton<ScreenBoards>();
        await StartLiveMetricsAsync();
    }

    [Fact]
    public async Task CreatingAScreenShowsItsAddressAndQrCodeOnce()
    {
        var page = RenderAs<ScreensPage>(TestUsers.PartyOffice);
        page.WaitForAssertion(() => page.Find("[data-action=new-screen]"));

        await page.Find("[data-action=new-screen]").ClickAsync(new());
        page.Find("#screen-name").Change("三楼会议室");
        await page.Find("[data-action=save-screen]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Matches("/screen/[A-Za-z0-9_-]{43}$", page.Find("[data-screen-url]").GetAttribute("href")!));
        Assert.StartsWith("data:image/png;base64,", page.Find("img.screen-qr").GetAttribute("src"), StringComparison.Ordinal);
        Assert.Contains("三楼会议室", page.Find("tr[data-screen]").TextContent, StringComparison.Ordinal);
        Assert.Contains("使用中", page.Find("tr[data-screen]").TextContent, StringComparison.Ordinal);
        Assert.NotEqual(0, county);
    }

    [Fact]
    public async Task RevokingAScreenSaysWhatWillHappenAndOnlyConfirmedStopsIt()
    {
        var issued = await Services.GetRequiredService<ScreenService>().CreateAsync(TestUsers.PartyOffice,
            new ScreenInput { Name = "二楼会议室", ScopeOrgUnitId = county }, Xunit.TestContext.Current.CancellationToken);
        Assert.True(issued.Result.Succeeded);
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var page = RenderAs<ScreensPage>(TestUsers.PartyOffice);
        page.WaitForAssertion(() => page.Find("tr[data-screen] [data-action=revoke]"));

        var asking1 = page.Find("tr[data-screen] [data-action=revoke]").ClickAsync(new()); // completes once the dialog is answered
        dialogs.WaitForAssertion(() => Assert.Contains("“二楼会议室”的链接和二维码永久失效", dialogs.Find("[data-confirm-message]").TextContent, StringComparison.Ordinal));
        await dialogs.Find("[data-action=confirm-cancel]").ClickAsync(new());
        await asking1;
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-confirm-message]")));
        Assert.Contains("使用中", page.Find("tr[data-screen]").TextContent, StringComparison.Ordinal);

        var asking2 = page.Find("tr[data-screen] [data-action=revoke]").ClickAsync(new()); // completes once the dialog is answered
        dialogs.WaitForAssertion(() => dialogs.Find("[data-action=confirm-ok]"));
        await dialogs.Find("[data-action=confirm-ok]").ClickAsync(new());
        await asking2;

        page.WaitForAssertion(() => Assert.Contains("已停用", page.Find("tr[data-screen]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Empty(page.FindAll("[data-action=revoke]"));
    }

    [Fact]
    public void OthersAreToldTheyMayNotManageScreens()
    {
        var page = RenderAs<ScreensPage>(TestUsers.Leader);

        page.WaitForAssertion(() => Assert.Contains("管理大屏", page.Find(".mud-alert").TextContent, StringComparison.Ordinal));
    }
}
