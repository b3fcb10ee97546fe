using System.Net;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Web;

public class ChartAssetTests
{
    /// <summary>The build restores Chart.js with npm and registers it as a static web asset; a fresh clone must serve it too.</summary>
    [Theory]
    [InlineData("/lib/chart.js/chart.umd.min.js", "Chart.js v4.6.1")]
    [InlineData("/js/charts.js", "export function create")]
    public async Task ChartScriptsAreServedFromThePortalItself(string path, string expected)
    {
        await using var portal = new PortalFactory(demoData: false);
        using var client = portal.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
