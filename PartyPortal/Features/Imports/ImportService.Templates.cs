using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Features.Study;
using PartyPortal.Model;

namespace PartyPortal.Features.Imports;

public sealed partial class ImportService
{
    private static readonly string[] HelpHeader = ["列", "必填", "填写说明"];

    /// <summary>
    /// A template to fill in: the data sheet with its header row, a sheet of instructions, and sheets of the values
    /// the user may use (their own units, the catalogue), so names can be copied instead of typed.
    /// </summary>
    public async Task<byte[]> TemplateAsync(ClaimsPrincipal user, ImportKind kind, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var operation = kind == ImportKind.Members ? Operation.ManageOrganisation : Operation.RecordActivity;
        var writable = await guard.UnitsAllowingAsync(user, operation, ct);
        if (writable.Count == 0)
        {
            await guard.DemandAsync(user, operation, null, ct);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = clock.Today;
        var all = await db.OrgUnits.AsNoTracking().ToListAsync(ct);
        var names = all.ToDictionary(u => u.Id, u => u.Name);
        var units = OrgPath.InTreeOrder(all).Select(x => x.Unit)
            .Where(u => writable.Contains(u.Id) && (u.ClosedOn is null || u.ClosedOn >= today) && (kind == ImportKind.Activities || u.IsBranch))
            .Select(u => new object?[] { u.Id, u.Name, u.Type, u.ParentId is { } p ? names.GetValueOrDefault(p) : null, u.FoundedOn, u.ClosedOn });
        var unitSheet = ("党组织", (IReadOnlyList<string>)["编号", "名称", "类型", "上级", "成立日期", "撤销日期"], units);

        if (kind == ImportKind.Members)
        {
            return Workbook.Write(
                (ImportColumns.SheetOf(kind), ImportColumns.Members, []),
                ("说明", HelpHeader, MemberHelp()),
                unitSheet);
        }

        var restricted = await guard.UnitsAllowingAsync(user, Operation.RecordRestrictedActivity, ct);
        var kinds = await db.ActivityKinds.AsNoTracking().Where(k => k.IsActive).OrderBy(k => k.SortOrder).ThenBy(k => k.Id).ToListAsync(ct);
        var since = today.AddYears(-2);
        var campaigns = await db.Campaigns.AsNoTracking().Where(c => c.EndsOn == null || c.EndsOn >= since).OrderByDescending(c => c.StartsOn).ToListAsync(ct);
        var topics = await db.StudyTopics.AsNoTracking().Where(t => t.PublishedOn >= since).OrderByDescending(t => t.PublishedOn).ToListAsync(ct);
        return Workbook.Write(
            (ImportColumns.SheetOf(kind), ImportColumns.Activities, []),
            ("说明", HelpHeader, ActivityHelp()),
            ("活动类型", ["名称", "代码", "计量单位", "填写数量", "记录出勤", "培训"],
                kinds.Where(k => !k.Restricted || restricted.Count > 0)
                    .Select(k => new object?[] { k.Name, k.Code, k.Unit, k.CountsQuantity, k.TakesAttendance, k.IsTraining })),
            unitSheet,
            ("专项主题", ["名称", "代码", "开始日期", "结束日期"], campaigns.Select(c => new object?[] { c.Name, c.Code, c.StartsOn, c.EndsOn })),
            ("学习专题", ["编号", "标题", "发布日期", "完成期限", "学习对象"],
                topics.Select(t => new object?[] { t.Id, t.Title, t.PublishedOn, t.DueOn, StudyTopicService.AudienceLabel(t.Audience, t.AudienceCadreLevel) })));
    }

    private static IEnumerable<object?[]> MemberHelp() =>
    [
        [ImportColumns.Name, "是", "2至20个字。"],
        [ImportColumns.Gender, "是", Options<Gender>()],
        [ImportColumns.BirthYear, "是", "四位年份，如 1988。"],
        [ImportColumns.CadreLevel, "是", Options<CadreLevel>()],
        [ImportColumns.AdministrativePost, "否", Options<AdministrativePost>() + "；不填为“无”。"],
        [ImportColumns.Status, "否", "正式党员、预备党员；不填为正式党员。"],
        [ImportColumns.JoinedPartyOn, "否", "日期，如 2010-07-01。"],
        [ImportColumns.Branch, "是", "党支部的名称或编号，见“党组织”表；同名时填编号。"],
        [ImportColumns.From, "否", "编入本支部的日期；不填为今天。"],
        ["", "", "从第2行起每行一名党员。整个文件校验通过才会导入；任何一行有误，一条也不导入，并列出每行的问题。"],
    ];

    private static IEnumerable<object?[]> ActivityHelp() =>
    [
        [ImportColumns.Kind, "是", "活动类型的名称（或代码），见“活动类型”表。"],
        [ImportColumns.Unit, "是", "党组织的名称或编号，见“党组织”表；同名时填编号。"],
        [ImportColumns.Date, "是", "活动日期，如 2024-05-15；不能晚于今天，不能早于该组织成立日期。"],
        [ImportColumns.Title, "是", "活动主题，不超过200字。"],
        [ImportColumns.Quantity, "视类型", "“填写数量”为“是”的类型必填，至少为1（如谈话人次、家书封数）；其他类型不填。"],
        [ImportColumns.Campaign, "否", "专项主题的名称，见“专项主题”表。"],
        [ImportColumns.StudyTopic, "否", "学习专题的标题或编号，见“学习专题”表。"],
        [ImportColumns.OrganiserLevel, "培训必填", Options<OrganiserLevel>()],
        [ImportColumns.TrainingFor, "培训必填", Options<CadreLevel>() + "；可填多个，用“、”分隔。"],
        [ImportColumns.Place, "否", "不超过100字。"],
        [ImportColumns.Presenter, "否", "主讲人姓名，不超过60字。"],
        [ImportColumns.Notes, "否", "不超过2000字。"],
        [ImportColumns.Absent, "否", "缺席党员的姓名，用“、”分隔；同名时写成“张伟（编号）”，编号见导出的党员名册。"],
        [ImportColumns.Excused, "否", "请假党员的姓名，写法同上。"],
        [ImportColumns.Present, "否", "一般不填：记录出勤的活动，本支部当天在册的其他党员都记为出席。党委、总支的活动请在此列出出席人员。"],
        ["", "", "从第2行起每行一次活动。整个文件校验通过才会导入；任何一行有误，一条也不导入，并列出每行的问题。"],
    ];

    private static string Options<TEnum>()
        where TEnum : struct, Enum => string.Join("、", Enum.GetValues<TEnum>().Select(v => v.Display()));
}
