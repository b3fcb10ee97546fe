using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartyPortal.Features.Organisation;
using PartyPortal.Live;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Organisation;

public class OrganisationPageTests : PortalTestContext
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton<ChangeBus>();
        Services.AddScoped<OrganisationService>();
        Services.AddScoped<OrgUnitService>();
        await using var db = Database.CreateDbContext();
        var root = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
        var organs = await TestTree.AddUnitAsync(db, "机关党委", OrgUnitType.OrgansCommittee, root);
        await TestTree.AddUnitAsync(db, "项目临时党支部", OrgUnitType.Branch, organs, configure: u =>
        {
            u.IsTemporary = true;
            u.FoundedOn = new DateOnly(2024, 1, 1);
        });
    }

    [Fact]
    public void PartyOfficeSeesTheTreeWithTheActions()
    {
        var page = RenderAs<OrganisationPage>(TestUsers.PartyOffice);

        // The bureau opens on its committees; a committee opens on a click.
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-unit]").Count));
        page.FindAll("[data-toggle]")[1].Click();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-unit]").Count));
        Assert.Single(page.FindAll("[data-tag=temporary]"));
        Assert.Contains("2024-01-01 成立", page.Markup, StringComparison.Ordinal);
        Assert.Equal(3, page.FindAll("[data-action=rename]").Count);
        Assert.Equal(2, page.FindAll("[data-action=close]").Count);
        Assert.Equal(2, page.FindAll("[data-action=add]").Count);
        Assert.Single(page.FindAll("[data-action=add-group]"));

        page.FindAll("[data-action=add]")[1].Click();
        page.WaitForElement("[data-action=confirm]").Click();
        page.WaitForAssertion(() => Assert.Contains("请填写组织名称", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void ALeaderSeesTheTreeReadOnly()
    {
        var page = RenderAs<OrganisationPage>(TestUsers.Leader);

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-unit]").Count));
        page.FindAll("[data-toggle]")[1].Click();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-unit]").Count));
        Assert.Empty(page.FindAll("[data-action]"));
    }

    [Fact]
    public async Task ClosingAUnitAsksFirstCancellingKeepsItOpenAndConfirmingClosesItOnTheDayChosen()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = RenderAs<OrganisationPage>(TestUsers.PartyOffice);
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-unit]").Count));
        page.FindAll("[data-toggle]")[1].Click();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-unit]").Count));
        IElementFinder branch = new(() => page.FindAll("[data-action=close]")[1]);

        await DayDialog.CancelAsync(dialogs, branch.Find, "撤销后，项目临时党支部撤销日期之后不再计入统计");
        Assert.Null(await ClosedOnAsync());

        await DayDialog.ConfirmAsync(dialogs, branch.Find, "2024-05-19");
        page.WaitForAssertion(() => Assert.Contains("项目临时党支部已于2024-05-19撤销。", page.Markup, StringComparison.Ordinal), DayDialog.Wait);
        Assert.Equal(new DateOnly(2024, 5, 19), await ClosedOnAsync());
        await using var db = Database.CreateDbContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(OrgUnit), Xunit.TestContext.Current.CancellationToken));
    }

    private async Task<DateOnly?> ClosedOnAsync()
    {
        await using var db = Database.CreateDbContext();
        return (await db.OrgUnits.SingleAsync(u => u.Name == "项目临时党支部", Xunit.TestContext.Current.CancellationToken)).ClosedOn;
    }

    private sealed record IElementFinder(Func<AngleSharp.Dom.IElement> Find);
}
