using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Features.Activities;
using PartyPortal.Model;
using static PartyPortal.Model.IsoDate;

namespace PartyPortal.Features.Imports;

public sealed partial class ImportService
{
    /// <summary>
    /// One row per activity. Attendance is by exception, as a secretary keeps the sign-in sheet: the 缺席 and 请假
    /// columns name the few who missed it, and everyone else on the branch's roll that day is present. The 出席
    /// column, when filled, lists those present instead (a committee's meeting, where the roll is not the audience).
    /// </summary>
    private async Task<ImportResult> ImportActivitiesAsync(ClaimsPrincipal user, IReadOnlyList<SheetRow> rows, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var errors = new List<ImportError>();
        var parsed = new List<(RowReader Row, ActivityKind? Kind, OrgUnit? Unit, ActivityInput Input)>(rows.Count);
        RollBook rollBook;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var units = await UnitsAsync(db, user, Operation.RecordActivity, ct);
            var lookups = await Lookups.LoadAsync(db, ct);
            foreach (var sheetRow in rows)
            {
                var row = new RowReader(sheetRow, errors);
                var kind = lookups.Kind(row);
                var unit = units.Find(row, ImportColumns.Unit);
                parsed.Add((row, kind, unit, new ActivityInput
                {
                    KindCode = kind?.Code,
                    OrgUnitId = unit?.Id ?? 0,
                    Date = row.Date(ImportColumns.Date),
                    Title = row.Text(ImportColumns.Title),
                    Quantity = row.Whole(ImportColumns.Quantity),
                    Campaign = lookups.Campaign(row),
                    StudyTopicId = lookups.StudyTopic(row),
                    OrganiserLevel = row.Choice<OrganiserLevel>(ImportColumns.OrganiserLevel),
                    TrainingFor = row.Choices<CadreLevel>(ImportColumns.TrainingFor),
                    Place = row.Text(ImportColumns.Place),
                    PresenterName = row.Text(ImportColumns.Presenter),
                    Notes = row.Text(ImportColumns.Notes),
                }));
            }

            rollBook = await RollBook.LoadAsync(db, [.. parsed.Select(p => p.Unit).OfType<OrgUnit>().DistinctBy(u => u.Id)], ct);
        }

        var rolls = new Dictionary<(int, DateOnly), ILookup<string, int>>();
        var firstSeen = new Dictionary<(string, int, DateOnly, string), int>();
        var columns = new List<List<string>>(rows.Count);
        for (var i = 0; i < parsed.Count; i++)
        {
            var (row, kind, unit, input) = parsed[i];
            var attendanceColumns = new List<string>();
            if (kind is not null && unit is not null && input.Date is { } day)
            {
                if (!rolls.TryGetValue((unit.Id, day), out var roll))
                {
                    roll = rolls[(unit.Id, day)] = rollBook.On(unit, day).ToLookup(m => m.Value, m => m.Key, StringComparer.Ordinal);
                }

                attendanceColumns = Attendance(row, input, kind, unit, day, roll);
                if (input.Title is { } title && !firstSeen.TryAdd((kind.Code, unit.Id, day, title), row.Number))
                {
                    row.Error(ImportColumns.Title, $"与第{firstSeen[(kind.Code, unit.Id, day, title)]}行重复（同一组织、同一天、同类型、同标题）。");
                }
            }

            columns.Add(attendanceColumns);
            Matching(progress, i + 1, rows.Count, ActivityService.BatchStep);
        }

