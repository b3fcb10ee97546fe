using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Features.Reports;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Reports;

/// <summary>The Word buttons as a leader and as PartyOffice see them, on a real database.</summary>
public sealed class ReportWordActionsTests : PortalTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddScoped<ReportTemplateService>();
        await using var db = Database.CreateDbContext();
        await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
    }

    private IRenderedComponent<ReportWordActions> RenderFor(System.Security.Claims.ClaimsPrincipal user) =>
        RenderAs<ReportWordActions>(user, p => p
            .Add(c => c.Report, ReportSamples.Document())
            .Add(c => c.Values, TemplateSamples.Values())
            .Add(c => c.FileStem, "2023年上半年全面从严治党工作报告"));

    [Fact]
    public async Task ALeaderFillsTheStoredTemplateAndIsToldWhatWasUnknownAndWithheld()
    {
        var service = Services.GetRequiredService<ReportTemplateService>();
        Assert.True((await service.UploadAsync(TestUsers.PartyOffice, "半年报告模板", "t.docx", new MemoryStream(TemplateSamples.Build()),
            Xunit.TestContext.Current.CancellationToken)).Succeeded);
        var download = JSInterop.SetupModule(ReportWordActions.ModulePath);
        download.SetupVoid("save", _ => true).SetVoidResult();

        var cut = RenderFor(TestUsers.Leader);
        cut.WaitForElement("[data-action=fill-template]", Wait);
        Assert.Empty(cut.FindAll("[data-template-name]"));

        cut.Find("[data-action=fill-template]").Click();

        cut.WaitForAssertion(() => Assert.Equal(
            "已按“半年报告模板”第1版生成。模板中有门户不认识的占位符：F99，文中标为【未知：…】，请核对拼写。以下数字您无权查看，文中标为【无权查看：…】：F13。",
            cut.Find("[data-message]").TextContent.Trim()), Wait);
        var saved = download.VerifyInvoke("save");
        Assert.Equal("2023年上半年全面从严治党工作报告（半年报告模板）.docx", saved.Arguments[0]);
    }

    [Fact]
    public async Task PartyOfficeUploadingAFileThatIsNotWordIsToldSoAndNothingIsSaved()
    {
        var cut = RenderFor(TestUsers.PartyOffice);
        cut.WaitForElement("[data-template-name]", Wait);

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary("不是 Word"u8.ToArray(), "报告.docx"));

        cut.WaitForAssertion(() => Assert.Equal(ReportTemplateService.NotWordMessage, cut.Find("[data-message]").TextContent.Trim()), Wait);
        await using var db = Database.CreateDbContext();
        Assert.Equal(0, await db.ReportTemplates.CountAsync(Xunit.TestContext.Current.CancellationToken));
    }
}
