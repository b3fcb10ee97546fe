using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class StarEvidenceLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ScoreEvidence",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CriterionScoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    ActivityId = table.Column<int>(type: "INTEGER", nullable: true),
                    RegisterEntryId = table.Column<int>(type: "INTEGER", nullable: true),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoreEvidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScoreEvidence_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ScoreEvidence_CriterionScores_CriterionScoreId",
                        column: x => x.CriterionScoreId,
                        principalTable: "CriterionScores",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ScoreEvidence_RegisterEntries_RegisterEntryId",
                        column: x => x.RegisterEntryId,
                        principalTable: "RegisterEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ScoreEvidence_ActivityId",
                table: "ScoreEvidence",
                column: "ActivityId");

            migrationBuilder.CreateIndex(
                name: "IX_ScoreEvidence_CriterionScoreId",
                table: "ScoreEvidence",
                column: "CriterionScoreId");

            migrationBuilder.CreateIndex(
                name: "IX_ScoreEvidence_RegisterEntryId",
                table: "ScoreEvidence",
                column: "RegisterEntryId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ScoreEvidence");
        }
    }
}
