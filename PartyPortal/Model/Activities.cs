using System.ComponentModel.DataAnnotations;

namespace PartyPortal.Model;

/// <summary>The six pillars of "六位一体", the report's six chapters.</summary>
public enum Pillar
{
    [Display(Name = "政治建设一体深化")] PoliticalBuilding = 1,
    [Display(Name = "两个责任一体发力")] TwoResponsibilities = 2,
    [Display(Name = "综合监督一体集成")] IntegratedSupervision = 3,
    [Display(Name = "党建业务一体融合")] Integration = 4,
    [Display(Name = "约束激励一体抓实")] ConstraintIncentive = 5,
    [Display(Name = "组织体系一体贯通")] OrganisationSystem = 6,
}

/// <summary>What one unit of an activity's quantity counts.</summary>
public enum ActivityUnit
{
    [Display(Name = "次")] Times = 1,
    [Display(Name = "场")] Sessions = 2,
    [Display(Name = "人次")] PersonTimes = 3,
    [Display(Name = "封")] Letters = 4,
    [Display(Name = "个")] Items = 5,
    [Display(Name = "条")] Entries = 6,
    [Display(Name = "件")] Cases = 7,
    [Display(Name = "期")] Issues = 8,
}

/// <summary>Which org units a kind's requirement applies to.</summary>
public enum RequirementScope
{
    [Display(Name = "各党支部")] Branches = 1,
    [Display(Name = "市县两级党委")] Committees = 2,
}

public enum AttendanceStatus
{
    [Display(Name = "出席")] Present = 1,
    [Display(Name = "请假")] Excused = 2,
    [Display(Name = "缺席")] Absent = 3,
}

/// <summary>Which level of the administration organised a training (F07/F08 count by it).</summary>
public enum OrganiserLevel
{
    [Display(Name = "省税务局")] Provincial = 1,
    [Display(Name = "市税务局")] Municipal = 2,
    [Display(Name = "县（市、区）税务局")] County = 3,
}

/// <summary>
/// A row of the activity catalogue. The requirement ("each branch at least once a quarter") is data,
/// editable by PartyOffice, never code.
/// </summary>
public class ActivityKind
{
    public int Id { get; set; }

    /// <summary>Stable identifier used by code, the API and imports ("warning-education").</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public Pillar Pillar { get; set; }
    public ActivityUnit Unit { get; set; }
    public bool TakesAttendance { get; set; }

    /// <summary>Discipline data: recorded and read row by row only by the Discipline role.</summary>
    public bool Restricted { get; set; }

    /// <summary>A training: its activities carry an organiser level and the cadre levels they count for.</summary>
    public bool IsTraining { get; set; }

    /// <summary>A quantity other than one makes sense (letters sent, person-times talked to).</summary>
    public bool CountsQuantity => Unit is ActivityUnit.PersonTimes or ActivityUnit.Letters or ActivityUnit.Items or ActivityUnit.Entries;

    public RequirementPeriod RequirementPeriod { get; set; }
    public int RequirementMinimum { get; set; }
    public RequirementScope RequirementScope { get; set; } = RequirementScope.Branches;

    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;

    public Requirement? Requirement =>
        RequirementPeriod == RequirementPeriod.None || RequirementMinimum <= 0
            ? null
            : new Requirement(RequirementPeriod, RequirementMinimum, RequirementScope);
}

/// <summary>A named campaign (专项主题) that activities are tagged with, e.g. "以案明纪".</summary>
public class Campaign
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public DateOnly? StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
}

/// <summary>One occurrence in the ledger: a meeting held, letters sent, a talk given.</summary>
public class Activity
{
    public int Id { get; set; }
    public int KindId { get; set; }
    public ActivityKind? Kind { get; set; }
    public int OrgUnitId { get; set; }
    public OrgUnit? OrgUnit { get; set; }

    public DateOnly Date { get; set; }
    public required string Title { get; set; }
    public string? Place { get; set; }
    public string? Notes { get; set; }

    /// <summary>How many of the kind's unit (120 e-cards sent = one activity of quantity 120); 1 for "once".</summary>
    public int Quantity { get; set; } = 1;

    public int? CampaignId { get; set; }
    public Campaign? Campaign { get; set; }
    public int? StudyTopicId { get; set; }
    public StudyTopic? StudyTopic { get; set; }

    /// <summary>Who presented (党课 given by, 宣讲 by): a member, or a name from outside.</summary>
    public int? PresenterMemberId { get; set; }
    public Member? PresenterMember { get; set; }
    public string? PresenterName { get; set; }

    /// <summary>The member a visit or talk concerns (廉洁家访 counts distinct members visited).</summary>
    public int? SubjectMemberId { get; set; }
    public Member? SubjectMember { get; set; }

    /// <summary>A leadership member's grassroots contact point where this research or lecture happened (F11/F12).</summary>
    public int? ContactPointId { get; set; }
    public RegisterEntry? ContactPoint { get; set; }

    /// <summary>For trainings: who organised it and which cadre levels it counts for.</summary>
    public OrganiserLevel? OrganiserLevel { get; set; }
    public CadreLevels TrainingFor { get; set; }

    public List<Attendance> Attendance { get; } = [];

    public string? RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>Soft delete: a deleted activity stays for the audit trail but counts nowhere.</summary>
    public bool IsDeleted { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>Optimistic concurrency: changes on every save, so a stale edit is refused.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>Cadre levels a training counts for.</summary>
[Flags]
public enum CadreLevels
{
    None = 0,
    General = 1,
    Section = 2,
    Division = 4,
}

public static class CadreLevelsExtensions
{
    public static bool Includes(this CadreLevels levels, CadreLevel level) => level switch
    {
        CadreLevel.General => levels.HasFlag(CadreLevels.General),
        CadreLevel.Section => levels.HasFlag(CadreLevels.Section),
        CadreLevel.Division => levels.HasFlag(CadreLevels.Division),
        _ => false,
    };
}

/// <summary>A member's attendance at an activity, and make-up study (补学) recorded later.</summary>
public class Attendance
{
    public int ActivityId { get; set; }
    public Activity? Activity { get; set; }
    public int MemberId { get; set; }
    public Member? Member { get; set; }
    public AttendanceStatus Status { get; set; }
    public DateOnly? MadeUpOn { get; set; }
    public string? MakeUpNote { get; set; }

    /// <summary>Present, or absent/excused but made up later: the pair counts as completed study.</summary>
    public bool CompletesStudy => Status == AttendanceStatus.Present || MadeUpOn is not null;
}

public enum StudyAudience
{
    [Display(Name = "全体党员")] AllMembers = 1,
    [Display(Name = "按干部层级")] CadreLevel = 2,
    [Display(Name = "青年党员")] Youth = 3,
}

/// <summary>A topic every member of its audience must study by a date (the monthly 政治理论学习指引).</summary>
public class StudyTopic
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public DateOnly PublishedOn { get; set; }
    public DateOnly DueOn { get; set; }
    public StudyAudience Audience { get; set; } = StudyAudience.AllMembers;
    public CadreLevel? AudienceCadreLevel { get; set; }

    public bool IsFor(Member member, int year)
    {
        ArgumentNullException.ThrowIfNull(member);
        return IsFor(member.CadreLevel, member.BirthYear, year);
    }

    public bool IsFor(CadreLevel cadreLevel, int birthYear, int year) => Audience switch
    {
        StudyAudience.AllMembers => true,
        StudyAudience.CadreLevel => AudienceCadreLevel == cadreLevel,
        StudyAudience.Youth => Member.IsYouth(birthYear, year),
        _ => false,
    };
}
