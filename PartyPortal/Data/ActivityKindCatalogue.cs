using Microsoft.EntityFrameworkCore;
using PartyPortal.Model;

namespace PartyPortal.Data;

/// <summary>
/// The activity-kind catalogue every install starts with. Codes are stable (code, API and imports use
/// them); names and requirement rules are data that PartyOffice may edit later, so seeding only adds
/// kinds whose code is missing and never overwrites an edit.
/// </summary>
public static class ActivityKindCatalogue
{
    public static class Codes
    {
        public const string FirstTopicStudy = "first-topic-study";
        public const string CentralGroupStudy = "central-group-study";
        public const string YouthStudyGroup = "youth-study-group";
        public const string JointStudy = "joint-study";
        public const string Training = "training";
        public const string DemocraticLifeMeeting = "democratic-life-meeting";
        public const string LeaderEndorsement = "leader-endorsement";
        public const string SecretaryAccountabilityReview = "secretary-accountability-review";
        public const string LeaderDutyReport = "leader-duty-report";
        public const string DisciplineConsultation = "discipline-consultation";
        public const string PartyBuildingResearch = "party-building-research";
        public const string IntegrityTalk = "integrity-talk";
        public const string SupervisoryTalk = "supervisory-talk";
        public const string IntegrityHomeVisit = "integrity-home-visit";
        public const string Inspection = "inspection";
        public const string Notification = "notification";
        public const string IntegrityReminder = "integrity-reminder";
        public const string WarningEducation = "warning-education";
        public const string HeartToHeartTalk = "heart-to-heart-talk";
        public const string TaxGridService = "tax-grid-service";
        public const string ExemplaryDeedsTalk = "exemplary-deeds-talk";
        public const string YouthActivity = "youth-activity";
        public const string SpecialPartyLecture = "special-party-lecture";
        public const string CaseDisciplineDay = "case-discipline-day";
        public const string IntegrityReminderCard = "integrity-reminder-card";
        public const string IntegrityLetter = "integrity-letter";
        public const string FamilyIntegrityForum = "family-integrity-forum";
        public const string CultureActivity = "culture-activity";
        public const string BranchGeneralMeeting = "branch-general-meeting";
        public const string BranchCommitteeMeeting = "branch-committee-meeting";
        public const string PartyGroupMeeting = "party-group-meeting";
        public const string PartyLecture = "party-lecture";
        public const string ThemedPartyDay = "themed-party-day";
        public const string OrganisationalLifeMeeting = "organisational-life-meeting";
        public const string DisciplineMonthlyReport = "discipline-monthly-report";
        public const string AssistHigherReview = "assist-higher-review";
        public const string AssistEvidenceCollection = "assist-evidence-collection";
        public const string DualInvestigation = "dual-investigation";
    }

    /// <summary>The 三会一课 and 主题党日 kinds: the branch compliance matrix reads these.</summary>
    public static IReadOnlyList<string> MeetingCodes { get; } =
    [
        Codes.BranchGeneralMeeting, Codes.BranchCommitteeMeeting, Codes.PartyGroupMeeting, Codes.PartyLecture, Codes.ThemedPartyDay,
    ];

