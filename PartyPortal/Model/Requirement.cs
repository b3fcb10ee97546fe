using System.ComponentModel.DataAnnotations;

namespace PartyPortal.Model;

public enum RequirementPeriod
{
    [Display(Name = "无要求")] None = 0,
    [Display(Name = "每月")] Month = 1,
    [Display(Name = "每季度")] Quarter = 2,
    [Display(Name = "每半年")] HalfYear = 3,
    [Display(Name = "每年")] Year = 4,
}

public enum RequirementStatus
{
    /// <summary>The minimum was reached.</summary>
    [Display(Name = "已完成")] Met = 1,

    /// <summary>The period is still running and the minimum not yet reached.</summary>
    [Display(Name = "待完成")] Due = 2,

    /// <summary>The period has ended without the minimum.</summary>
    [Display(Name = "未完成")] Missed = 3,
}

/// <summary>"At least <see cref="Minimum"/> per <see cref="Period"/>, in every unit of <see cref="Scope"/>."</summary>
public sealed record Requirement(RequirementPeriod Period, int Minimum, RequirementScope Scope)
{
    public PeriodKind PeriodKind => Period switch
    {
        RequirementPeriod.Month => Model.PeriodKind.Month,
        RequirementPeriod.Quarter => Model.PeriodKind.Quarter,
        RequirementPeriod.HalfYear => Model.PeriodKind.HalfYear,
        RequirementPeriod.Year => Model.PeriodKind.Year,
        _ => throw new InvalidOperationException("没有频次要求的活动类型不产生应完成事项。"),
    };

    public string Describe(string unitName) => $"{Period.Display()}至少{Minimum}{unitName}";
}

/// <summary>One unit × one period of a requirement: how many were held and whether that met the rule.</summary>
public sealed record RequirementInstance(Period Period, int Count, RequirementStatus Status)
{
    /// <summary>Counted in compliance: met, or missed; a running period not yet met is not yet owed.</summary>
    public bool CountsInCompliance => Status != RequirementStatus.Due;
}

/// <summary>Evaluates a requirement for one org unit over a range, from the dates of its activities.</summary>
public static class RequirementEvaluator
{
    /// <summary>
    /// One instance per requirement period overlapping <paramref name="range"/> in which the unit existed
    /// and which has started by <paramref name="today"/>. A unit founded or closed inside a period still
    /// owes that period (the rule counts every unit that existed during it).
    /// </summary>
    public static IReadOnlyList<RequirementInstance> Evaluate(
        Requirement requirement,
        DateOnly? foundedOn,
        DateOnly? closedOn,
        IEnumerable<DateOnly> activityDates,
        Period range,
        DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        var dates = activityDates.ToList();
        var result = new List<RequirementInstance>();
        foreach (var period in Period.Covering(range, requirement.PeriodKind))
        {
            if (period.Start > today)
            {
                break;
            }

            var existed = (foundedOn is null || foundedOn <= period.End) && (closedOn is null || closedOn >= period.Start);
            if (!existed)
            {
                continue;
            }

            var count = dates.Count(period.Contains);
            var status = count >= requirement.Minimum
                ? RequirementStatus.Met
                : period.End < today ? RequirementStatus.Missed : RequirementStatus.Due;
            result.Add(new RequirementInstance(period, count, status));
        }

        return result;
    }

    /// <summary>Compliance = instances met ÷ instances due; null when nothing was due.</summary>
    public static double? Compliance(IEnumerable<RequirementInstance> instances)
    {
        var counted = instances.Where(i => i.CountsInCompliance).ToList();
        return counted.Count == 0 ? null : (double)counted.Count(i => i.Status == RequirementStatus.Met) / counted.Count;
    }
}
