using System.Security.Claims;
using PartyPortal.Access;
using PartyPortal.Features.Activities;
using PartyPortal.Features.Organisation;
using PartyPortal.Features.Registers;
using PartyPortal.Features.StarRatings;
using PartyPortal.Features.Study;
using PartyPortal.Model;

namespace PartyPortal.Features.Imports;

/// <summary>
/// The lists of the portal as .xlsx. Every list is read through its feature service, so an export shows exactly
/// what the user's page shows and is refused where the page is refused. The member list has the import's
/// columns (and each member's 编号, for telling namesakes apart in attendance columns).
/// </summary>
public sealed class ExportService(
    AccessGuard guard,
    OrganisationService organisation,
    MemberService members,
    ActivityService activities,
    RegisterService registers,
    StudyTopicService topics,
    StarReviewService starReviews,
    StarDecisionService starDecisions,
    StarHistoryService starHistory,
    StarLedger starLedger)
{
    /// <summary>The current members of every branch in the unit's subtree that the user may read, branch by branch.</summary>
    public async Task<byte[]> MembersAsync(ClaimsPrincipal user, int orgUnitId, CancellationToken ct = default)
    {
        await guard.DemandAsync(user, Operation.ReadActivities, orgUnitId, ct);
        var units = await organisation.ListUnitsAsync(user, ct);
        var inScope = new HashSet<int> { orgUnitId };
        foreach (var unit in units.Where(u => u.ParentId is { } p && inScope.Contains(p)))
        {
            // Tree order lists a parent before its children, so one pass collects the subtree.
            inScope.Add(unit.Id);
        }

        var rows = new List<object?[]>();
        foreach (var branch in units.Where(u => u.Type == OrgUnitType.Branch && inScope.Contains(u.Id)))
        {
            rows.AddRange((await members.ListAsync(user, branch.Id, ct)).Select(m => new object?[]
            {
                m.Id, m.Name, m.Gender, m.BirthYear, m.CadreLevel, m.AdministrativePost, m.Status, m.JoinedPartyOn, branch.Name, m.InBranchSince,
            }));
        }

        return Workbook.Write(("党员", ["编号", .. ImportColumns.Members], rows));
    }

    public async Task<byte[]> ActivitiesAsync(ClaimsPrincipal user, int? orgUnitId, string? kindCode, DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        var list = await activities.ListAsync(user, orgUnitId, kindCode, from, to, ct);
        return Workbook.Write(("活动", ["编号", ImportColumns.Date, ImportColumns.Kind, ImportColumns.Unit, ImportColumns.Title, ImportColumns.Quantity, "专项主题代码"],
            list.Select(a => new object?[] { a.Id, a.Date, a.KindName, a.OrgUnitName, a.Title, a.Quantity, a.Campaign })));
    }

    /// <summary>One register, or all of them, a sheet each.</summary>
    public async Task<byte[]> RegistersAsync(ClaimsPrincipal user, RegisterKind? kind, CancellationToken ct = default)
    {
        var sheets = new List<(string, IReadOnlyList<string>, IEnumerable<object?[]>)>();
        foreach (var k in kind is { } one ? [one] : Enum.GetValues<RegisterKind>())
        {
            var rows = await registers.ListAsync(user, k, ct: ct);
            sheets.Add((k.Display(), ["编号", "名称", "单位", "党员", "开始日期", "结束日期", "荣誉级别", "集体/个人", "备注"],
                rows.Select(r => new object?[]
                {
                    r.Id, r.Name, r.UnitName, r.MemberName, r.StartsOn, r.EndsOn, r.HonourLevel,
                    r.IsCollective is { } c ? (c ? "集体" : "个人") : null, r.Notes,
                })));
        }

        return Workbook.Write([.. sheets]);
    }

    public async Task<byte[]> StudyTopicsAsync(ClaimsPrincipal user, int year, CancellationToken ct = default)
    {
        var rows = await topics.ListAsync(user, year, ct);
        return Workbook.Write(("学习专题", ["编号", "标题", "发布日期", "完成期限", "学习对象", "关联活动数"],
            rows.Select(t => new object?[] { t.Id, t.Title, t.PublishedOn, t.DueOn, t.AudienceLabel, t.LinkedActivities })));
    }

    public static readonly IReadOnlyList<string> StarRatingColumns = ["编号", "所属单位", "支部", "状态", "自评得分", "审核得分", "最终得分", "星级", "说明"];

    /// <summary>
    /// The year's rated branches as the committee's review list has them (its states and totals: refused to anyone
    /// else, as the list is), with the result once decided: the notice's, or the published stars as they stand now.
    /// </summary>
    public async Task<byte[]> StarRatingsAsync(ClaimsPrincipal user, int year, CancellationToken ct = default)
    {
        var rows = await starReviews.ListAsync(user, year, ct);
        var published = (await starHistory.YearAsync(user, year, ct)).ToDictionary(r => r.BranchId, r => r.Rating);
        var notice = published.Count > 0 ? null : (await starDecisions.NoticeAsync(user, year, ct))?.Rows.ToDictionary(r => r.BranchId);
        var places = await starLedger.PlacesAsync(rows.Select(r => r.BranchId), ct);
        return Workbook.Write(("星级评定", StarRatingColumns, rows
            .Select(r => (Row: r, Path: places.GetValueOrDefault(r.BranchId)?.Path ?? "", Order: places.GetValueOrDefault(r.BranchId)?.TreeOrder ?? int.MaxValue))
            .OrderBy(x => x.Order)
            .Select(x =>
            {
                var (r, path, _) = x;
                var unit = path.Contains(" / ", StringComparison.Ordinal) ? path[..path.LastIndexOf(" / ", StringComparison.Ordinal)] : "";
                var result = published.GetValueOrDefault(r.BranchId) is { } rating ? (rating.Score, rating.Stars, rating.Reason)
                    : notice?.GetValueOrDefault(r.BranchId) is { } n ? (n.Score, n.Stars, n.Reason)
                    : ((decimal?)null, (int?)null, (string?)null);
                return new object?[]
                {
                    r.BranchId, unit, r.Branch, StarRatingEndpoints.StatusName(r.Status), r.SelfTotal, r.ReviewedTotal, result.Item1, result.Item2, result.Item3,
                };
            })));
    }
}