    public static IReadOnlyList<ActivityKind> Kinds()
    {
        List<ActivityKind> kinds =
        [
            // 政治建设一体深化
            Kind(Codes.FirstTopicStudy, "“第一议题”学习", Pillar.PoliticalBuilding, ActivityUnit.Times, req: (RequirementPeriod.Month, 1, RequirementScope.Committees)),
            Kind(Codes.CentralGroupStudy, "理论学习中心组学习", Pillar.PoliticalBuilding, ActivityUnit.Times, attendance: true, req: (RequirementPeriod.Quarter, 1, RequirementScope.Committees)),
            Kind(Codes.YouthStudyGroup, "青年理论学习小组学习", Pillar.PoliticalBuilding, ActivityUnit.Times, attendance: true),
            Kind(Codes.JointStudy, "主题联学", Pillar.PoliticalBuilding, ActivityUnit.Times, attendance: true),
            Kind(Codes.Training, "专题培训", Pillar.PoliticalBuilding, ActivityUnit.Times, attendance: true, training: true),
            Kind(Codes.DemocraticLifeMeeting, "民主生活会", Pillar.PoliticalBuilding, ActivityUnit.Times, req: (RequirementPeriod.Year, 1, RequirementScope.Committees)),
            Kind(Codes.LeaderEndorsement, "领导肯定性批示", Pillar.PoliticalBuilding, ActivityUnit.Times),

            // 两个责任一体发力
            Kind(Codes.SecretaryAccountabilityReview, "书记抓党建述职评议", Pillar.TwoResponsibilities, ActivityUnit.Times, req: (RequirementPeriod.Year, 1, RequirementScope.Committees)),
            Kind(Codes.LeaderDutyReport, "“一把手”述责述廉", Pillar.TwoResponsibilities, ActivityUnit.Times),
            Kind(Codes.DisciplineConsultation, "党委与纪检组会商", Pillar.TwoResponsibilities, ActivityUnit.Times),
            Kind(Codes.PartyBuildingResearch, "党建专项调研", Pillar.TwoResponsibilities, ActivityUnit.Times),
            Kind(Codes.IntegrityTalk, "廉政谈话", Pillar.TwoResponsibilities, ActivityUnit.PersonTimes),
            Kind(Codes.SupervisoryTalk, "监督谈话", Pillar.TwoResponsibilities, ActivityUnit.PersonTimes),
            Kind(Codes.IntegrityHomeVisit, "廉政家访", Pillar.TwoResponsibilities, ActivityUnit.Times),
            Kind(Codes.DisciplineMonthlyReport, "纪检组长“月报告”", Pillar.TwoResponsibilities, ActivityUnit.Times, restricted: true),

            // 综合监督一体集成
            Kind(Codes.Inspection, "明察暗访", Pillar.IntegratedSupervision, ActivityUnit.Times),
            Kind(Codes.Notification, "通报", Pillar.IntegratedSupervision, ActivityUnit.Times),
            Kind(Codes.IntegrityReminder, "廉洁提醒", Pillar.IntegratedSupervision, ActivityUnit.PersonTimes),
            Kind(Codes.WarningEducation, "警示教育", Pillar.IntegratedSupervision, ActivityUnit.Times, attendance: true, req: (RequirementPeriod.Quarter, 1, RequirementScope.Branches)),
            Kind(Codes.HeartToHeartTalk, "谈心谈话", Pillar.IntegratedSupervision, ActivityUnit.PersonTimes, req: (RequirementPeriod.Year, 1, RequirementScope.Branches)),
            Kind(Codes.AssistHigherReview, "协助上级审查调查", Pillar.IntegratedSupervision, ActivityUnit.Times, restricted: true),
            Kind(Codes.AssistEvidenceCollection, "协助取证", Pillar.IntegratedSupervision, ActivityUnit.Times, restricted: true),
            Kind(Codes.DualInvestigation, "一案双查", Pillar.IntegratedSupervision, ActivityUnit.Cases, restricted: true),

            // 党建业务一体融合
            Kind(Codes.TaxGridService, "税源网格化服务", Pillar.Integration, ActivityUnit.Times, attendance: true),

            // 约束激励一体抓实
            Kind(Codes.ExemplaryDeedsTalk, "先进事迹宣讲", Pillar.ConstraintIncentive, ActivityUnit.Sessions, attendance: true),
            Kind(Codes.YouthActivity, "青年主题活动", Pillar.ConstraintIncentive, ActivityUnit.Times, attendance: true),
            Kind(Codes.SpecialPartyLecture, "专题党课", Pillar.ConstraintIncentive, ActivityUnit.Sessions, attendance: true),
            Kind(Codes.CaseDisciplineDay, "“以案明纪”主题党日", Pillar.ConstraintIncentive, ActivityUnit.Times, attendance: true),
            Kind(Codes.IntegrityReminderCard, "廉洁提醒卡", Pillar.ConstraintIncentive, ActivityUnit.Issues),
            Kind(Codes.IntegrityLetter, "廉洁家书", Pillar.ConstraintIncentive, ActivityUnit.Letters),
            Kind(Codes.FamilyIntegrityForum, "“家属议廉”活动", Pillar.ConstraintIncentive, ActivityUnit.Sessions),
            Kind(Codes.CultureActivity, "文化活动", Pillar.ConstraintIncentive, ActivityUnit.Times),

            // 组织体系一体贯通: 三会一课 and 主题党日 (《中国共产党支部工作条例（试行）》 and local rules)
            Kind(Codes.BranchGeneralMeeting, "支部党员大会", Pillar.OrganisationSystem, ActivityUnit.Times, attendance: true, req: (RequirementPeriod.Quarter, 1, RequirementScope.Branches)),
            Kind(Codes.BranchCommitteeMeeting, "支部委员会会议", Pillar.OrganisationSystem, ActivityUnit.Times, attendance: true, req: (RequirementPeriod.Month, 1, RequirementScope.Branches)),
            Kind(Codes.PartyGroupMeeting, "党小组会", Pillar.OrganisationSystem, ActivityUnit.Times, attendance: true, req: (RequirementPeriod.Month, 1, RequirementScope.Branches)),
            Kind(Codes.PartyLecture, "党课", Pillar.OrganisationSystem, ActivityUnit.Times, attendance: true, req: (RequirementPeriod.Quarter, 1, RequirementScope.Branches)),
            Kind(Codes.ThemedPartyDay, "主题党日", Pillar.OrganisationSystem, ActivityUnit.Times, attendance: true, req: (RequirementPeriod.Month, 1, RequirementScope.Branches)),
            Kind(Codes.OrganisationalLifeMeeting, "组织生活会", Pillar.OrganisationSystem, ActivityUnit.Times, attendance: true, req: (RequirementPeriod.Year, 1, RequirementScope.Branches)),
        ];
        for (var i = 0; i < kinds.Count; i++)
        {
            kinds[i].SortOrder = (i + 1) * 10;
        }

        return kinds;
    }

    /// <summary>Adds every catalogue kind whose code the database does not have yet. Returns how many were added.</summary>
    public static async Task<int> EnsureSeededAsync(PortalDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var existing = await db.ActivityKinds.Select(k => k.Code).ToListAsync(ct);
        var missing = Kinds().Where(k => !existing.Contains(k.Code)).ToList();
        if (missing.Count > 0)
        {
            db.ActivityKinds.AddRange(missing);
            await db.SaveChangesAsync(ct);
        }

        return missing.Count;
    }

    private static ActivityKind Kind(
        string code, string name, Pillar pillar, ActivityUnit unit,
        bool attendance = false, bool restricted = false, bool training = false,
        (RequirementPeriod Period, int Minimum, RequirementScope Scope)? req = null) => new()
        {
            Code = code,
            Name = name,
            Pillar = pillar,
            Unit = unit,
            TakesAttendance = attendance,
            Restricted = restricted,
            IsTraining = training,
            RequirementPeriod = req?.Period ?? RequirementPeriod.None,
            RequirementMinimum = req?.Minimum ?? 0,
            RequirementScope = req?.Scope ?? RequirementScope.Branches,
        };
}
