using System.ComponentModel.DataAnnotations;

namespace PartyPortal.Model;

public enum RegisterKind
{
    [Display(Name = "荣誉")] Honour = 1,
    [Display(Name = "10分钟税费服务圈")] ServiceCircle = 2,
    [Display(Name = "税费志愿服务点")] VolunteerPoint = 3,
    [Display(Name = "党员先锋队")] VanguardTeam = 4,
    [Display(Name = "青年突击队")] YouthCommandoTeam = 5,
    [Display(Name = "出彩书记工作室")] SecretaryStudio = 6,
    [Display(Name = "领导班子成员基层联系点")] LeaderContactPoint = 7,
}

public enum HonourLevel
{
    [Display(Name = "国家级")] National = 1,
    [Display(Name = "省部级")] Provincial = 2,
    [Display(Name = "市级")] Municipal = 3,
    [Display(Name = "系统内")] System = 4,
}

/// <summary>
/// A standing thing of the registers: it starts, and when it ends has an end date, so "in operation
/// during the period" can be counted. Honours use the start as the day they were received.
/// </summary>
public class RegisterEntry
{
    public int Id { get; set; }
    public RegisterKind Kind { get; set; }
    public required string Name { get; set; }
    public int OrgUnitId { get; set; }
    public OrgUnit? OrgUnit { get; set; }

    /// <summary>The person it concerns: the secretary of a studio, the leader of a contact point, an individual honour.</summary>
    public int? MemberId { get; set; }
    public Member? Member { get; set; }

    public DateOnly StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public string? Notes { get; set; }

    public HonourLevel? HonourLevel { get; set; }
    public bool? IsCollective { get; set; }

    public bool InOperationDuring(Period period) => StartsOn <= period.End && (EndsOn is null || EndsOn >= period.Start);
}

public enum PartnershipType
{
    [Display(Name = "党建共建")] CoBuilding = 1,
    [Display(Name = "一支部护航一行业")] IndustryEscort = 2,
}

public enum OutsideOrganisationKind
{
    [Display(Name = "社区")] Community = 1,
    [Display(Name = "行业协会")] IndustryAssociation = 2,
    [Display(Name = "企业")] Enterprise = 3,
    [Display(Name = "其他单位")] Other = 4,
}

/// <summary>An organisation outside the bureau that a branch partners with.</summary>
public class OutsideOrganisation
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public OutsideOrganisationKind Kind { get; set; }
}

/// <summary>A partnership of one of our branches with another branch or an outside organisation.</summary>
public class Partnership
{
    public int Id { get; set; }
    public PartnershipType Type { get; set; }
    public int OrgUnitId { get; set; }
    public OrgUnit? OrgUnit { get; set; }
    public int? PartnerOrgUnitId { get; set; }
    public OrgUnit? PartnerOrgUnit { get; set; }
    public int? PartnerOrganisationId { get; set; }
    public OutsideOrganisation? PartnerOrganisation { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public string? Notes { get; set; }

    public bool InOperationDuring(Period period) => StartsOn <= period.End && (EndsOn is null || EndsOn >= period.Start);
}
