using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Live;
using PartyPortal.Model;

namespace PartyPortal.Features.Reports;

/// <summary>One figure of a report as a user may see it.</summary>
/// <param name="Value">The number; null where the user may not see it (printed "—").</param>
/// <param name="YearEarlier">The same figure for the same days a year earlier (同比), computed the same way.</param>
/// <param name="Note">What stands beside the number (F43: the year's five-star quota).</param>
/// <param name="RecordsVisible">Whether the user may open the records behind it (restricted ones: Discipline only).</param>
public sealed record FigureResult(
    ReportFigure Figure, string Sentence, string Definition, decimal? Value, decimal? YearEarlier, string? Note, bool RecordsVisible)
{
    public string Printed => ReportService.Print(Figure, Value);

    /// <summary>The sentence before and after its number, so a page can make the number a link.</summary>
    public string Lead { get; init; } = "";

    public string Tail { get; init; } = "";

    /// <summary>The change over the year-earlier figure, in the figure's own unit (percentage points for a share).</summary>
    public decimal? Change => Value is { } v && YearEarlier is { } e ? v - e : null;
}

/// <summary>A whole report: its scope and period, every figure, and the document built from them.</summary>
public sealed record ReportResult(
    int ScopeId, string ScopeName, DateOnly From, DateOnly To, string PeriodLabel, IReadOnlyList<FigureResult> Figures, ReportDocument Document)
{
    /// <summary>
    /// What a bureau's template may name: {{F01}}…{{F44}} as the number alone (the template's sentence carries the unit, as
    /// the seed's "学习共**次" does; null where the user may not see it), {{期间}}, {{单位}}, {{开始日期}} and {{结束日期}}.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Placeholders()
    {
        var values = Figures.ToDictionary(f => f.Figure.Id, f => f.Value is { } v ? ReportService.Number(f.Figure, v) : null, StringComparer.Ordinal);
        values["期间"] = PeriodLabel;
        values["单位"] = ScopeName;
        values["开始日期"] = ReportPeriods.Iso(From);
        values["结束日期"] = ReportPeriods.Iso(To);
        return values;
    }
}

/// <summary>The records behind one figure, one page of them (or all, for the .xlsx).</summary>
public sealed record FigureRecordsResult(FigureResult Figure, int ScopeId, string ScopeName, DateOnly From, DateOnly To, RecordTable Table, int Total, int Page, int Pages);

/// <summary>
/// The half-year report (全面从严治党工作报告): every catalogue figure for any period and scope, the same days a
/// year earlier, the records behind each, and the shared <see cref="ReportDocument"/>. Read-only: Leader, PartyOffice
/// and Discipline in scope (<see cref="Operation.RunReports"/>); restricted figures' numbers to readers of discipline
/// aggregates, their records to readers of discipline records only.
/// </summary>
public sealed partial class ReportService(IDbContextFactory<PortalDbContext> dbFactory, AccessGuard guard, OrgTree tree, BureauClock clock)
{
    public const int PageSize = 50;

    /// <summary>The longest range one report covers: ten years of the ledger, read twice.</summary>
    public const int MaxDays = 3660;

    /// <summary>The report's default period: the current half-year.</summary>
    public Period DefaultPeriod => Period.Containing(clock.Today, PeriodKind.HalfYear);

    public DateOnly Today => clock.Today;

    /// <summary>The units whose report the user may open.</summary>
    public Task<IReadOnlySet<int>> ReportableUnitsAsync(ClaimsPrincipal user, CancellationToken ct = default) =>
        guard.UnitsAllowingAsync(user, Operation.RunReports, ct);

