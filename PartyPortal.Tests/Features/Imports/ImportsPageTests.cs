using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Data;
using PartyPortal.Features.Activities;
using PartyPortal.Features.Imports;
using PartyPortal.Features.Organisation;
using PartyPortal.Live;
using PartyPortal.Model;
using PartyPortal.Tests.Support;
using C = PartyPortal.Features.Imports.ImportColumns;

namespace PartyPortal.Tests.Features.Imports;

public class ImportsPageTests : PortalTestContext
{
    private int branch;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton<ChangeBus>();
        Services.AddScoped<OrganisationService>();
        Services.AddScoped<MemberService>();
        Services.AddScoped<ActivityService>();
        Services.AddScoped<ImportService>();
        await using var db = Database.CreateDbContext();
        await ActivityKindCatalogue.EnsureSeededAsync(db, Xunit.TestContext.Current.CancellationToken);
        var root = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
        branch = (await TestTree.AddUnitAsync(db, "办公室党支部", OrgUnitType.Branch, root)).Id;
    }

    [Fact]
    public void ASecretaryUploadingABadFileSeesEachRowsProblemsAndNothingIsImported()
    {
        var page = RenderAs<ImportsPage>(TestUsers.Secretary(branch));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-template]")));
        Assert.Equal("/imports/templates/activities.xlsx", page.Find("[data-template]").GetAttribute("href"));

        using var file = Xlsx.Sheet("活动", [C.Kind, C.Unit, C.Date, C.Title],
            ["主题党日", "办公室党支部", "2024-05-15", "合格"],
            ["主题党日", "办公室党支部", "2030-01-01", "将来"]);
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(file.ToArray(), "活动.xlsx"));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-import-errors]")), TimeSpan.FromSeconds(10));
        var row = Assert.Single(page.FindAll("[data-error-row]"));
        Assert.Equal("3", row.GetAttribute("data-error-row"));
        Assert.Contains("第3行", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("日期", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("没有导入任何数据", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-success]"));
    }

    [Fact]
    public void AGoodFileEndsInASummary()
    {
        var page = RenderAs<ImportsPage>(TestUsers.Secretary(branch));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-template]")));

        using var file = Xlsx.Sheet("活动", [C.Kind, C.Unit, C.Date, C.Title], ["主题党日", "办公室党支部", "2024-05-15", "合格"]);
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(file.ToArray(), "活动.xlsx"));

        page.WaitForAssertion(() => Assert.Contains("已导入 1 次活动", page.Find("[data-success]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
    }
}
