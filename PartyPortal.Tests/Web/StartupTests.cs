using System.Net;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Web;

public class StartupTests
{
    [Fact]
    public async Task HealthzAnswersWhenTheDatabaseDoes()
    {
        await using var portal = new PortalFactory(demoData: false);
        using var client = portal.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WithoutDemoDataTheBureauIsEmptyButHasTheCatalogue()
    {
        await using var portal = new PortalFactory(demoData: false);
        await portal.CreateAccountAsync("office", "Correct#Horse9", (PartyPortal.Model.PortalRole.PartyOffice, null));
        using var client = portal.CreateBrowserClient();
        using var _ = await PortalFactory.PostLoginAsync(client, "office", "Correct#Horse9");

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("lang=\"zh-CN\"", html, StringComparison.Ordinal);
        Assert.Contains("尚未建立组织体系", html, StringComparison.Ordinal);
        await using var db = portal.CreateDbContext();
        Assert.Equal(PartyPortal.Data.ActivityKindCatalogue.Kinds().Count, await db.ActivityKinds.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.OrgUnits.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WithDemoDataTheHomePageShowsTheDemoBureauInChinese()
    {
        await using var portal = new PortalFactory(demoData: true);
        using var client = portal.CreateBrowserClient();
        using var _ = await PortalFactory.PostLoginAsync(client, "leader", PartyPortal.Features.Accounts.DemoAccounts.Password);

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("国家税务总局江城市税务局", html, StringComparison.Ordinal);
        Assert.Contains("各党委概况", html, StringComparison.Ordinal);
        Assert.Contains("滨江区税务局党委", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownAddressShowsTheChineseNotFoundPageWhenSignedIn()
    {
        await using var portal = new PortalFactory(demoData: false);
        await portal.CreateAccountAsync("office", "Correct#Horse9", (PartyPortal.Model.PortalRole.PartyOffice, null));
        using var client = portal.CreateBrowserClient();
        using var _ = await PortalFactory.PostLoginAsync(client, "office", "Correct#Horse9");

        using var response = await client.GetAsync(new Uri("/no-such-page", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面不存在", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
