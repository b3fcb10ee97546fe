using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Access;
using PartyPortal.Features.Audit;
using PartyPortal.Tests.Support;
using static PartyPortal.Tests.Features.Audit.AuditTestData;

namespace PartyPortal.Tests.Features.Audit;

public class AuditPageTests : PortalTestContext
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddScoped<AuditService>();
    }

    [Fact]
    public async Task ThePartyOfficeSeesTheTrailNewestFirstInBureauTime()
    {
        await SeedAsync();

        var page = RenderAs<AuditPage>(TestUsers.PartyOffice);

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("td[data-audit-id]").Count));
        var first = page.Find("tr:has(td[data-audit-id])").QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(
            ["2024-04-01 00:30:00", "zhangwei", "停用", "账户", "u-1", "办公室党支部", "—"],
            first.Take(7));
        Assert.StartsWith("{\"状态\":\"已停用\"", first[7], StringComparison.Ordinal);
        Assert.Equal(["停用", "custom-action", "登录"], page.FindAll("td[data-action]").Select(c => c.TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-audit-denied]"));
    }

    [Fact]
    public async Task LongChangesAreShortenedAndARowOpensToShowThemWhole()
    {
        await SeedAsync();
        var page = RenderAs<AuditPage>(TestUsers.PartyOffice);
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("td[data-audit-id]")));

        var shortened = page.Find("tr:has(td[data-audit-id]) .audit-json");
        Assert.EndsWith("…", shortened.TextContent, StringComparison.Ordinal);
        Assert.Contains("很长的备注", shortened.GetAttribute("title"), StringComparison.Ordinal);

        page.Find("tr:has(td[data-audit-id])").Click();

        page.WaitForAssertion(() =>
            Assert.Contains("\"备注\": \"这是一段很长的备注", page.Find("[data-audit-detail] .audit-json-full").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ANewFilterStartsAgainFromTheFirstPage()
    {
        await using (var db = Database.CreateDbContext())
        {
            db.AuditEntries.AddRange(Enumerable.Range(0, 55).Select(i => Entry(Utc(2024, 5, 1).AddMinutes(i), user: "lina")));
            db.AuditEntries.AddRange(Enumerable.Range(0, 3).Select(i => Entry(Utc(2024, 4, 1).AddMinutes(i), user: "zhangwei")));
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        var page = RenderAs<AuditPage>(TestUsers.PartyOffice);
        page.WaitForAssertion(() => Assert.Equal(50, page.FindAll("td[data-audit-id]").Count));
        page.Find("button[aria-label='下一页']").Click();
        page.WaitForAssertion(() => Assert.Equal(8, page.FindAll("td[data-audit-id]").Count));

        // Awaited, so that the typing's debounce timer exists before the clock moves: a plain Input() returns before the
        // handler runs while the page's dispatcher is busy (as it may be on PostgreSQL, whose reads are truly asynchronous).
        await page.Find(".audit-filter-person input").InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "ZHANG" });
        Time.Advance(TimeSpan.FromSeconds(1)); // MudBlazor's typing debounce runs on the injected (fake) clock

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("td[data-audit-id]").Count));
        Assert.All(page.FindAll("tr:has(td[data-audit-id])"), r => Assert.Contains("zhangwei", r.TextContent, StringComparison.Ordinal));
        Assert.Contains("共 3 条", page.Find(".mud-table-pagination").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASecretaryIsToldNoAndSeesNoTable()
    {
        var tree = await SeedAsync();

        var page = RenderAs<AuditPage>(TestUsers.Secretary(tree.Office));

        page.WaitForAssertion(() => Assert.Contains("您没有权限查看审计日志", page.Find("[data-audit-denied]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("table"));
        Assert.DoesNotContain("zhangwei", page.Markup, StringComparison.Ordinal);
        await using var db = Database.CreateDbContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.Refused && e.UserName == "secretary", Xunit.TestContext.Current.CancellationToken));
    }

    [Fact]
    public void ThePageOffersNoWayToChangeTheTrail()
    {
        var page = RenderAs<AuditPage>(TestUsers.PartyOffice);

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("table")));
        var buttons = page.FindAll("button").Select(b => $"{b.TextContent} {b.GetAttribute("aria-label")}").ToList();
        Assert.DoesNotContain(buttons, b => b.Contains("删除", StringComparison.Ordinal) || b.Contains("编辑", StringComparison.Ordinal) || b.Contains("修改", StringComparison.Ordinal));
    }

    private async Task<Tree> SeedAsync()
    {
        await using var db = Database.CreateDbContext();
        var tree = await SeedTreeAsync(db);
        var filler = new string('长', 30);
        db.AuditEntries.Add(Entry(Utc(2024, 3, 30, 1), user: "lina", action: AuditActions.SignIn, entityType: "PortalUser", entityId: "u-2"));
        await db.SaveChangesAsync();
        db.AuditEntries.Add(Entry(Utc(2024, 3, 31, 1), user: "admin", action: "custom-action", entityType: "Activity", entityId: "7", orgUnitId: tree.Legal));
        await db.SaveChangesAsync();
        db.AuditEntries.Add(Entry(Utc(2024, 3, 31, 16, 30), user: "zhangwei", action: AuditActions.Disable, entityType: "PortalUser",
            entityId: "u-1", orgUnitId: tree.Office, after: $"{{\"状态\":\"已停用\",\"备注\":\"这是一段很长的备注{filler}\"}}"));
        await db.SaveChangesAsync();
        return tree;
    }
}
