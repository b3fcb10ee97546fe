using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class RestrictedAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Restricted",
                table: "AuditEntries",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Entries written before this migration about restricted records: marked, and for restricted activities
            // (and their make-up study) stripped of the content they should never have held. The one edit of the
            // trail ever made, and it removes rather than alters what it says.
            migrationBuilder.Sql("""
                UPDATE AuditEntries SET Restricted = 1 WHERE EntityType = 'DisciplineRecord';
                UPDATE AuditEntries SET Restricted = 1, Before = NULL, After = NULL
                WHERE (EntityType = 'Activity' AND EntityId IN (
                        SELECT CAST(a.Id AS TEXT) FROM Activities a JOIN ActivityKinds k ON k.Id = a.KindId WHERE k.Restricted = 1))
                   OR (EntityType = 'Attendance' AND substr(EntityId, 1, instr(EntityId, '/') - 1) IN (
                        SELECT CAST(a.Id AS TEXT) FROM Activities a JOIN ActivityKinds k ON k.Id = a.KindId WHERE k.Restricted = 1));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Restricted",
                table: "AuditEntries");
        }
    }
}
