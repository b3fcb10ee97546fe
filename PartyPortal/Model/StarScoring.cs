namespace PartyPortal.Model;

/// <summary>
/// The scheme's arithmetic, in one place for the self-assessment, the review, the decision and the demo: what a
/// measured item proposes, how items make a total, and what a veto does to the stars.
/// </summary>
public static class StarScoring
{
    /// <summary>
    /// The points a measured item proposes for the branch's rate of the year (0–1): none below
    /// <see cref="StarCriterion.ZeroBelowPercent"/>, all from <see cref="StarCriterion.FullAtPercent"/>, in proportion
    /// between, to one decimal. Null for a judged item, or when the branch had nothing to count (a rate of nothing is
    /// not 0 %: the secretary scores it).
    /// </summary>
    public static decimal? Proposed(StarCriterion item, double? rate)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Measure == CriterionMeasure.None || rate is not { } r)
        {
            return null;
        }

        var percent = (decimal)r * 100;
        if (percent >= item.FullAtPercent)
        {
            return item.MaxScore;
        }

        if (percent < item.ZeroBelowPercent)
        {
            return 0;
        }

        var share = (percent - item.ZeroBelowPercent) / (item.FullAtPercent - item.ZeroBelowPercent);
        return Math.Round(item.MaxScore * share, 1, MidpointRounding.ToZero);
    }

    /// <summary>
    /// Basic and appraisal points, plus bonus, less deductions, kept within 0–100: the scale the bands are on. A bonus
    /// makes up for points lost elsewhere; it does not lift a branch above a full score.
    /// </summary>
    public static decimal Total(IEnumerable<(CriterionKind Kind, decimal Points)> items) =>
        Math.Clamp(items.Sum(i => i.Kind == CriterionKind.Deduction ? -i.Points : i.Points), 0, 100);

    /// <summary>The stars of a total under the bands, capped by the strictest veto found (5 when none).</summary>
    public static int Stars(decimal total, StarBands bands, int maxStars)
    {
        ArgumentNullException.ThrowIfNull(bands);
        return Math.Min(bands.StarsFor(total), maxStars);
    }

    /// <summary>Why a veto capped the stars, as the decision and the 公示 show it.</summary>
    public static string VetoReason(StarVeto veto)
    {
        ArgumentNullException.ThrowIfNull(veto);
        var what = veto.Kind == VetoKind.RectificationOverdue && veto.OverdueDays is { } days
            ? $"整改事项逾期超过{days}天未销号"
            : veto.Kind.Display();
        return $"一票否决：{what}，最高评为{veto.MaxStars}星级";
    }
}
