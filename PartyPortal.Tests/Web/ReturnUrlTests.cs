using System.Net;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Web;

/// <summary>After signing in, the portal follows a ReturnUrl only within itself (an outside probe found an open redirect).</summary>
public class ReturnUrlTests
{
    private const string Password = "Correct#Horse9";

    [Theory]
    [InlineData("%20%2F%2Fevil.example")]
    [InlineData("%09%2F%2Fevil.example")]
    [InlineData("%2F%2Fevil.example")]
    [InlineData("%5C%5Cevil.example%5Cx")]
    [InlineData("%2F%5Cevil.example")]
    [InlineData("%2F%09%2Fevil.example")]
    [InlineData("https%3A%2F%2Fevil.example%2F")]
    [InlineData("%0D%0A%2F%2Fevil.example")]
    [InlineData("javascript%3Aalert(1)")]
    public async Task SigningInNeverLeadsToAnotherSite(string returnUrl)
    {
        await using var portal = new PortalFactory(demoData: false);
        await portal.CreateAccountAsync("office", Password, (PortalRole.PartyOffice, null));
        using var client = portal.CreateBrowserClient();

        using var response = await PortalFactory.PostLoginAsync(client, "office", Password, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        var target = location.IsAbsoluteUri ? location : new Uri(client.BaseAddress!, location);
        Assert.Equal(client.BaseAddress!.Authority, target.Authority);
        Assert.Equal(client.BaseAddress!.Scheme, target.Scheme);
    }

    [Fact]
    public async Task APathOfThePortalIsFollowed()
    {
        await using var portal = new PortalFactory(demoData: false);
        await portal.CreateAccountAsync("office", Password, (PortalRole.PartyOffice, null));
        using var client = portal.CreateBrowserClient();

        using var response = await PortalFactory.PostLoginAsync(client, "office", Password, "%2Faudit%3Fperson%3Dx");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var target = new Uri(client.BaseAddress!, response.Headers.Location!);
        Assert.Equal("/audit?person=x", target.PathAndQuery);
    }
}
