using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Access;
using PartyPortal.Features.Reports;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Reports;

/// <summary>Every kind of figure on a bureau counted by hand (<see cref="ReportTestBureau"/>), for 2023 H1.</summary>
public class ReportServiceTests : ServiceTestContext
{
    private static readonly DateOnly From = new(2023, 1, 1);
    private static readonly DateOnly To = new(2023, 6, 30);

    private ReportTestBureau bureau = null!;
    private ReportService reports = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        bureau = await ReportTestBureau.CreateAsync(Database);
        reports = new ReportService(Database, Guard, Services.GetRequiredService<OrgTree>(), Clock);
    }

    /// <summary>What the hand count says for 2023 H1 and for the same half a year earlier; every other figure is 0 in both.</summary>
    private static readonly Dictionary<string, (decimal Now, decimal YearEarlier)> HandCounted = new()
    {
        ["F03"] = (2, 0), ["F06"] = (2, 0), ["F07"] = (1, 0), ["F08"] = (2, 0), ["F09"] = (1, 0), ["F10"] = (3, 0),
        ["F13"] = (1, 0), ["F15"] = (4, 0), ["F16"] = (75.0m, 0), ["F24"] = (2, 1), ["F25"] = (2, 1), ["F29"] = (1, 2),
        ["F31"] = (1, 0), ["F38"] = (150, 0), ["F39"] = (2, 0), ["F42"] = (3, 1), ["F43"] = (2, 1),
    };

    [Fact]
    public async Task EveryFigureIsWhatTheHandCountSaysAndTheYearEarlierToo()
    {
        var report = await reports.EvaluateAsync(TestUsers.Leader, null, From, To, Ct);

        Assert.Equal(bureau.Root.Id, report.ScopeId);
        Assert.Equal(44, report.Figures.Count);
        var actual = report.Figures.ToDictionary(f => f.Figure.Id, f => (f.Value, f.YearEarlier));
        var expected = report.Figures.ToDictionary(f => f.Figure.Id,
            f => HandCounted.TryGetValue(f.Figure.Id, out var v) ? ((decimal?)v.Now, (decimal?)v.YearEarlier) : (0m, 0m));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task SentencesCarryTheFigureThePlaceNamesAndThePeriod()
    {
        var report = await reports.EvaluateAsync(TestUsers.Leader, null, From, To, Ct);
        var byId = report.Figures.ToDictionary(f => f.Figure.Id);

        Assert.Equal("和滨江区税务局2个党支部开展共建", byId["F25"].Sentence);
        Assert.Equal("江城市税务局2023年上半年处置信访等线索1件", byId["F13"].Sentence);
        Assert.Equal("其中第一种形态占比75.0％", byId["F16"].Sentence);
        Assert.Equal("75.0％", byId["F16"].Printed);
        Assert.Equal("2022年度评定，五星级名额2个", byId["F43"].Note);
        Assert.Equal(2, byId["F42"].Change);

        var doc = report.Document;
        Assert.Equal("中共国家税务总局江城市税务局委员会2023年上半年全面从严治党工作报告", doc.Title);
        Assert.Equal(6, doc.Chapters.Count);
        Assert.Equal("一、聚焦“政治建设一体深化”，持续推进政治机关建设", doc.Chapters[0].Heading);
        Assert.Equal("（一）不断强化思想理论武装。", doc.Chapters[0].Sections[0].Heading);
        Assert.Contains("统筹全市税务系统2个党支部开展", doc.Chapters[0].Sections[0].Paragraphs.Single(), StringComparison.Ordinal);
        Assert.Empty(doc.Chapters[2].Sections[1].Paragraphs);
        Assert.Equal("150封", doc.Appendix.Single(r => r.FigureId == "F38").Value);
    }

    [Fact]
    public async Task AScopeCountsItsOwnUnitsAndTheMembersWhoBelongedToIt()
    {
        var report = await reports.EvaluateAsync(TestUsers.Leader, bureau.County.Id, From, To, Ct);
        var v = report.Figures.ToDictionary(f => f.Figure.Id, f => f.Value);

        // D1's themed day only; 丙 of D1 at the bureau's training; the county committee's 第一议题; the organs' partnerships are not the county's.
        Assert.Equal((1m, 1m, 1m, 1m, 0m, 1m), (v["F42"], v["F06"], v["F08"], v["F03"], v["F24"], v["F43"]));
        Assert.Equal("滨江区税务局党委2023年上半年全面从严治党工作报告", report.Document.Title);
    }

    [Fact]
    public async Task TheRecordsBehindAFigureAreTheOnesCounted()
    {
        var f06 = await reports.RecordsAsync(TestUsers.Leader, "F06", null, From, To, 1, Ct);
        Assert.Equal(["办公室党支部", "滨江第一党支部"], f06.Table.Rows.Select(r => r[0]).Order(StringComparer.Ordinal));
        Assert.Equal("2", f06.Table.Rows.Single(r => r[0] == "办公室党支部")[2]);

        var f08 = await reports.RecordsAsync(TestUsers.Leader, "F08", null, From, To, 1, Ct);
        Assert.Equal(["科级丙", "科级乙"], f08.Table.Rows.Select(r => r[0]).Order(StringComparer.Ordinal));

        var f38 = await reports.RecordsAsync(TestUsers.Leader, "F38", null, From, To, null, Ct);
        Assert.Equal(["120", "30"], f38.Table.Rows.Select(r => r[^1]));

        var f10 = await reports.RecordsAsync(TestUsers.PartyOffice, "F10", null, From, To, 1, Ct);
        Assert.Equal(3, f10.Total);
        Assert.All(f10.Table.Rows, r => Assert.Equal("学习制度执行不严", r[1]));
    }

    [Fact]
    public async Task RestrictedNumbersReachLeadersButTheirRecordsOnlyDiscipline()
    {
        var leader = (await reports.EvaluateAsync(TestUsers.Leader, null, From, To, Ct)).Figures.Single(f => f.Figure.Id == "F13");
        Assert.Equal((1m, false), (leader.Value, leader.RecordsVisible));

        await Assert.ThrowsAsync<AccessDeniedException>(() => reports.RecordsAsync(TestUsers.Leader, "F13", null, From, To, 1, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => reports.RecordsWorkbookAsync(TestUsers.PartyOffice, "F15", null, From, To, Ct));
        Assert.Equal(2, await RefusalsAuditedAsync());

        var discipline = await reports.RecordsAsync(TestUsers.Discipline, "F13", null, From, To, 1, Ct);
        Assert.True(discipline.Figure.RecordsVisible);
        Assert.Equal("XS-2023-01", discipline.Table.Rows.Single()[3]);
    }

    [Fact]
    public async Task SecretariesGetNoReportAndOtherScopesAreNotFound()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => reports.EvaluateAsync(TestUsers.Secretary(bureau.O1.Id), null, From, To, Ct));
        var countyLeader = TestUsers.With("county-leader", new Assignment(PortalRole.Leader, bureau.County.Id));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => reports.EvaluateAsync(countyLeader, bureau.Organs.Id, From, To, Ct));
        Assert.Equal(bureau.County.Id, (await reports.EvaluateAsync(countyLeader, null, From, To, Ct)).ScopeId);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => reports.EvaluateAsync(TestUsers.Leader, null, To, From, Ct));
        Assert.Equal("统计期间的结束日期不能早于开始日期。", error.Message);
    }

    [Fact]
    public async Task AFigureRecordsExportIsAWorkbookOfItsRows()
    {
        var bytes = await reports.RecordsWorkbookAsync(TestUsers.Leader, "F42", null, From, To, Ct);
        using var stream = new MemoryStream(bytes);
        var rows = MiniExcelLibs.MiniExcel.Query(stream, sheetName: "记录").ToList();
        Assert.Equal(4, rows.Count); // the header and the 3 themed days
    }
}
