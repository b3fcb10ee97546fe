using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Features.Study;

/// <summary>The rules a topic must meet before it is saved (zh-CN messages keyed like the form's fields).</summary>
public sealed partial class StudyTopicService
{
    private async Task<Dictionary<string, string>> ValidateAsync(PortalDbContext db, StudyTopicInput input, int? selfId, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        InputRules.Check(input, errors, clock);
        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            errors["title"] = "请填写专题标题。";
        }
        else if (title.Length > TitleMax)
        {
            errors["title"] = $"专题标题不能超过{TitleMax}个字。";
        }

        if (input.PublishedOn is not { } published)
        {
            errors["publishedOn"] = "请选择发布日期。";
        }
        else if (!string.IsNullOrEmpty(title) && !errors.ContainsKey("title"))
        {
            var first = new DateOnly(published.Year, published.Month, 1);
            var last = first.AddMonths(1).AddDays(-1);
            if (await db.StudyTopics.AnyAsync(t => t.Id != selfId && t.Title == title && t.PublishedOn >= first && t.PublishedOn <= last, ct))
            {
                errors["title"] = $"{published.Year}年{published.Month}月已发布过“{title}”，请换一个标题。";
            }
        }

        if (input.DueOn is not { } due)
        {
            errors["dueOn"] = "请选择完成期限。";
        }
        else if (input.PublishedOn is { } p && due < p)
        {
            errors["dueOn"] = $"完成期限不能早于发布日期（{p:yyyy-MM-dd}）。";
        }

        if (!Enum.IsDefined(input.Audience))
        {
            errors["audience"] = "请选择学习对象。";
        }
        else if (input.Audience == StudyAudience.CadreLevel && (input.AudienceCadreLevel is not { } level || !Enum.IsDefined(level)))
        {
            errors["audienceCadreLevel"] = "按干部层级发布时请选择干部层级。";
        }
        else if (input.Audience != StudyAudience.CadreLevel && input.AudienceCadreLevel is not null)
        {
            errors["audienceCadreLevel"] = $"学习对象为{input.Audience.Display()}时不能指定干部层级。";
        }

        return errors;
    }

    private static void Apply(StudyTopic topic, StudyTopicInput input)
    {
        topic.Title = input.Title!.Trim();
        topic.PublishedOn = input.PublishedOn!.Value;
        topic.DueOn = input.DueOn!.Value;
        topic.Audience = input.Audience;
        topic.AudienceCadreLevel = input.AudienceCadreLevel;
    }
}