        var inputs = parsed.ConvertAll(p => p.Input);
        var result = await activities.RecordManyAsync(user, inputs, checkOnly: errors.Count > 0, Checking(progress, rows.Count), ct);
        var all = Merge(rows, errors, result, (i, key) => ColumnOf(key, columns[i]));
        return all.Count > 0
            ? new ImportResult(all, rows.Count, 0)
            : new ImportResult(all, rows.Count, result.Ids.Count, inputs.Sum(a => a.Attendance.Count));
    }

    /// <summary>Fills the input's attendance from the three columns; returns, for each entry, the column it came from.</summary>
    private static List<string> Attendance(RowReader row, ActivityInput input, ActivityKind kind, OrgUnit unit, DateOnly day, ILookup<string, int> roll)
    {
        var from = new List<string>();
        var listed = new HashSet<int>();
        foreach (var (column, status) in new[]
                 {
                     (ImportColumns.Present, AttendanceStatus.Present),
                     (ImportColumns.Excused, AttendanceStatus.Excused),
                     (ImportColumns.Absent, AttendanceStatus.Absent),
                 })
        {
            foreach (var name in row.Names(column))
            {
                if (Member(row, column, name, unit, day, roll) is { } id)
                {
                    input.Attendance.Add(new AttendanceInput { MemberId = id, Status = status });
                    from.Add(column);
                    listed.Add(id);
                }
            }
        }

        if (kind.TakesAttendance && unit.IsBranch && row.Text(ImportColumns.Present) is null)
        {
            foreach (var id in roll.SelectMany(g => g).Where(id => !listed.Contains(id)).Order())
            {
                input.Attendance.Add(new AttendanceInput { MemberId = id, Status = AttendanceStatus.Present });
                from.Add(ImportColumns.Present);
            }
        }

        return from;
    }

    /// <summary>A member named in an attendance cell, among the unit's roll on the day; "张伟（12）" picks one of two 张伟 by id.</summary>
    private static int? Member(RowReader row, string column, string text, OrgUnit unit, DateOnly day, ILookup<string, int> roll)
    {
        var name = text;
        int? id = null;
        var open = text.IndexOfAny(['（', '(']);
        if (open > 0 && text[^1] is '）' or ')'
            && int.TryParse(text.AsSpan(open + 1, text.Length - open - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            name = text[..open].Trim();
            id = parsed;
        }

        var matches = roll[name].Where(m => id is null || m == id).ToList();
        return row.One(column, matches,
            $"“{text}”在{Day(day)}不是{unit.Name}的党员，请核对姓名。",
            $"{unit.Name}有{matches.Count}名党员叫{name}，请写成“{name}（编号）”，编号见导出的党员名册。",
            out var member)
            ? member
            : null;
    }

    private static string ColumnOf(string key, List<string> attendanceColumns)
    {
        if (key == "attendance")
        {
            return "出勤名单";
        }

        if (key.StartsWith("attendance[", StringComparison.Ordinal)
            && int.TryParse(key.AsSpan(11, key.IndexOf(']', StringComparison.Ordinal) - 11), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && index < attendanceColumns.Count)
        {
            return attendanceColumns[index];
        }

        return ImportColumns.OfActivityField(key);
    }

    /// <summary>The catalogue, campaigns and study topics, read once per file and matched by name or code.</summary>
    private sealed class Lookups(IReadOnlyList<ActivityKind> kinds, IReadOnlyList<Campaign> campaigns, IReadOnlyList<StudyTopic> topics)
    {
        public static async Task<Lookups> LoadAsync(PortalDbContext db, CancellationToken ct) => new(
            await db.ActivityKinds.AsNoTracking().Where(k => k.IsActive).ToListAsync(ct),
            await db.Campaigns.AsNoTracking().ToListAsync(ct),
            await db.StudyTopics.AsNoTracking().ToListAsync(ct));

        public ActivityKind? Kind(RowReader row)
        {
            if (row.Text(ImportColumns.Kind) is not { } text)
            {
                row.Error(ImportColumns.Kind, "请填写活动类型。");
                return null;
            }

            var kind = kinds.FirstOrDefault(k => k.Name == text) ?? kinds.FirstOrDefault(k => k.Code == text);
            if (kind is null)
            {
                row.Error(ImportColumns.Kind, $"没有名为“{text}”的活动类型，请按“活动类型”表中的名称填写。");
            }

            return kind;
        }

        public string? Campaign(RowReader row)
        {
            if (row.Text(ImportColumns.Campaign) is not { } text)
            {
                return null;
            }

            var campaign = campaigns.FirstOrDefault(c => c.Name == text) ?? campaigns.FirstOrDefault(c => c.Code == text);
            if (campaign is null)
            {
                row.Error(ImportColumns.Campaign, $"没有名为“{text}”的专项主题，请按“专项主题”表中的名称填写。");
            }

            return campaign?.Code;
        }

        public int? StudyTopic(RowReader row)
        {
            if (row.Text(ImportColumns.StudyTopic) is not { } text)
            {
                return null;
            }

            var named = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? topics.Where(t => t.Id == id).ToList()
                : topics.Where(t => t.Title == text).ToList();
            return row.One(ImportColumns.StudyTopic, named,
                $"没有“{text}”这个学习专题，请按“学习专题”表中的标题或编号填写。",
                $"有{named.Count}个学习专题标题为“{text}”，请改填编号（见“学习专题”表）。",
                out var topic)
                ? topic.Id
                : null;
        }
    }
}
