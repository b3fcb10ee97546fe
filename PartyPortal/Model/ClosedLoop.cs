using System.ComponentModel.DataAnnotations;

namespace PartyPortal.Model;

/// <summary>Where a closed-loop item came from; the report counts rectification by source.</summary>
public enum ClosedLoopSource
{
    [Display(Name = "巡视自查")] InspectionSelfCheck = 1,
    [Display(Name = "检视查摆")] SelfReview = 2,
    [Display(Name = "明察暗访")] SpotCheck = 3,
    [Display(Name = "政治要件")] Directive = 4,
    [Display(Name = "重点工作督办")] SupervisedTask = 5,
}

public enum ClosedLoopStatus
{
    [Display(Name = "待整改")] Open = 1,
    [Display(Name = "整改中")] InProgress = 2,
    [Display(Name = "已办结")] Closed = 3,
}

/// <summary>
/// One "find it, fix it, prove it" item (闭环事项): a problem or task, its measures, an owner unit,
/// a deadline, and a status that closes only with evidence.
/// </summary>
public class ClosedLoopItem
{
    public int Id { get; set; }
    public ClosedLoopSource Source { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public int OwnerOrgUnitId { get; set; }
    public OrgUnit? OwnerOrgUnit { get; set; }
    public DateOnly FoundOn { get; set; }
    public DateOnly Deadline { get; set; }
    public ClosedLoopStatus Status { get; set; } = ClosedLoopStatus.Open;
    public DateOnly? ClosedOn { get; set; }
    public string? ClosingEvidence { get; set; }

    /// <summary>The inspection (明察暗访) or other activity that found it (F20).</summary>
    public int? SourceActivityId { get; set; }
    public Activity? SourceActivity { get; set; }
    public int? CampaignId { get; set; }
    public Campaign? Campaign { get; set; }

    public List<RectificationMeasure> Measures { get; } = [];
    public List<ClosedLoopEvent> History { get; } = [];
    public Guid Version { get; set; } = Guid.NewGuid();

    public bool IsOverdueOn(DateOnly today) => Status != ClosedLoopStatus.Closed && Deadline < today;

    /// <summary>
    /// Whether, as things stood on <paramref name="day"/>, the item had been found, was not yet closed, and was more than
    /// <paramref name="days"/> past its deadline: the star rating's veto (一票否决) on a rectification long overdue.
    /// </summary>
    public bool IsOverdueBeyond(DateOnly day, int days) =>
        FoundOn <= day && (Status != ClosedLoopStatus.Closed || ClosedOn > day) && Deadline.AddDays(days) < day;
}

/// <summary>A measure (整改措施) written for an item.</summary>
public class RectificationMeasure
{
    public int Id { get; set; }
    public int ItemId { get; set; }
    public ClosedLoopItem? Item { get; set; }
    public required string Description { get; set; }
    public DateOnly WrittenOn { get; set; }
    public DateOnly? DoneOn { get; set; }
}

/// <summary>A step in an item's history: a status change with its note.</summary>
public class ClosedLoopEvent
{
    public int Id { get; set; }
    public int ItemId { get; set; }
    public ClosedLoopItem? Item { get; set; }
    public DateTimeOffset At { get; set; }
    public string? By { get; set; }
    public ClosedLoopStatus Status { get; set; }
    public string? Note { get; set; }
}
