using PartyPortal.Model;

namespace PartyPortal.Features.Supervision;

/// <summary>The rules an item, a status change and a closing must meet (zh-CN messages keyed like the form's fields).</summary>
public sealed partial class RectificationService
{
    private Dictionary<string, string> Validate(RectificationInput input, OrgUnit? unit)
    {
        var errors = new Dictionary<string, string>();
        InputRules.Check(input, errors, clock);
        if (unit is null)
        {
            errors["ownerOrgUnitId"] = "请选择责任单位。";
        }

        var today = clock.Today;
        if (input.Source is not { } source || !Enum.IsDefined(source))
        {
            errors["source"] = "请选择问题来源。";
        }

        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            errors["title"] = "请填写问题或任务名称。";
        }
        else if (title.Length > TitleMax)
        {
            errors["title"] = $"名称不能超过{TitleMax}个字。";
        }

        if (input.Description?.Trim().Length > DescriptionMax)
        {
            errors["description"] = $"具体情况不能超过{DescriptionMax}个字。";
        }

        if (input.FoundOn is not { } found)
        {
            errors["foundOn"] = "请选择发现（交办）日期。";
        }
        else if (found > today)
        {
            errors["foundOn"] = $"发现日期不能晚于今天（{today:yyyy-MM-dd}）。";
        }
        else if (unit?.ClosedOn is { } closed && found > closed)
        {
            errors["ownerOrgUnitId"] = $"{unit.Name}已于{closed:yyyy-MM-dd}撤销，请选择现在的责任单位。";
        }

        if (input.Deadline is not { } deadline)
        {
            errors["deadline"] = "请选择整改时限。";
        }
        else if (input.FoundOn is { } f && deadline < f)
        {
            errors["deadline"] = $"整改时限不能早于发现日期（{f:yyyy-MM-dd}）。";
        }

        return errors;
    }

    private void ValidateClosing(ClosedLoopItem item, string? evidence, DateOnly? closedOn, Dictionary<string, string> errors)
    {
        if (item.Status != ClosedLoopStatus.InProgress)
        {
            errors["status"] = item.Status == ClosedLoopStatus.Closed
                ? $"该事项已于{item.ClosedOn:yyyy-MM-dd}办结；办结的事项不能重新打开，问题复发请另行登记。"
                : "请先开始整改（制定并落实整改措施），再办结销号。";
        }

        InputRules.CheckText(errors, "evidence", evidence, multiline: true);
        if (evidence is null)
        {
            errors["evidence"] = "办结须填写整改佐证（如整改报告、制度文件、会议记录）。";
        }
        else if (evidence.Length > EvidenceMax)
        {
            errors["evidence"] = $"整改佐证不能超过{EvidenceMax}个字。";
        }

        var today = clock.Today;
        if (closedOn is not { } day)
        {
            errors["closedOn"] = "请选择办结日期。";
        }
        else if (InputRules.DateError(day, clock) is { } outside)
        {
            errors["closedOn"] = outside;
        }
        else if (day > today)
        {
            errors["closedOn"] = $"办结日期不能晚于今天（{today:yyyy-MM-dd}）。";
        }
        else if (day < item.FoundOn)
        {
            errors["closedOn"] = $"办结日期不能早于发现日期（{item.FoundOn:yyyy-MM-dd}）。";
        }
    }

    private static void CheckNote(string? note, Dictionary<string, string> errors)
    {
        InputRules.CheckText(errors, "note", note, multiline: true);
        if (note?.Length > NoteMax)
        {
            errors["note"] = $"说明不能超过{NoteMax}个字。";
        }
    }
}
