using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Features.Organisation;
using PartyPortal.Features.Supervision;
using PartyPortal.Live;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Supervision;

public class DisciplinePageTests : PortalTestContext
{
    private int branchId;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton<ChangeBus>();
        Services.AddScoped<OrganisationService>();
        Services.AddScoped<DisciplineRecordService>();
        await using var db = Database.CreateDbContext();
        var root = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
        branchId = (await TestTree.AddUnitAsync(db, "办公室党支部", OrgUnitType.Branch, root)).Id;
        db.DisciplineRecords.AddRange(
            new DisciplineRecord { Type = DisciplineRecordType.ClueHandled, OrgUnitId = branchId, Date = new DateOnly(2024, 3, 1), Reference = "JJ2024-0007", Summary = "收受购物卡问题线索" },
            new DisciplineRecord { Type = DisciplineRecordType.Disposition, OrgUnitId = branchId, Date = new DateOnly(2024, 4, 2), Summary = "提醒谈话", Form = DispositionForm.First, PersonTimes = 3 });
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
    }

    [Fact]
    public void DisciplineSeesTheRecordsAndTheCounts()
    {
        var page = RenderAs<DisciplinePage>(TestUsers.Discipline);

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-record]").Count));
        Assert.Contains("收受购物卡问题线索", page.Markup, StringComparison.Ordinal);
        Assert.Contains("JJ2024-0007", page.Markup, StringComparison.Ordinal);
        Assert.Single(page.FindAll("[data-action=add-record]"));
        Assert.Equal(2, page.FindAll("[data-action=edit-record]").Count);
    }

    [Fact]
    public void ALeaderSeesOnlyTheCounts()
    {
        var page = RenderAs<DisciplinePage>(TestUsers.Leader);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-aggregates]")));
        var cells = page.Find($"[data-unit='{branchId}']").QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["办公室党支部", "1", "0", "3", "3", "0", "0", "0", "0", "0"], cells);
        Assert.Empty(page.FindAll("[data-record]"));
        Assert.DoesNotContain("购物卡", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("JJ2024", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-action]"));
    }

    [Fact]
    public void ASecretaryIsToldTheyMayNotSeeThem()
    {
        var page = RenderAs<DisciplinePage>(TestUsers.Secretary(branchId));

        page.WaitForAssertion(() => Assert.Contains("您没有权限", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-aggregates]"));
    }

    [Fact]
    public void AnInvalidNewRecordIsExplainedAndWhatWasTypedIsKept()
    {
        var page = RenderAs<DisciplinePage>(TestUsers.Discipline);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-action=add-record]")));

        page.Find("[data-action=add-record]").Click();
        page.WaitForElement("#record-summary").Change("违规操办婚丧喜庆事宜");
        page.Find("[data-action=save-record]").Click();

        page.WaitForAssertion(() => Assert.Contains("请选择类别", page.Markup, StringComparison.Ordinal));
        Assert.Equal("违规操办婚丧喜庆事宜", page.Find("#record-summary").TextContent);
        Assert.Equal(2, page.FindAll("[data-record]").Count);
    }

    [Fact]
    public async Task DeletingARecordSaysWhatWillHappenAndOnlyConfirmedDeletes()
    {
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var page = RenderAs<DisciplinePage>(TestUsers.Discipline);
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-action=delete-record]").Count));
        var target = page.FindAll("[data-record]").Single(r => r.TextContent.Contains("提醒谈话", StringComparison.Ordinal)).GetAttribute("data-record");

        var asking1 = page.Find($"[data-record='{target}'] [data-action=delete-record]").ClickAsync(new()); // completes once the dialog is answered
        dialogs.WaitForAssertion(() => Assert.Contains("“提醒谈话”。删除后，汇总数随之减少", dialogs.Find("[data-confirm-message]").TextContent, StringComparison.Ordinal));
        await dialogs.Find("[data-action=confirm-cancel]").ClickAsync(new());
        await asking1;
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-confirm-message]")));
        await using (var before = Database.CreateDbContext())
        {
            Assert.Equal(2, before.DisciplineRecords.Count());
        }

        var asking2 = page.Find($"[data-record='{target}'] [data-action=delete-record]").ClickAsync(new()); // completes once the dialog is answered
        dialogs.WaitForAssertion(() => dialogs.Find("[data-action=confirm-ok]"));
        await dialogs.Find("[data-action=confirm-ok]").ClickAsync(new());
        await asking2;

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-record]")), TimeSpan.FromSeconds(10));
        await using var db = Database.CreateDbContext();
        Assert.DoesNotContain(db.DisciplineRecords, r => r.Summary == "提醒谈话");
    }
}
