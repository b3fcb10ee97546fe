using System.Globalization;
using PartyPortal.Model;

namespace PartyPortal.Features.StarRatings;

/// <summary>The rules a scheme must meet before it is saved (zh-CN messages keyed like the editor's fields).</summary>
public sealed partial class StarSchemeService
{
    public const int NameMax = 100;
    public const int GroupMax = 20;
    public const int DescriptionMax = 1000;

    private Dictionary<string, string> Validate(StarSchemeInput input)
    {
        var errors = new Dictionary<string, string>();
        InputRules.Check(input, errors, clock);
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors.TryAdd("name", "请填写方案名称。");
        }
        else if (name.Length > NameMax)
        {
            errors.TryAdd("name", $"方案名称不能超过{NameMax}个字。");
        }

        if (!(100 >= input.FiveStarMin && input.FiveStarMin > input.FourStarMin && input.FourStarMin > input.ThreeStarMin
              && input.ThreeStarMin > input.TwoStarMin && input.TwoStarMin > 0))
        {
            errors["bands"] = "星级分数线应满足：100 ≥ 五星 > 四星 > 三星 > 二星 > 0。";
        }

        if (input.FiveStarGrowthPercent is < 0 or > 100)
        {
            errors["fiveStarGrowthPercent"] = "五星级支部年增长比例应在0%至100%之间。";
        }

        if (input.FiveStarCapPercent is < 1 or > 100)
        {
            errors["fiveStarCapPercent"] = "五星级支部占比上限应在1%至100%之间，不设上限请留空。";
        }

        if (input.NoticeDays is < 1 or > 30)
        {
            errors["noticeDays"] = "公示天数应在1至30天之间。";
        }

        ValidateItems(input.Items, errors);
        ValidateVetoes(input.Vetoes, errors);
        return errors;
    }

    private static void ValidateItems(List<StarItemInput> items, Dictionary<string, string> errors)
    {
        if (items.Count == 0)
        {
            errors["items"] = "请至少设置一个评分项目。";
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var key = $"items[{i}].";
            if (string.IsNullOrWhiteSpace(item.Name))
            {
                errors.TryAdd(key + "name", "请填写项目名称。");
            }
            else if (item.Name.Trim().Length > NameMax)
            {
                errors.TryAdd(key + "name", $"项目名称不能超过{NameMax}个字。");
            }

            if (item.Group?.Trim().Length > GroupMax)
            {
                errors.TryAdd(key + "group", $"项目分组不能超过{GroupMax}个字。");
            }

            if (item.Description?.Trim().Length > DescriptionMax)
            {
                errors.TryAdd(key + "description", $"评分标准不能超过{DescriptionMax}个字。");
            }

            if (!Enum.IsDefined(item.Kind))
            {
                errors.TryAdd(key + "kind", "请选择项目类别。");
            }

            if (item.MaxScore is <= 0 or > 100 || decimal.Round(item.MaxScore, 1) != item.MaxScore)
            {
                errors.TryAdd(key + "maxScore", "分值应大于0、不超过100，最多保留一位小数。");
            }

            if (!Enum.IsDefined(item.Measure))
            {
                errors.TryAdd(key + "measure", "请选择计分方式。");
            }
            else if (item.Measure != CriterionMeasure.None && item.Kind != CriterionKind.Basic)
            {
                errors.TryAdd(key + "measure", $"只有基础项可以按台账指标计分，{item.Kind.Display()}请选择人工评分。");
            }
            else if (item.Measure != CriterionMeasure.None && !(0 <= item.ZeroBelowPercent && item.ZeroBelowPercent < item.FullAtPercent && item.FullAtPercent <= 100))
            {
                errors.TryAdd(key + "fullAtPercent", "计分区间应满足：0% ≤ 起计比例 < 满分比例 ≤ 100%。");
            }
        }

        var scale = items.Where(i => i.Kind is CriterionKind.Basic or CriterionKind.Appraisal).Sum(i => i.MaxScore);
        if (scale != 100 && !errors.Keys.Any(k => k.EndsWith(".maxScore", StringComparison.Ordinal)))
        {
            errors["items"] = $"基础项和评议项的分值合计应为100分，现为{scale.ToString("0.#", CultureInfo.InvariantCulture)}分。";
        }
    }

    private static void ValidateVetoes(List<StarVetoInput> vetoes, Dictionary<string, string> errors)
    {
        for (var i = 0; i < vetoes.Count; i++)
        {
            var veto = vetoes[i];
            var key = $"vetoes[{i}].";
            if (!Enum.IsDefined(veto.Kind))
            {
                errors.TryAdd(key + "kind", "请选择否决情形。");
            }
            else if (vetoes.Take(i).Any(v => v.Kind == veto.Kind))
            {
                errors.TryAdd(key + "kind", $"“{veto.Kind.Display()}”已设置过一次。");
            }

            if (veto.MaxStars is < 1 or > 4)
            {
                errors.TryAdd(key + "maxStars", "否决后最高星级应在1至4星之间。");
            }

            if (veto.Kind == VetoKind.RectificationOverdue && veto.OverdueDays is not (>= 1 and <= 365))
            {
                errors.TryAdd(key + "overdueDays", "请填写逾期天数（1至365天）。");
            }
            else if (veto.Kind != VetoKind.RectificationOverdue && veto.OverdueDays is not null)
            {
                errors.TryAdd(key + "overdueDays", "只有整改事项逾期需要填写天数。");
            }
        }
    }
}
