using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class CoveringLedgerIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Activities_KindId_Date",
                table: "Activities");

            migrationBuilder.DropIndex(
                name: "IX_Activities_StudyTopicId",
                table: "Activities");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_Date_KindId_OrgUnitId_IsDeleted",
                table: "Activities",
                columns: new[] { "Date", "KindId", "OrgUnitId", "IsDeleted" });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_KindId_Date_IsDeleted_OrgUnitId_TrainingFor",
                table: "Activities",
                columns: new[] { "KindId", "Date", "IsDeleted", "OrgUnitId", "TrainingFor" });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_StudyTopicId_IsDeleted",
                table: "Activities",
                columns: new[] { "StudyTopicId", "IsDeleted" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Activities_Date_KindId_OrgUnitId_IsDeleted",
                table: "Activities");

            migrationBuilder.DropIndex(
                name: "IX_Activities_KindId_Date_IsDeleted_OrgUnitId_TrainingFor",
                table: "Activities");

            migrationBuilder.DropIndex(
                name: "IX_Activities_StudyTopicId_IsDeleted",
                table: "Activities");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_KindId_Date",
                table: "Activities",
                columns: new[] { "KindId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_StudyTopicId",
                table: "Activities",
                column: "StudyTopicId");
        }
    }
}
