using System.ComponentModel.DataAnnotations;

namespace PartyPortal.Model;

public enum DisciplineRecordType
{
    [Display(Name = "处置信访等线索")] ClueHandled = 1,
    [Display(Name = "立案审查调查")] CaseOpened = 2,
    [Display(Name = "运用“四种形态”处理")] Disposition = 3,

    /// <summary>协助省局等上级开展案件审查调查 (counted in 次).</summary>
    [Display(Name = "协助上级审查调查")] AssistedInvestigation = 4,

    /// <summary>协助市纪委等上级开展取证工作 (counted in 次).</summary>
    [Display(Name = "协助上级取证")] AssistedEvidence = 5,
}

/// <summary>The "four forms" of supervision and discipline (监督执纪"四种形态").</summary>
public enum DispositionForm
{
    [Display(Name = "第一种形态")] First = 1,
    [Display(Name = "第二种形态")] Second = 2,
    [Display(Name = "第三种形态")] Third = 3,
    [Display(Name = "第四种形态")] Fourth = 4,
}

/// <summary>
/// A restricted discipline record. Only Discipline in scope reads these rows; everybody else sees
/// aggregates (F13–F16).
/// </summary>
public class DisciplineRecord
{
    public int Id { get; set; }
    public DisciplineRecordType Type { get; set; }
    public int OrgUnitId { get; set; }
    public OrgUnit? OrgUnit { get; set; }
    public DateOnly Date { get; set; }

    /// <summary>Case number or clue reference, as the discipline inspectors file it.</summary>
    public string? Reference { get; set; }
    public required string Summary { get; set; }

    /// <summary>For dispositions: the form, and how many person-times it was applied.</summary>
    public DispositionForm? Form { get; set; }
    public int PersonTimes { get; set; } = 1;

    public string? RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
