using System.ComponentModel.DataAnnotations;
using PartyPortal.Model;

namespace PartyPortal.Access;

/// <summary>Everything a feature service, the hub or the API may be asked to do, checked against an org unit.</summary>
public enum Operation
{
    [Display(Name = "查看概况")] ViewOverview = 1,
    [Display(Name = "查看活动记录")] ReadActivities,
    [Display(Name = "记录支部活动")] RecordActivity,
    [Display(Name = "记录纪检保密事项")] RecordRestrictedActivity,
    [Display(Name = "查看看板")] ViewDashboards,
    [Display(Name = "查看纪检记录明细")] ReadDisciplineRecords,
    [Display(Name = "记录纪检事项")] WriteDisciplineRecords,
    [Display(Name = "查看纪检汇总数")] ReadDisciplineAggregates,
    [Display(Name = "维护组织和党员")] ManageOrganisation,
    [Display(Name = "维护活动目录")] ManageCatalogue,
    [Display(Name = "星级自评")] AssessStarRating,
    [Display(Name = "星级审核发布")] ReviewStarRating,
    [Display(Name = "生成报告")] RunReports,
    [Display(Name = "管理大屏")] ManageScreens,
    [Display(Name = "管理账户")] ManageAccounts,
    [Display(Name = "查看审计日志")] ViewAudit,
    [Display(Name = "管理整改闭环事项")] ManageRectification,
    [Display(Name = "维护结对共建")] ManagePartnerships,
    [Display(Name = "维护报告模板")] ManageReportTemplates,
    [Display(Name = "套用报告模板")] UseReportTemplates,
}

/// <summary>
/// Who may do what: the one place that says it (DOMAIN.md, "People and what they do"). An operation is
/// allowed when the user holds a role that allows it with a scope containing the org unit it concerns.
/// Leaders read everything except case files and change nothing; PartyOffice does everything except case
/// files; Secretaries work in their own scope; Discipline keeps the discipline records of its scope.
/// </summary>
public static class AccessPolicy
{
    private static readonly Dictionary<PortalRole, HashSet<Operation>> Allowed = new()
    {
        [PortalRole.Leader] =
        [
            Operation.ViewOverview, Operation.ReadActivities, Operation.ViewDashboards, Operation.ReadDisciplineAggregates,
            Operation.RunReports, Operation.UseReportTemplates,
        ],
        [PortalRole.PartyOffice] =
        [
            Operation.ViewOverview, Operation.ReadActivities, Operation.RecordActivity, Operation.ViewDashboards,
            Operation.ReadDisciplineAggregates, Operation.ManageOrganisation, Operation.ManageCatalogue,
            Operation.ReviewStarRating, Operation.RunReports, Operation.ManageScreens, Operation.ManageAccounts, Operation.ViewAudit,
            Operation.ManageRectification, Operation.ManagePartnerships, Operation.ManageReportTemplates, Operation.UseReportTemplates,
        ],
        [PortalRole.Secretary] =
        [
            Operation.ViewOverview, Operation.ReadActivities, Operation.RecordActivity, Operation.ViewDashboards,
            Operation.AssessStarRating, Operation.ManageRectification, Operation.ManagePartnerships,
        ],
        [PortalRole.Discipline] =
        [
            Operation.ViewOverview, Operation.ReadActivities, Operation.RecordRestrictedActivity, Operation.ViewDashboards,
            Operation.ReadDisciplineRecords, Operation.WriteDisciplineRecords, Operation.ReadDisciplineAggregates,
            Operation.UseReportTemplates,
            // The half-year report: Discipline reads it too, and is the one role that opens its restricted figures' records.
            Operation.RunReports,
        ],
    };

    public static bool RoleAllows(PortalRole role, Operation operation) =>
        Allowed.TryGetValue(role, out var ops) && ops.Contains(operation);

    public static IReadOnlySet<Operation> OperationsOf(PortalRole role) => Allowed[role];
}
