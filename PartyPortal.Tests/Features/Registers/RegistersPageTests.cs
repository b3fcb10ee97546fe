using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
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
        Services.AddScoped<MemberFinder>();
        await using var db = Database.CreateDbContext();
        var root = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
        var branch = await TestTree.AddUnitAsync(db, "办公室党支部", OrgUnitType.Branch, root);
        db.RegisterEntries.Add(new RegisterEntry
        {
            Kind = RegisterKind.Honour, Name = "市级先进基层党组织", OrgUnitId = branch.Id, StartsOn = new DateOnly(2024, 1, 15),
            HonourLevel = HonourLevel.Municipal, IsCollective = true,
        });
        var circle = new RegisterEntry { Kind = RegisterKind.ServiceCircle, Name = "江滨税收服务圈", OrgUnitId = branch.Id, StartsOn = new DateOnly(2023, 3, 1) };
        db.RegisterEntries.Add(circle);
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        circleId = circle.Id;
        var member = new Member { Name = "欧阳明", BirthYear = 1988, CadreLevel = CadreLevel.Section, Gender = Gender.Male, OrgUnitId = branch.Id };
        db.Members.Add(member);
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        db.MemberAssignments.Add(new MemberAssignment { MemberId = member.Id, OrgUnitId = branch.Id, From = new DateOnly(2020, 1, 1) });
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        (memberId, branchId) = (member.Id, branch.Id);
    }

    private int circleId;
    private int memberId;
    private int branchId;

    [Fact]
    public async Task AnIndividualHonourSavesTheMemberChosenInThePicker()
    {
        var page = RenderAs<RegistersPage>(TestUsers.PartyOffice);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-action=add-entry]")));
        page.Find("[data-action=add-entry]").Click();
        page.WaitForElement("#entry-name").Change("优秀共产党员");
        await page.InvokeAsync(() => page.FindComponent<MudSelect<int?>>().Instance.ValueChanged.InvokeAsync(branchId));
        await page.InvokeAsync(() => page.FindComponent<MudSelect<HonourLevel?>>().Instance.ValueChanged.InvokeAsync(HonourLevel.Municipal));
        await page.InvokeAsync(() => page.FindComponent<MudSelect<bool?>>().Instance.ValueChanged.InvokeAsync(false));

        await MemberPicking.PickAsync(page, "entry-member", new(memberId, "欧阳明", branchId, "办公室党支部", CadreLevel.Section, MemberStatus.Full));
        page.WaitForAssertion(() => Assert.Equal("欧阳明", page.Find("#entry-member").GetAttribute("value")), MemberPicking.Wait);
        page.Find("[data-action=save-entry]").Click();

        page.WaitForAssertion(() => Assert.Contains("已新增荣誉“优秀共产党员”", page.Markup, StringComparison.Ordinal), MemberPicking.Wait);
        await using var db = Database.CreateDbContext();
        var saved = await db.RegisterEntries.SingleAsync(r => r.Name == "优秀共产党员", Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(memberId, saved.MemberId);
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
        page.WaitForElement("#entry-name").Change("优秀共产党员");
        page.Find("[data-action=save-entry]").Click();

        page.WaitForAssertion(() => Assert.Contains("请选择单位", page.Markup, StringComparison.Ordinal));
        Assert.Equal("优秀共产党员", page.Find("#entry-name").GetAttribute("value"));
        Assert.Single(page.FindAll("[data-entry]"));
    }

    [Fact]
    public async Task StoppingAnEntryAsksFirstCancellingKeepsItRunningAndConfirmingStopsItOnTheDayChosen()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = RenderAs<RegistersPage>(TestUsers.PartyOffice);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-entry]")));
        var kinds = page.FindComponent<MudSelect<RegisterKind>>();
        await page.InvokeAsync(() => kinds.Instance.ValueChanged.InvokeAsync(RegisterKind.ServiceCircle));
        page.WaitForAssertion(() => page.Find("[data-action=end]"), DayDialog.Wait);

        await DayDialog.CancelAsync(dialogs, () => page.Find("[data-action=end]"), "“江滨税收服务圈”自停止日期起不再计为在运行的10分钟税费服务圈");
        Assert.Null(await EndsOnAsync());
        Assert.Contains("在运行", page.Find("[data-entry]").TextContent, StringComparison.Ordinal);

        await DayDialog.ConfirmAsync(dialogs, () => page.Find("[data-action=end]"), "2024-05-10");
        page.WaitForAssertion(() => Assert.Contains("江滨税收服务圈已于2024-05-10停止运行。", page.Markup, StringComparison.Ordinal), DayDialog.Wait);
        Assert.Equal(new DateOnly(2024, 5, 10), await EndsOnAsync());
        Assert.Empty(page.FindAll("[data-action=end]"));
        await using var db = Database.CreateDbContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(RegisterEntry) && a.EntityId == circleId.ToString(System.Globalization.CultureInfo.InvariantCulture), Xunit.TestContext.Current.CancellationToken));
    }

    private async Task<DateOnly?> EndsOnAsync()
    {
        await using var db = Database.CreateDbContext();
        return (await db.RegisterEntries.SingleAsync(r => r.Id == circleId, Xunit.TestContext.Current.CancellationToken)).EndsOn;
    }
}
