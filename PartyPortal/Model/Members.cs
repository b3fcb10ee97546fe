using System.ComponentModel.DataAnnotations;

namespace PartyPortal.Model;

public enum CadreLevel
{
    [Display(Name = "一般干部")] General = 1,
    [Display(Name = "科级")] Section = 2,
    [Display(Name = "处级")] Division = 3,
}

/// <summary>The member's post in the tax administration (not in the Party), for the "一肩挑" rule.</summary>
public enum AdministrativePost
{
    [Display(Name = "无")] None = 0,
    [Display(Name = "部门副职")] DepartmentDeputy = 1,
    [Display(Name = "部门正职")] DepartmentHead = 2,
    [Display(Name = "局领导")] BureauLeader = 3,
}

public enum Gender
{
    [Display(Name = "男")] Male = 1,
    [Display(Name = "女")] Female = 2,
}

public enum MemberStatus
{
    [Display(Name = "正式党员")] Full = 1,
    [Display(Name = "预备党员")] Probationary = 2,
    [Display(Name = "已离退")] Retired = 3,
}

/// <summary>Party posts held in a branch or committee.</summary>
public enum BranchPost
{
    [Display(Name = "书记")] Secretary = 1,
    [Display(Name = "副书记")] DeputySecretary = 2,
    [Display(Name = "纪检委员")] DisciplineCommissioner = 3,
    [Display(Name = "组织委员")] OrganisationCommissioner = 4,
    [Display(Name = "宣传委员")] PropagandaCommissioner = 5,
    [Display(Name = "委员")] CommitteeMember = 6,
    [Display(Name = "党小组长")] GroupLeader = 7,
    [Display(Name = "党建工作指导员")] Instructor = 8,
    [Display(Name = "党建工作联络员")] Liaison = 9,
}

public class Member
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public Gender Gender { get; set; }
    public int BirthYear { get; set; }
    public CadreLevel CadreLevel { get; set; }
    public AdministrativePost AdministrativePost { get; set; }
    public MemberStatus Status { get; set; } = MemberStatus.Full;
    public DateOnly? JoinedPartyOn { get; set; }

    /// <summary>Changes with every write, so an edit started from an older copy is refused rather than overwriting.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>The branch the member belongs to now; the history is in <see cref="Assignments"/>.</summary>
    public int OrgUnitId { get; set; }
    public OrgUnit? OrgUnit { get; set; }

    public List<MemberAssignment> Assignments { get; } = [];
    public List<MemberPost> Posts { get; } = [];

    /// <summary>Youth (青年) is 35 or under in the given year.</summary>
    public bool IsYouthIn(int year) => IsYouth(BirthYear, year);

    public static bool IsYouth(int birthYear, int year) => year - birthYear <= 35;
}

/// <summary>
/// One stretch of a member's membership of a branch. A transfer closes one and opens the next,
/// so a quarter's figures count the member where they belonged on each day.
/// </summary>
public class MemberAssignment
{
    public int Id { get; set; }
    public int MemberId { get; set; }
    public Member? Member { get; set; }
    public int OrgUnitId { get; set; }
    public OrgUnit? OrgUnit { get; set; }
    public DateOnly From { get; set; }

    /// <summary>Last day in the branch (inclusive); null while current.</summary>
    public DateOnly? To { get; set; }

    public bool CoversDay(DateOnly day) => From <= day && (To is null || To >= day);

    public bool Overlaps(Period period) => From <= period.End && (To is null || To >= period.Start);
}

public class MemberPost
{
    public int Id { get; set; }
    public int MemberId { get; set; }
    public Member? Member { get; set; }
    public int OrgUnitId { get; set; }
    public OrgUnit? OrgUnit { get; set; }
    public BranchPost Post { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? To { get; set; }

    public bool IsHeldOn(DateOnly day) => From <= day && (To is null || To >= day);
}
