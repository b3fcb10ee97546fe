using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartyPortal.Features.Registers;
using PartyPortal.Live;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Registers;

public class PartnershipsPageTests : PortalTestContext
{
    private int branchId;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton<ChangeBus>();
        Services.AddScoped<PartnershipService>();
        await using var db = Database.CreateDbContext();
        var root = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
        branchId = (await TestTree.AddUnitAsync(db, "办公室党支部", OrgUnitType.Branch, root)).Id;
        var community = new OutsideOrganisation { Name = "幸福里社区", Kind = OutsideOrganisationKind.Community };
        db.Partnerships.Add(new Partnership { Type = PartnershipType.CoBuilding, OrgUnitId = branchId, PartnerOrganisation = community, StartsOn = new DateOnly(2023, 5, 1) });
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
    }

    [Fact]
    public void TheBranchSecretarySeesItsPartnershipsAndMayAddOrEndThem()
    {
        var page = RenderAs<PartnershipsPage>(TestUsers.Secretary(branchId));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-partnership]")));
        Assert.Contains("幸福里社区", page.Markup, StringComparison.Ordinal);
        Assert.Contains("进行中", page.Markup, StringComparison.Ordinal);
        Assert.Single(page.FindAll("[data-action=add-partnership]"));
        Assert.Single(page.FindAll("[data-action=end]"));
    }

    [Fact]
    public void ALeaderSeesTheListReadOnly()
    {
        var page = RenderAs<PartnershipsPage>(TestUsers.Leader);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-partnership]")));
        Assert.Empty(page.FindAll("[data-action]"));
    }

    [Fact]
    public void AnInvalidNewPartnershipIsExplainedAndWhatWasTypedIsKept()
    {
        var page = RenderAs<PartnershipsPage>(TestUsers.PartyOffice);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-action=add-partnership]")));

        page.Find("[data-action=add-partnership]").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-action=save-partnership]")));
        page.Find("#partnership-notes").Change("每季度联合开展一次主题党日");
        page.Find("[data-action=save-partnership]").Click();

        page.WaitForAssertion(() => Assert.Contains("请选择共建对象", page.Markup, StringComparison.Ordinal));
        Assert.Equal("每季度联合开展一次主题党日", page.Find("#partnership-notes").TextContent);
        Assert.Single(page.FindAll("[data-partnership]"));
    }

    [Fact]
    public async Task EndingAPartnershipAsksFirstCancellingKeepsItAndConfirmingEndsItOnTheDayChosen()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = RenderAs<PartnershipsPage>(TestUsers.Secretary(branchId));
        page.WaitForAssertion(() => page.Find("[data-action=end]"), DayDialog.Wait);

        await DayDialog.CancelAsync(dialogs, () => page.Find("[data-action=end]"), "办公室党支部与幸福里社区的党建共建自结束日期起不再计为进行中");
        Assert.Null(await EndsOnAsync());
        Assert.Contains("进行中", page.Find("[data-partnership]").TextContent, StringComparison.Ordinal);

        await DayDialog.ConfirmAsync(dialogs, () => page.Find("[data-action=end]"), "2024-05-18");
        page.WaitForAssertion(() => Assert.Contains("办公室党支部与幸福里社区的共建已于2024-05-18结束。", page.Markup, StringComparison.Ordinal), DayDialog.Wait);
        Assert.Equal(new DateOnly(2024, 5, 18), await EndsOnAsync());
        Assert.Contains("已结束", page.Find("[data-partnership]").TextContent, StringComparison.Ordinal);
        await using var db = Database.CreateDbContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(Partnership), Xunit.TestContext.Current.CancellationToken));
    }

    private async Task<DateOnly?> EndsOnAsync()
    {
        await using var db = Database.CreateDbContext();
        return (await db.Partnerships.SingleAsync(Xunit.TestContext.Current.CancellationToken)).EndsOn;
    }
}
