using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ActivityKinds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Pillar = table.Column<int>(type: "INTEGER", nullable: false),
                    Unit = table.Column<int>(type: "INTEGER", nullable: false),
                    TakesAttendance = table.Column<bool>(type: "INTEGER", nullable: false),
                    Restricted = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsTraining = table.Column<bool>(type: "INTEGER", nullable: false),
                    RequirementPeriod = table.Column<int>(type: "INTEGER", nullable: false),
                    RequirementMinimum = table.Column<int>(type: "INTEGER", nullable: false),
                    RequirementScope = table.Column<int>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityKinds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    EntityType = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    EntityId = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    Before = table.Column<string>(type: "TEXT", nullable: true),
                    After = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BureauSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BureauName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CommitteeName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ProvinceName = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CityName = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DistrictName = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BureauSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Campaigns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Campaigns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OrgUnits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ParentId = table.Column<int>(type: "INTEGER", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Type = table.Column<int>(type: "INTEGER", nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    IsTemporary = table.Column<bool>(type: "INTEGER", nullable: false),
                    FoundedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CommitteeElectedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DepartmentName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrgUnits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrgUnits_OrgUnits_ParentId",
                        column: x => x.ParentId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OutsideOrganisations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutsideOrganisations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StarRubrics",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FiveStarMin = table.Column<double>(type: "REAL", nullable: false),
                    FourStarMin = table.Column<double>(type: "REAL", nullable: false),
                    ThreeStarMin = table.Column<double>(type: "REAL", nullable: false),
                    TwoStarMin = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StarRubrics", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StudyTopics",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Audience = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceCadreLevel = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StudyTopics", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DisciplineRecords",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Type = table.Column<int>(type: "INTEGER", nullable: false),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Form = table.Column<int>(type: "INTEGER", nullable: true),
                    PersonTimes = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisciplineRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DisciplineRecords_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Members",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Gender = table.Column<int>(type: "INTEGER", nullable: false),
                    BirthYear = table.Column<int>(type: "INTEGER", nullable: false),
                    CadreLevel = table.Column<int>(type: "INTEGER", nullable: false),
                    AdministrativePost = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    JoinedPartyOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Members", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Members_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StarRatings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Stars = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StarRatings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StarRatings_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Partnerships",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Type = table.Column<int>(type: "INTEGER", nullable: false),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    PartnerOrgUnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    PartnerOrganisationId = table.Column<int>(type: "INTEGER", nullable: true),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Partnerships", x => x.Id);
                    table.CheckConstraint("CK_Partnership_OnePartner", "(\"PartnerOrgUnitId\" IS NULL) <> (\"PartnerOrganisationId\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_Partnerships_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Partnerships_OrgUnits_PartnerOrgUnitId",
                        column: x => x.PartnerOrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Partnerships_OutsideOrganisations_PartnerOrganisationId",
                        column: x => x.PartnerOrganisationId,
                        principalTable: "OutsideOrganisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StarAssessments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RubricId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StarAssessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StarAssessments_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StarAssessments_StarRubrics_RubricId",
                        column: x => x.RubricId,
                        principalTable: "StarRubrics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StarCriteria",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RubricId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    MaxScore = table.Column<double>(type: "REAL", nullable: false),
                    Measure = table.Column<int>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StarCriteria", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StarCriteria_StarRubrics_RubricId",
                        column: x => x.RubricId,
                        principalTable: "StarRubrics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MemberAssignments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MemberAssignments_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MemberAssignments_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MemberPosts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Post = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberPosts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MemberPosts_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MemberPosts_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RegisterEntries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<int>(type: "INTEGER", nullable: true),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    HonourLevel = table.Column<int>(type: "INTEGER", nullable: true),
                    IsCollective = table.Column<bool>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegisterEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RegisterEntries_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RegisterEntries_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CriterionScores",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AssessmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    CriterionId = table.Column<int>(type: "INTEGER", nullable: false),
                    SelfScore = table.Column<double>(type: "REAL", nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ReviewedScore = table.Column<double>(type: "REAL", nullable: true),
                    AdjustmentReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CriterionScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CriterionScores_StarAssessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "StarAssessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CriterionScores_StarCriteria_CriterionId",
                        column: x => x.CriterionId,
                        principalTable: "StarCriteria",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Activities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    KindId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: true),
                    StudyTopicId = table.Column<int>(type: "INTEGER", nullable: true),
                    PresenterMemberId = table.Column<int>(type: "INTEGER", nullable: true),
                    PresenterName = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    SubjectMemberId = table.Column<int>(type: "INTEGER", nullable: true),
                    ContactPointId = table.Column<int>(type: "INTEGER", nullable: true),
                    OrganiserLevel = table.Column<int>(type: "INTEGER", nullable: true),
                    TrainingFor = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    IsDeleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    DeletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Activities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Activities_ActivityKinds_KindId",
                        column: x => x.KindId,
                        principalTable: "ActivityKinds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Activities_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Activities_Members_PresenterMemberId",
                        column: x => x.PresenterMemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Activities_Members_SubjectMemberId",
                        column: x => x.SubjectMemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Activities_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Activities_RegisterEntries_ContactPointId",
                        column: x => x.ContactPointId,
                        principalTable: "RegisterEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Activities_StudyTopics_StudyTopicId",
                        column: x => x.StudyTopicId,
                        principalTable: "StudyTopics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Attendance",
                columns: table => new
                {
                    ActivityId = table.Column<int>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    MadeUpOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    MakeUpNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Attendance", x => new { x.ActivityId, x.MemberId });
                    table.ForeignKey(
                        name: "FK_Attendance_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Attendance_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ClosedLoopItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    OwnerOrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    FoundOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ClosedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ClosingEvidence = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    SourceActivityId = table.Column<int>(type: "INTEGER", nullable: true),
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClosedLoopItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClosedLoopItems_Activities_SourceActivityId",
                        column: x => x.SourceActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ClosedLoopItems_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ClosedLoopItems_OrgUnits_OwnerOrgUnitId",
                        column: x => x.OwnerOrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ClosedLoopEvents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClosedLoopEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClosedLoopEvents_ClosedLoopItems_ItemId",
                        column: x => x.ItemId,
                        principalTable: "ClosedLoopItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RectificationMeasures",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    WrittenOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DoneOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RectificationMeasures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RectificationMeasures_ClosedLoopItems_ItemId",
                        column: x => x.ItemId,
                        principalTable: "ClosedLoopItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_CampaignId",
                table: "Activities",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_ContactPointId",
                table: "Activities",
                column: "ContactPointId");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_KindId_Date",
                table: "Activities",
                columns: new[] { "KindId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_OrgUnitId_Date",
                table: "Activities",
                columns: new[] { "OrgUnitId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_PresenterMemberId",
                table: "Activities",
                column: "PresenterMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_StudyTopicId",
                table: "Activities",
                column: "StudyTopicId");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_SubjectMemberId",
                table: "Activities",
                column: "SubjectMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_ActivityKinds_Code",
                table: "ActivityKinds",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Attendance_MemberId",
                table: "Attendance",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_At",
                table: "AuditEntries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_OrgUnitId_At",
                table: "AuditEntries",
                columns: new[] { "OrgUnitId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_UserName_At",
                table: "AuditEntries",
                columns: new[] { "UserName", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_Code",
                table: "Campaigns",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClosedLoopEvents_ItemId",
                table: "ClosedLoopEvents",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_ClosedLoopItems_CampaignId",
                table: "ClosedLoopItems",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_ClosedLoopItems_OwnerOrgUnitId",
                table: "ClosedLoopItems",
                column: "OwnerOrgUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ClosedLoopItems_Source_FoundOn",
                table: "ClosedLoopItems",
                columns: new[] { "Source", "FoundOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ClosedLoopItems_SourceActivityId",
                table: "ClosedLoopItems",
                column: "SourceActivityId");

            migrationBuilder.CreateIndex(
                name: "IX_CriterionScores_AssessmentId_CriterionId",
                table: "CriterionScores",
                columns: new[] { "AssessmentId", "CriterionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CriterionScores_CriterionId",
                table: "CriterionScores",
                column: "CriterionId");

            migrationBuilder.CreateIndex(
                name: "IX_DisciplineRecords_OrgUnitId",
                table: "DisciplineRecords",
                column: "OrgUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_DisciplineRecords_Type_Date",
                table: "DisciplineRecords",
                columns: new[] { "Type", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_MemberAssignments_MemberId",
                table: "MemberAssignments",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_MemberAssignments_OrgUnitId_From",
                table: "MemberAssignments",
                columns: new[] { "OrgUnitId", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_MemberPosts_MemberId",
                table: "MemberPosts",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_MemberPosts_OrgUnitId_Post",
                table: "MemberPosts",
                columns: new[] { "OrgUnitId", "Post" });

            migrationBuilder.CreateIndex(
                name: "IX_Members_OrgUnitId",
                table: "Members",
                column: "OrgUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_OrgUnits_ParentId",
                table: "OrgUnits",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_OrgUnits_Path",
                table: "OrgUnits",
                column: "Path");

            migrationBuilder.CreateIndex(
                name: "IX_OutsideOrganisations_Name",
                table: "OutsideOrganisations",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Partnerships_OrgUnitId",
                table: "Partnerships",
                column: "OrgUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Partnerships_PartnerOrganisationId",
                table: "Partnerships",
                column: "PartnerOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Partnerships_PartnerOrgUnitId",
                table: "Partnerships",
                column: "PartnerOrgUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Partnerships_Type_StartsOn",
                table: "Partnerships",
                columns: new[] { "Type", "StartsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_RectificationMeasures_ItemId",
                table: "RectificationMeasures",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_RegisterEntries_Kind_StartsOn",
                table: "RegisterEntries",
                columns: new[] { "Kind", "StartsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_RegisterEntries_MemberId",
                table: "RegisterEntries",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_RegisterEntries_OrgUnitId",
                table: "RegisterEntries",
                column: "OrgUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_StarAssessments_OrgUnitId",
                table: "StarAssessments",
                column: "OrgUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_StarAssessments_RubricId_OrgUnitId",
                table: "StarAssessments",
                columns: new[] { "RubricId", "OrgUnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StarCriteria_RubricId",
                table: "StarCriteria",
                column: "RubricId");

            migrationBuilder.CreateIndex(
                name: "IX_StarRatings_OrgUnitId",
                table: "StarRatings",
                column: "OrgUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_StarRatings_Year_OrgUnitId",
                table: "StarRatings",
                columns: new[] { "Year", "OrgUnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StarRubrics_Year",
                table: "StarRubrics",
                column: "Year",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StudyTopics_DueOn",
                table: "StudyTopics",
                column: "DueOn");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Attendance");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "BureauSettings");

            migrationBuilder.DropTable(
                name: "ClosedLoopEvents");

            migrationBuilder.DropTable(
                name: "CriterionScores");

            migrationBuilder.DropTable(
                name: "DisciplineRecords");

            migrationBuilder.DropTable(
                name: "MemberAssignments");

            migrationBuilder.DropTable(
                name: "MemberPosts");

            migrationBuilder.DropTable(
                name: "Partnerships");

            migrationBuilder.DropTable(
                name: "RectificationMeasures");

            migrationBuilder.DropTable(
                name: "StarRatings");

            migrationBuilder.DropTable(
                name: "StarAssessments");

            migrationBuilder.DropTable(
                name: "StarCriteria");

            migrationBuilder.DropTable(
                name: "OutsideOrganisations");

            migrationBuilder.DropTable(
                name: "ClosedLoopItems");

            migrationBuilder.DropTable(
                name: "StarRubrics");

            migrationBuilder.DropTable(
                name: "Activities");

            migrationBuilder.DropTable(
                name: "ActivityKinds");

            migrationBuilder.DropTable(
                name: "Campaigns");

            migrationBuilder.DropTable(
                name: "RegisterEntries");

            migrationBuilder.DropTable(
                name: "StudyTopics");

            migrationBuilder.DropTable(
                name: "Members");

            migrationBuilder.DropTable(
                name: "OrgUnits");
        }
    }
}
