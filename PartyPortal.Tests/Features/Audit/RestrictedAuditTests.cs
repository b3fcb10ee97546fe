using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Features.Activities;
using PartyPortal.Features.Audit;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Audit;

/// <summary>Restricted (纪检) records in the audit trail: who, when and which record, never their content, and only for Discipline.</summary>
public sealed class RestrictedAuditTests : ServiceTestContext
{
    private const string Title = "协助审查某案线索";
    private const string Notes = "涉及某科长收受礼品";
    private ActivityService activities = null!;
    private AuditService trail = null!;
    private int branch;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        activities = new ActivityService(Database, Guard, Audit, Clock, Bus);
        trail = new AuditService(Database, Guard, Clock);
        await using var db = Database.CreateDbContext();
        await ActivityKindCatalogue.EnsureSeededAsync(db, Ct);
        var root = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
        branch = (await TestTree.AddUnitAsync(db, "甲支部", OrgUnitType.Branch, root)).Id;
    }

    private ActivityInput Restricted(string title = Title) => new()
    {
        KindCode = ActivityKindCatalogue.Codes.AssistHigherReview, OrgUnitId = branch, Date = new DateOnly(2024, 5, 2), Title = title, Notes = Notes,
    };

    [Fact]
    public async Task ARestrictedActivitysEntriesHoldNoContent()
    {
        var created = await activities.RecordAsync(TestUsers.Discipline, Restricted(), Ct);
        var updated = await activities.UpdateAsync(TestUsers.Discipline, created.Id!.Value, Restricted("改后的标题"), created.Version!.Value, Ct);
        await activities.DeleteAsync(TestUsers.Discipline, created.Id.Value, ct: Ct);

        Assert.True(updated.Succeeded);
        await using var db = Database.CreateDbContext();
        var entries = await db.AuditEntries.Where(e => e.EntityType == nameof(Activity)).OrderBy(e => e.Id).ToListAsync(Ct);
        Assert.Equal([AuditActions.Create, AuditActions.Update, AuditActions.Delete], entries.Select(e => e.Action));
        Assert.All(entries, e =>
        {
            Assert.True(e.Restricted);
            Assert.Equal(("discipline", created.Id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), (int?)branch), (e.UserName, e.EntityId, e.OrgUnitId));
            Assert.Null(e.Before);
            Assert.Null(e.After);
        });
    }

    [Fact]
    public async Task PartyOfficeDoesNotReadThemAndDisciplineReadsOnlyThem()
    {
        await activities.RecordAsync(TestUsers.Discipline, Restricted(), Ct);
        await activities.RecordAsync(TestUsers.PartyOffice, new ActivityInput
        {
            KindCode = ActivityKindCatalogue.Codes.BranchCommitteeMeeting, OrgUnitId = branch, Date = new DateOnly(2024, 5, 3), Title = "支委会",
        }, Ct);

        var office = await trail.SearchAsync(TestUsers.PartyOffice, new AuditQuery { EntityType = nameof(Activity) }, Ct);
        var discipline = await trail.SearchAsync(TestUsers.Discipline, new AuditQuery(), Ct);
        var officeOptions = await trail.GetFilterOptionsAsync(TestUsers.PartyOffice, Ct);

        Assert.Equal(["admin"], office.Rows.Select(r => r.UserName));
        Assert.Equal(["discipline"], discipline.Rows.Select(r => r.UserName));
        Assert.DoesNotContain(Title, string.Join(" ", office.Rows.Concat(discipline.Rows).Select(r => r.Before + r.After)), StringComparison.Ordinal);
        Assert.Contains(nameof(Activity), officeOptions.EntityTypes);
        await Assert.ThrowsAsync<AccessDeniedException>(() => trail.SearchAsync(TestUsers.Leader, new AuditQuery(), Ct));
    }

    /// <summary>A database written before the mend: its restricted entries are stripped when it is migrated.</summary>
    [Fact]
    public async Task EntriesWrittenBeforeTheMendAreStrippedByTheMigration()
    {
        var folder = Path.Combine(Path.GetTempPath(), "partyportal-tests");
        var path = Path.Combine(folder, $"{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDatabase.Configure(options, $"Data Source={path};Pooling=False");
        try
        {
            await using var db = new PortalDbContext(options.Options);
            var migrator = db.GetService<IMigrator>();
            var all = db.Database.GetMigrations().ToList();
            await migrator.MigrateAsync(all[all.FindIndex(m => m.EndsWith("_RestrictedAudit", StringComparison.Ordinal)) - 1], Ct);
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO OrgUnits (Id, Name, Type, Path, SortOrder, IsTemporary) VALUES (1, '甲支部', 4, '/1/', 0, 0);
                INSERT INTO ActivityKinds (Id, Code, Name, Pillar, Unit, TakesAttendance, Restricted, IsActive, SortOrder, IsTraining,
                        RequirementPeriod, RequirementMinimum, RequirementScope)
                    VALUES (1, 'secret', '协助审查', 3, 1, 0, 1, 1, 0, 0, 0, 0, 0), (2, 'open', '支委会', 6, 1, 1, 0, 1, 0, 0, 0, 0, 0);
                """, Ct);
            await InsertEntryAsync(db, "discipline", "Activity", "7", $"{{\"title\":\"{Title}\"}}");
            await InsertEntryAsync(db, "admin", "Activity", "8", "{\"title\":\"支委会\"}");
            await InsertEntryAsync(db, "discipline", "Attendance", "7/3", $"{{\"note\":\"{Notes}\"}}");
            await InsertActivityAsync(db, 7, 1);
            await InsertActivityAsync(db, 8, 2);

            await migrator.MigrateAsync(cancellationToken: Ct);

            var rows = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).Select(e => new { e.EntityId, e.Restricted, e.After }).ToListAsync(Ct);
            Assert.Equal([("7", true, (string?)null), ("8", false, "{\"title\":\"支委会\"}"), ("7/3", true, null)], rows.Select(r => (r.EntityId, r.Restricted, r.After)));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }
    }

    private static Task<int> InsertEntryAsync(PortalDbContext db, string user, string type, string id, string after) =>
        db.Database.ExecuteSqlAsync(
            $"INSERT INTO AuditEntries (At, UserName, Action, EntityType, EntityId, OrgUnitId, Before, After) VALUES ('2024-05-02 00:00:00+00:00', {user}, 'create', {type}, {id}, 1, NULL, {after})",
            Ct);

    private static Task<int> InsertActivityAsync(PortalDbContext db, int id, int kind) =>
        db.Database.ExecuteSqlAsync(
            $"INSERT INTO Activities (Id, KindId, OrgUnitId, Date, Title, Quantity, RecordedBy, RecordedAt, IsDeleted, Version, TrainingFor) VALUES ({id}, {kind}, 1, '2024-05-02', 't', 1, 'x', '2024-05-02 00:00:00+00:00', 0, {Guid.NewGuid().ToString()}, 0)",
            Ct);
}
