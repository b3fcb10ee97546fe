using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class StarRatingCycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing schemes and items get the defaults a new one gets: 10 % growth, 5 days' notice, basic items
            // proposing nothing below 60 % and everything from 100 %.
            migrationBuilder.AddColumn<bool>(
                name: "CountyPreReview",
                table: "StarRubrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "FiveStarCapPercent",
                table: "StarRubrics",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FiveStarGrowthPercent",
                table: "StarRubrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 10);

            migrationBuilder.AddColumn<int>(
                name: "NoticeDays",
                table: "StarRubrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.AddColumn<Guid>(
                name: "Version",
                table: "StarRubrics",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<double>(
                name: "FullAtPercent",
                table: "StarCriteria",
                type: "REAL",
                nullable: false,
                defaultValue: 100.0);

            migrationBuilder.AddColumn<string>(
                name: "Group",
                table: "StarCriteria",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Kind",
                table: "StarCriteria",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<double>(
                name: "ZeroBelowPercent",
                table: "StarCriteria",
                type: "REAL",
                nullable: false,
                defaultValue: 60.0);

            migrationBuilder.AddColumn<string>(
                name: "FinalReason",
                table: "StarAssessments",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "FinalScore",
                table: "StarAssessments",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FinalStars",
                table: "StarAssessments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnReason",
                table: "StarAssessments",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "ProposedScore",
                table: "CriterionScores",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SelfNote",
                table: "CriterionScores",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "StarDecisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RubricId = table.Column<int>(type: "INTEGER", nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Quota = table.Column<int>(type: "INTEGER", nullable: true),
                    NoticeUntil = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StarDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StarDecisions_StarRubrics_RubricId",
                        column: x => x.RubricId,
                        principalTable: "StarRubrics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StarRatingChanges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StarRatingId = table.Column<int>(type: "INTEGER", nullable: false),
                    ChangedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FromStars = table.Column<int>(type: "INTEGER", nullable: false),
                    ToStars = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StarRatingChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StarRatingChanges_StarRatings_StarRatingId",
                        column: x => x.StarRatingId,
                        principalTable: "StarRatings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StarVetoes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RubricId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    OverdueDays = table.Column<int>(type: "INTEGER", nullable: true),
                    MaxStars = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StarVetoes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StarVetoes_StarRubrics_RubricId",
                        column: x => x.RubricId,
                        principalTable: "StarRubrics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StarObjections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DecisionId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Handling = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    HandledOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StarObjections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StarObjections_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StarObjections_StarDecisions_DecisionId",
                        column: x => x.DecisionId,
                        principalTable: "StarDecisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StarDecisions_RubricId",
                table: "StarDecisions",
                column: "RubricId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StarObjections_DecisionId",
                table: "StarObjections",
                column: "DecisionId");

            migrationBuilder.CreateIndex(
                name: "IX_StarObjections_OrgUnitId",
                table: "StarObjections",
                column: "OrgUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_StarRatingChanges_StarRatingId",
                table: "StarRatingChanges",
                column: "StarRatingId");

            migrationBuilder.CreateIndex(
                name: "IX_StarVetoes_RubricId_Kind",
                table: "StarVetoes",
                columns: new[] { "RubricId", "Kind" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StarObjections");

            migrationBuilder.DropTable(
                name: "StarRatingChanges");

            migrationBuilder.DropTable(
                name: "StarVetoes");

            migrationBuilder.DropTable(
                name: "StarDecisions");

            migrationBuilder.DropColumn(
                name: "CountyPreReview",
                table: "StarRubrics");

            migrationBuilder.DropColumn(
                name: "FiveStarCapPercent",
                table: "StarRubrics");

            migrationBuilder.DropColumn(
                name: "FiveStarGrowthPercent",
                table: "StarRubrics");

            migrationBuilder.DropColumn(
                name: "NoticeDays",
                table: "StarRubrics");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "StarRubrics");

            migrationBuilder.DropColumn(
                name: "FullAtPercent",
                table: "StarCriteria");

            migrationBuilder.DropColumn(
                name: "Group",
                table: "StarCriteria");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "StarCriteria");

            migrationBuilder.DropColumn(
                name: "ZeroBelowPercent",
                table: "StarCriteria");

            migrationBuilder.DropColumn(
                name: "FinalReason",
                table: "StarAssessments");

            migrationBuilder.DropColumn(
                name: "FinalScore",
                table: "StarAssessments");

            migrationBuilder.DropColumn(
                name: "FinalStars",
                table: "StarAssessments");

            migrationBuilder.DropColumn(
                name: "ReturnReason",
                table: "StarAssessments");

            migrationBuilder.DropColumn(
                name: "ProposedScore",
                table: "CriterionScores");

            migrationBuilder.DropColumn(
                name: "SelfNote",
                table: "CriterionScores");
        }
    }
}
