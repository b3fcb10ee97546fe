using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Features.StarRatings;
using PartyPortal.Live;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.StarRatings;

/// <summary>评定方案: the editor over the real scheme service and a real database, on 2024-05-20.</summary>
public sealed class StarSchemePageTests : PortalTestContext
{
    private int branch;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton<ChangeBus>();
        Services.AddScoped<StarSchemeService>();
        await using var db = Database.CreateDbContext();
        var root = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
        branch = (await TestTree.AddUnitAsync(db, "甲支部", OrgUnitType.Branch, root)).Id;
    }

    private static StarSchemeInput Scheme(int year) => new()
    {
        Name = $"{year}年度党支部星级化管理评定方案",
        FiveStarCapPercent = 20,
        Items =
        [
            new() { Group = "组织生活", Name = "“三会一课”落实", MaxScore = 40, Measure = CriterionMeasure.MeetingsCompliance, ZeroBelowPercent = 50, FullAtPercent = 100 },
            new() { Group = "作用发挥", Name = "党建与业务融合", Description = "年度重点工作完成情况", MaxScore = 30 },
            new() { Group = "评议", Name = "党员和党委评议", Kind = CriterionKind.Appraisal, MaxScore = 30 },
            new() { Group = "加分", Name = "获得上级表彰", Kind = CriterionKind.Bonus, MaxScore = 5 },
        ],
        Vetoes = [new() { Kind = VetoKind.RectificationOverdue, OverdueDays = 60, MaxStars = 3 }],
    };

    private async Task<T> WithSchemesAsync<T>(Func<StarSchemeService, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<StarSchemeService>());
    }

    private async Task SaveAsync(int year, StarSchemeInput input)
    {
        var result = await WithSchemesAsync(s => s.SaveAsync(TestUsers.PartyOffice, year, input, Ct));
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
    }

    private Task<StarScheme?> GetAsync(int year) => WithSchemesAsync(s => s.GetAsync(TestUsers.PartyOffice, year, Ct));

    private static string? ValueOf(IRenderedComponent<StarSchemePage> page, string selector) => page.Find(selector).GetAttribute("value");

    [Fact]
    public async Task PartyOfficeWritesANewSchemeAndTheServiceReadsItBack()
    {
        var page = RenderAs<StarSchemePage>(TestUsers.PartyOffice);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-empty]")), StarPageTestContext.Wait);
        Assert.Contains("2024年度尚未制定评定方案", page.Markup, StringComparison.Ordinal);

        page.Find("[data-action=new-scheme]").Click();
        Assert.Equal("2024年度党支部星级化管理评定方案", ValueOf(page, "#scheme-name"));
        Assert.Equal("90", ValueOf(page, "#band-five"));
        page.Find("[data-action=add-item]").Click();
        page.WaitForElement("#item-0-group").Change("组织生活");
        page.Find("#item-0-name").Change("组织生活规范");
        page.Find("#item-0-max").Change("70");
        page.Find("[data-action=add-item]").Click();
        Assert.Equal("组织生活", ValueOf(page, "#item-1-group"));
        page.Find("#item-1-name").Change("党建与业务融合");
        page.Find("#item-1-max").Change("30");
        page.WaitForAssertion(() => Assert.Contains("合计 100 分", page.Find("[data-scale]").TextContent, StringComparison.Ordinal), StarPageTestContext.Wait);
        page.Find("[data-action=add-veto]").Click();
        page.WaitForElement("#notice-days").Change("7");
        page.Find("[data-action=save-scheme]").Click();

        page.WaitForAssertion(() => Assert.Contains("已保存2024年度评定方案", page.Find("[data-message]").TextContent, StringComparison.Ordinal), StarPageTestContext.Wait);
        var saved = await GetAsync(2024);
        Assert.NotNull(saved);
        Assert.Equal("2024年度党支部星级化管理评定方案", saved.Rubric.Name);
        Assert.Equal(["组织生活规范", "党建与业务融合"], saved.Rubric.Criteria.OrderBy(c => c.SortOrder).Select(c => c.Name));
        Assert.Equal([70m, 30m], saved.Rubric.Criteria.OrderBy(c => c.SortOrder).Select(c => c.MaxScore));
        Assert.Equal(7, saved.Rubric.NoticeDays);
        Assert.Equal(VetoKind.DisciplinaryCase, Assert.Single(saved.Rubric.Vetoes).Kind);
        Assert.Equal("修改评定方案", page.Find("[data-scheme-form] h6").TextContent);
    }

    [Fact]
    public async Task AnInvalidMaxScoreIsExplainedInChineseBesideItAndWhatWasTypedStays()
    {
        var page = RenderAs<StarSchemePage>(TestUsers.PartyOffice);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-action=new-scheme]")), StarPageTestContext.Wait);
        page.Find("[data-action=new-scheme]").Click();
        page.WaitForElement("[data-action=add-item]").Click();
        page.WaitForElement("#item-0-name").Change("组织生活规范");
        page.Find("#item-0-max").Change("150");
        page.Find("#item-0-description").Change("按年度计划开展组织生活");
        page.Find("[data-action=save-scheme]").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-error-summary]")), StarPageTestContext.Wait);
        Assert.Equal("分值应大于0、不超过100，最多保留一位小数。", page.Find("[data-item-errors='0'] [data-field-error='items[0].maxScore']").TextContent);
        Assert.Contains("第1个评分项目“组织生活规范”", page.Find("[data-error-summary]").TextContent, StringComparison.Ordinal);
        Assert.Equal("组织生活规范", ValueOf(page, "#item-0-name"));
        Assert.Equal("150", ValueOf(page, "#item-0-max"));
        Assert.Equal("按年度计划开展组织生活", page.Find("#item-0-description").TextContent);
        Assert.Null(await GetAsync(2024));
    }

    [Fact]
    public async Task CopyingLastYearFillsTheFormForThisYear()
    {
        await SaveAsync(2023, Scheme(2023));
        var page = RenderAs<StarSchemePage>(TestUsers.PartyOffice);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-action=copy-scheme]")), StarPageTestContext.Wait);

        page.Find("[data-action=copy-scheme]").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-scheme-form]")), StarPageTestContext.Wait);
        Assert.Equal("2024年度党支部星级化管理评定方案", ValueOf(page, "#scheme-name"));
        Assert.Equal(["“三会一课”落实", "党建与业务融合", "党员和党委评议", "获得上级表彰"], page.FindAll("[data-item] input[id$=-name]").Select(i => i.GetAttribute("value")));
        Assert.Equal("20", ValueOf(page, "#five-star-cap"));
        Assert.Equal("60", ValueOf(page, "#veto-0-days"));
        Assert.Contains("低于", page.Find("[data-item='0'] [data-rule]").TextContent, StringComparison.Ordinal);
        Assert.Equal("50", ValueOf(page, "#item-0-zero-below"));
        Assert.Contains("合计 100 分", page.Find("[data-scale]").TextContent, StringComparison.Ordinal);
        Assert.Null(await GetAsync(2024));
    }

    [Fact]
    public void CopyingWhenNoEarlierYearHasASchemeSaysSo()
    {
        var page = RenderAs<StarSchemePage>(TestUsers.PartyOffice);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-action=copy-scheme]")), StarPageTestContext.Wait);

        page.Find("[data-action=copy-scheme]").Click();

        page.WaitForAssertion(() => Assert.Contains("2023年及以前年度都没有评定方案", page.Find("[data-notice]").TextContent, StringComparison.Ordinal), StarPageTestContext.Wait);
        Assert.Single(page.FindAll("[data-empty]"));
    }

    [Fact]
    public async Task AFrozenSchemeIsShownReadOnlyWithTheReason()
    {
        await SaveAsync(2024, Scheme(2024));
        await using (var db = Database.CreateDbContext())
        {
            var rubric = db.StarRubrics.Single(r => r.Year == 2024);
            db.StarAssessments.Add(new StarAssessment
            {
                RubricId = rubric.Id, OrgUnitId = branch, Status = AssessmentStatus.Submitted, SubmittedAt = Time.GetUtcNow(),
            });
            await db.SaveChangesAsync(Ct);
        }

        var page = RenderAs<StarSchemePage>(TestUsers.PartyOffice);

        page.WaitForAssertion(() => Assert.Equal(StarSchemeService.FrozenMessage, page.Find("[data-frozen]").TextContent.Trim()), StarPageTestContext.Wait);
        Assert.Contains("党建与业务融合", page.Find("[data-item='1']").TextContent, StringComparison.Ordinal);
        Assert.Contains("低于50%得0分，达到100%得满分", page.Find("[data-item='0']").TextContent, StringComparison.Ordinal);
        Assert.Contains("不超过三星", page.Find("[data-veto='0']").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-action]"));
        Assert.Empty(page.FindAll("[data-scheme-items] input"));
    }

    [Fact]
    public async Task ASaveOverASchemeChangedMeanwhileIsRefusedAndKeepsWhatWasTyped()
    {
        await SaveAsync(2024, Scheme(2024));
        var page = RenderAs<StarSchemePage>(TestUsers.PartyOffice);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-scheme-form]")), StarPageTestContext.Wait);
        var other = Scheme(2024);
        other.Version = (await GetAsync(2024))!.Rubric.Version;
        other.Items = [.. other.Items.Select(i => { i.Id = null; return i; })];
        await SaveAsync(2024, other);

        page.Find("#scheme-name").Change("2024年度星级评定方案（修订）");
        page.Find("[data-action=save-scheme]").Click();

        page.WaitForAssertion(() => Assert.Contains(StarSchemeService.StaleMessage, page.Find("[data-conflict]").TextContent, StringComparison.Ordinal), StarPageTestContext.Wait);
        Assert.Equal("2024年度星级评定方案（修订）", ValueOf(page, "#scheme-name"));
        Assert.Equal("2024年度党支部星级化管理评定方案", (await GetAsync(2024))!.Rubric.Name);
    }

    [Fact]
    public async Task TheYearInTheAddressIsTheYearShown()
    {
        await SaveAsync(2023, Scheme(2023));
        Services.GetRequiredService<NavigationManager>().NavigateTo("star-rating/scheme?year=2023");

        var page = RenderAs<StarSchemePage>(TestUsers.PartyOffice);

        page.WaitForAssertion(() => Assert.Equal("2023年度党支部星级化管理评定方案", ValueOf(page, "#scheme-name")), StarPageTestContext.Wait);
    }

    [Fact]
    public void ASecretaryIsRefused()
    {
        var page = RenderAs<StarSchemePage>(TestUsers.Secretary(branch));

        page.WaitForAssertion(() => Assert.Contains("您没有权限星级审核发布。", page.Markup, StringComparison.Ordinal), StarPageTestContext.Wait);
        Assert.Empty(page.FindAll("[data-scheme-form], [data-empty], [data-year-picker]"));
    }
}