    /// <summary>The widest unit the user may report on: the bureau for a whole-bureau role, else their shallowest scope.</summary>
    public async Task<int?> HomeScopeAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var allowed = await ReportableUnitsAsync(user, ct);
        var paths = await tree.PathsAsync(ct);
        return allowed.Where(paths.ContainsKey).OrderBy(id => OrgPath.Ids(paths[id]).Count).ThenBy(id => id).Select(id => (int?)id).FirstOrDefault();
    }

    /// <summary>The committees (not single branches) the user may report on, in the organisation chart's order: the scope picker.</summary>
    public async Task<IReadOnlyList<(int Id, string Name, int Depth)>> ScopeChoicesAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var allowed = await ReportableUnitsAsync(user, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = await db.OrgUnits.AsNoTracking().Where(u => u.Type != OrgUnitType.Branch && u.Type != OrgUnitType.PartyGroup).ToListAsync(ct);
        return [.. OrgPath.InTreeOrder(units).Where(x => allowed.Contains(x.Unit.Id)).Select(x => (x.Unit.Id, x.Unit.Name, x.Depth))];
    }

    /// <summary>Whether the user may open restricted figures' records in the scope (default: their home scope).</summary>
    public async Task<bool> MayReadRestrictedRecordsAsync(ClaimsPrincipal user, int? scopeId, CancellationToken ct = default) =>
        (scopeId ?? await HomeScopeAsync(user, ct)) is { } scope && await guard.AllowsAsync(user, Operation.ReadDisciplineRecords, scope);

    /// <summary>Every figure for the period and scope (default: the user's home scope), with the year-earlier figures.</summary>
    /// <exception cref="AccessDeniedException">The user may run no report anywhere.</exception>
    /// <exception cref="KeyNotFoundException">No such unit, or one outside the user's scope (answered alike).</exception>
    /// <exception cref="ArgumentException">The period is not a valid range (the message is for the person).</exception>
    public async Task<ReportResult> EvaluateAsync(ClaimsPrincipal user, int? scopeId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var (scope, aggregates, records) = await AuthoriseAsync(user, scopeId, from, to, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var facts = await ReportFacts.LoadAsync(db, scope, from, to, ct);
        var earlier = await ReportFacts.LoadAsync(db, scope, from.AddYears(-1), to.AddYears(-1), ct);
        var names = await PlaceNamesAsync(db, from, to, ct);
        var figures = ReportCatalogue.Figures.Select(f => Result(f, facts, earlier, names, aggregates, records)).ToList();
        var label = ReportPeriods.Describe(from, to);
        return new ReportResult(scope, facts.Scope.Name, from, to, label, figures, ReportDocumentBuilder.Build(facts.Scope, from, to, label, names, figures));
    }

    /// <summary>One figure's records, a page of <see cref="PageSize"/> (1-based; null for all of them).</summary>
    /// <exception cref="KeyNotFoundException">No such figure or unit, or a unit outside the user's scope.</exception>
    /// <exception cref="AccessDeniedException">A restricted figure's records asked for by anyone but Discipline.</exception>
    public async Task<FigureRecordsResult> RecordsAsync(
        ClaimsPrincipal user, string figureId, int? scopeId, DateOnly from, DateOnly to, int? page, CancellationToken ct = default)
    {
        var figure = ReportCatalogue.Find(figureId) ?? throw new KeyNotFoundException($"没有编号为 {figureId} 的报告数字。");
        var (scope, aggregates, records) = await AuthoriseAsync(user, scopeId, from, to, ct);
        if (figure.Restricted && !records)
        {
            await guard.DemandAsync(user, Operation.ReadDisciplineRecords, scope, ct);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var facts = await ReportFacts.LoadAsync(db, scope, from, to, ct);
        var earlier = await ReportFacts.LoadAsync(db, scope, from.AddYears(-1), to.AddYears(-1), ct);
        var names = await PlaceNamesAsync(db, from, to, ct);
        var result = Result(figure, facts, earlier, names, aggregates, records);
        var table = ReportRecords.Build(figure, facts);
        var total = table.Rows.Count;
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        if (page is { } p)
        {
            var current = Math.Clamp(p, 1, pages);
            return new(result, scope, facts.Scope.Name, from, to, table with { Rows = [.. table.Rows.Skip((current - 1) * PageSize).Take(PageSize)] }, total, current, pages);
        }

        return new(result, scope, facts.Scope.Name, from, to, table, total, 1, 1);
    }

    /// <summary>All of a figure's records as an .xlsx: the records sheet and a sheet saying what was counted.</summary>
    public async Task<byte[]> RecordsWorkbookAsync(ClaimsPrincipal user, string figureId, int? scopeId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var r = await RecordsAsync(user, figureId, scopeId, from, to, null, ct);
        var about = new List<object?[]>
        {
            new object?[] { "编号", r.Figure.Figure.Id }, new object?[] { "原文", r.Figure.Sentence }, new object?[] { "数值", r.Figure.Printed },
            new object?[] { "统计范围", r.ScopeName }, new object?[] { "统计期间", $"{ReportPeriods.Iso(r.From)}至{ReportPeriods.Iso(r.To)}" },
            new object?[] { "口径", r.Figure.Definition }, new object?[] { "记录数", r.Total },
        };
        return Imports.Workbook.Write(
            ("记录", r.Table.Columns, r.Table.Rows.Select(row => row.Cast<object?>().ToArray())),
            ("口径", ["项目", "内容"], about));
    }

    /// <summary>A figure's value as printed: "12次", "35.0％", "—" where the user may not see it.</summary>
    public static string Print(ReportFigure figure, decimal? value)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return value is { } v ? Number(figure, v) + figure.Unit : "—";
    }

    /// <summary>The number alone, in the figure's format: one decimal for a share, whole numbers otherwise.</summary>
    public static string Number(ReportFigure figure, decimal value)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return value.ToString(figure.Measure == FigureMeasure.Share ? "0.0" : "0", CultureInfo.InvariantCulture);
    }

    private static FigureResult Result(
        ReportFigure figure, ReportFacts facts, ReportFacts earlier, IReadOnlyDictionary<string, string> names, bool aggregates, bool records)
    {
        var visible = !figure.Restricted || aggregates;
        decimal? value = visible ? ReportEvaluator.Evaluate(figure, facts) : null;
        decimal? before = visible ? ReportEvaluator.Evaluate(figure, earlier) : null;
        var note = figure.Source == FigureSource.StarRatings && facts.Stars.Year is { } year
            ? string.Create(CultureInfo.InvariantCulture, $"{year}年度评定{(facts.Stars.Quota is { } q ? $"，五星级名额{q}个" : "，不设名额")}")
            : null;
        var sentence = Fill(figure.Sentence, names).Replace(ReportFigure.ValueSlot, value is { } v ? Number(figure, v) : "—", StringComparison.Ordinal);
        var slot = figure.Sentence.IndexOf(ReportFigure.ValueSlot, StringComparison.Ordinal);
        return new FigureResult(figure, sentence, Fill(figure.Definition, names), value, before, note, !figure.Restricted || records)
        {
            Lead = Fill(figure.Sentence[..slot], names),
            Tail = Fill(figure.Sentence[(slot + ReportFigure.ValueSlot.Length)..], names),
        };
    }

    internal static string Fill(string text, IReadOnlyDictionary<string, string> names) =>
        names.Aggregate(text, (t, n) => t.Replace(n.Key, n.Value, StringComparison.Ordinal));

    private static async Task<IReadOnlyDictionary<string, string>> PlaceNamesAsync(PortalDbContext db, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var s = await db.BureauSettings.AsNoTracking().OrderBy(x => x.Id).FirstOrDefaultAsync(ct);
        return new Dictionary<string, string>
        {
            ["{省}"] = NonEmpty(s?.ProvinceName, "××省"),
            ["{市}"] = NonEmpty(s?.CityName, "××市"),
            ["{区}"] = NonEmpty(s?.DistrictName, "××区"),
            ["{期间}"] = ReportPeriods.Describe(from, to),
            ["{委员会}"] = NonEmpty(s?.CommitteeName, "党委"),
        };
    }

    private static string NonEmpty(string? value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value.Trim();

    private async Task<(int Scope, bool Aggregates, bool Records)> AuthoriseAsync(
        ClaimsPrincipal user, int? scopeId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        await guard.DemandSomewhereAsync(user, Operation.RunReports, ct);
        if (ReportPeriods.Error(from, to) is { } error)
        {
            throw new ArgumentException(error);
        }

        var scope = scopeId ?? await HomeScopeAsync(user, ct) ?? throw new AccessDeniedException("您没有可生成报告的组织范围。");
        if (!await guard.FindsAsync(user, Operation.RunReports, scope, ct))
        {
            throw new KeyNotFoundException(NoSuchScope);
        }

        return (scope, await guard.AllowsAsync(user, Operation.ReadDisciplineAggregates, scope),
            await guard.AllowsAsync(user, Operation.ReadDisciplineRecords, scope));
    }

    public const string NoSuchScope = "没有这个组织单位，或它不在您的报告范围内。";
}
