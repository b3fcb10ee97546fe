using PartyPortal.Model;

namespace PartyPortal.Features.Supervision;

/// <summary>A discipline record as the form sends it: the same shape for adding and editing.</summary>
public sealed class DisciplineRecordInput
{
    public DisciplineRecordType? Type { get; set; }
    public int OrgUnitId { get; set; }
    public DateOnly? Date { get; set; }
    public string? Reference { get; set; }
    [Multiline]
    public string? Summary { get; set; }

    /// <summary>Only for a disposition (运用“四种形态”处理).</summary>
    public DispositionForm? Form { get; set; }

    /// <summary>Only for a disposition; every other record counts once (件 or 次).</summary>
    public int? PersonTimes { get; set; }
}

/// <summary>One restricted record, as only Discipline in scope sees it.</summary>
public sealed record DisciplineRecordRow(
    int Id, DisciplineRecordType Type, int OrgUnitId, string UnitName, DateOnly Date, string? Reference, string Summary,
    DispositionForm? Form, int PersonTimes, string? RecordedBy);

/// <summary>
/// What leaders and the party office see instead of records: per unit and type (and form, for dispositions), how
/// many records and how many person-times. No summaries, no references, no dates.
/// </summary>
public sealed record DisciplineAggregateRow(int OrgUnitId, string UnitName, DisciplineRecordType Type, DispositionForm? Form, int Records, int PersonTimes);
