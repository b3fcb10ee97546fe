using Bunit;
using Microsoft.Extensions.DependencyInjection;
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
        page.Find("[data-action=confirm]").Click();
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
}
