using PartyPortal.Model;

namespace PartyPortal.Features.Supervision;

/// <summary>A new closed-loop item as the form sends it.</summary>
public sealed class RectificationInput
{
    public ClosedLoopSource? Source { get; set; }
    public string? Title { get; set; }
    [Multiline]
    public string? Description { get; set; }
    public int OwnerOrgUnitId { get; set; }
    public DateOnly? FoundOn { get; set; }
    public DateOnly? Deadline { get; set; }
}

/// <summary>Closing an item: the evidence that it was fixed and the day it was.</summary>
public sealed class RectificationClosing
{
    [Multiline]
    public string? Evidence { get; set; }
    public DateOnly? ClosedOn { get; set; }
    [Multiline]
    public string? Note { get; set; }
}

/// <summary>What the list may be narrowed to; the unit filter takes its whole subtree.</summary>
public sealed record RectificationFilter(
    ClosedLoopSource? Source = null, ClosedLoopStatus? Status = null, int? OrgUnitId = null, bool OverdueOnly = false);

/// <summary>One line of the list. <see cref="IsOverdue"/> is judged on the bureau's today.</summary>
public sealed record RectificationRow(
    int Id, ClosedLoopSource Source, string Title, int OwnerOrgUnitId, string UnitName, DateOnly FoundOn, DateOnly Deadline,
    ClosedLoopStatus Status, DateOnly? ClosedOn, int Measures, bool IsOverdue, Guid Version);

public sealed record RectificationMeasureView(int Id, string Description, DateOnly WrittenOn, DateOnly? DoneOn);

public sealed record RectificationEventView(DateTimeOffset At, string? By, ClosedLoopStatus Status, string? Note);

/// <summary>An item with its measures and history, oldest step first.</summary>
public sealed record RectificationDetail(
    RectificationRow Row, string? Description, string? ClosingEvidence,
    IReadOnlyList<RectificationMeasureView> Measures, IReadOnlyList<RectificationEventView> History);
