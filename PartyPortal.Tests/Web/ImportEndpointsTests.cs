using System.Net;
using PartyPortal.Data;
using PartyPortal.Features.Imports;
using PartyPortal.Model;
using PartyPortal.Tests.Features.Imports;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Web;

/// <summary>The template and export downloads through a whole portal, signed in with the browser's cookie.</summary>
public class ImportEndpointsTests
{
    private const string Password = "Correct#Horse9";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASecretaryDownloadsTheActivitiesTemplateAndTheirOwnMembersButNotAnotherBranchs()
    {
        await using var portal = new PortalFactory(demoData: false);
        var own = await portal.AddBranchAsync("一支部");
        var other = await portal.AddBranchAsync("二支部");
        await using (var db = portal.CreateDbContext())
        {
            await ActivityKindCatalogue.EnsureSeededAsync(db, Ct);
        }

        await portal.CreateAccountAsync("sec", Password, (PortalRole.Secretary, own));
        using var client = portal.CreateBrowserClient();
        using (var login = await PortalFactory.PostLoginAsync(client, "sec", Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        }

        using var template = await client.GetAsync(new Uri("/imports/templates/activities.xlsx", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        Assert.Equal(Workbook.ContentType, template.Content.Headers.ContentType!.MediaType);
        Assert.Equal("活动导入模板.xlsx", template.Content.Headers.ContentDisposition!.FileNameStar);
        var book = await template.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(ImportColumns.Activities, Xlsx.Header(book, "活动"));
        Assert.Equal(["一支部"], Xlsx.Rows(book, "党组织").Select(r => r["名称"]));

        using var members = await client.GetAsync(new Uri(ImportEndpoints.MembersUrl(own), UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, members.StatusCode);
        using var refused = await client.GetAsync(new Uri(ImportEndpoints.MembersUrl(other), UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var membersTemplate = await client.GetAsync(new Uri("/imports/templates/members.xlsx", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, membersTemplate.StatusCode);
    }

    [Fact]
    public async Task DownloadsNeedASignedInUser()
    {
        await using var portal = new PortalFactory(demoData: false);
        using var client = portal.CreateBrowserClient();

        using var response = await client.GetAsync(new Uri("/imports/templates/activities.xlsx", UriKind.Relative), Ct);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
