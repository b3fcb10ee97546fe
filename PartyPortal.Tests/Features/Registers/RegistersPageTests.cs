using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Features.Organisation;
using PartyPortal.Features.Registers;
using PartyPortal.Live;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Registers;

public class RegistersPageTests : PortalTestContext
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton<ChangeBus>();
        Services.AddScoped<OrganisationService>();
        Services.AddScoped<RegisterService>();
        await using var db = Database.CreateDbContext();
        var root = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
        var branch = await TestTree.AddUnitAsync(db, "办公室党支部", OrgUnitType.Branch, root);
        db.RegisterEntries.Add(new RegisterEntry
        {
            Kind = RegisterKind.Honour, Name = "市级先进基层党组织", OrgUnitId = branch.Id, StartsOn = new DateOnly(2024, 1, 15),
            HonourLevel = HonourLevel.Municipal, IsCollective = true,
        });
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
    }

    [Fact]
    public void PartyOfficeSeesTheHonoursAndTheAddButton()
    {
        var page = RenderAs<RegistersPage>(TestUsers.PartyOffice);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-entry]")));
        Assert.Contains("市级先进基层党组织", page.Markup, StringComparison.Ordinal);
        Assert.Contains("办公室党支部", page.Markup, StringComparison.Ordinal);
        Assert.Contains("市级 · 集体", page.Markup, StringComparison.Ordinal);
        Assert.Single(page.FindAll("[data-action=add-entry]"));
    }

    [Fact]
    public void ALeaderSeesTheListReadOnly()
    {
        var page = RenderAs<RegistersPage>(TestUsers.Leader);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-entry]")));
        Assert.Empty(page.FindAll("[data-action]"));
    }

    [Fact]
    public void AnInvalidNewEntryIsExplainedBesideTheFieldAndWhatWasTypedIsKept()
    {
        var page = RenderAs<RegistersPage>(TestUsers.PartyOffice);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-action=add-entry]")));

        page.Find("[data-action=add-entry]").Click();
        page.Find("#entry-name").Change("优秀共产党员");
        page.Find("[data-action=save-entry]").Click();

        page.WaitForAssertion(() => Assert.Contains("请选择单位", page.Markup, StringComparison.Ordinal));
        Assert.Equal("优秀共产党员", page.Find("#entry-name").GetAttribute("value"));
        Assert.Single(page.FindAll("[data-entry]"));
    }
}
