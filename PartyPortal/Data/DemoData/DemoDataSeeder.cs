using Microsoft.EntityFrameworkCore;

namespace PartyPortal.Data.DemoData;

/// <summary>Writes a generated <see cref="DemoSet"/> into an empty bureau, all or nothing.</summary>
public static class DemoDataSeeder
{
    /// <summary>
    /// Seeds the demo bureau when the database has no organisation yet; returns false (and adds nothing)
    /// otherwise, so a second start is a no-op.
    /// </summary>
    public static Task<bool> SeedIfEmptyAsync(PortalDbContext db, int seed, DateOnly today, CancellationToken ct = default) =>
        SeedIfEmptyAsync(db, seed, today, DemoScale.Municipal, ct);

    /// <inheritdoc cref="SeedIfEmptyAsync(PortalDbContext, int, DateOnly, CancellationToken)"/>
    public static async Task<bool> SeedIfEmptyAsync(PortalDbContext db, int seed, DateOnly today, DemoScale scale, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.OrgUnits.AnyAsync(ct) || await db.Members.AnyAsync(ct))
        {
            return false;
        }

        var kindIds = await db.ActivityKinds.ToDictionaryAsync(k => k.Code, k => k.Id, ct);
        var set = DemoDataGenerator.Generate(seed, today, kindIds, scale);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var settings = await db.BureauSettings.SingleOrDefaultAsync(ct);
        if (settings is null)
        {
            db.BureauSettings.Add(set.Settings);
        }
        else
        {
            settings.BureauName = set.Settings.BureauName;
            settings.CommitteeName = set.Settings.CommitteeName;
            settings.ProvinceName = set.Settings.ProvinceName;
            settings.CityName = set.Settings.CityName;
            settings.DistrictName = set.Settings.DistrictName;
        }

        await db.SaveChangesAsync(ct);

        // Parents before children: foreign keys are checked row by row.
        await BulkInsert.InsertAsync(db, set.OrgUnits, ct);
        await BulkInsert.InsertAsync(db, set.Members, ct);
        await BulkInsert.InsertAsync(db, set.Assignments, ct);
        await BulkInsert.InsertAsync(db, set.Posts, ct);
        await BulkInsert.InsertAsync(db, set.Campaigns, ct);
        await BulkInsert.InsertAsync(db, set.StudyTopics, ct);
        await BulkInsert.InsertAsync(db, set.Registers, ct);
        await BulkInsert.InsertAsync(db, set.OutsideOrganisations, ct);
        await BulkInsert.InsertAsync(db, set.Partnerships, ct);
        await BulkInsert.InsertAsync(db, set.Activities, ct);
        await BulkInsert.InsertAsync(db, set.Attendance, ct);
        await BulkInsert.InsertAsync(db, set.ClosedLoopItems, ct);
        await BulkInsert.InsertAsync(db, set.Measures, ct);
        await BulkInsert.InsertAsync(db, set.ClosedLoopEvents, ct);
        await BulkInsert.InsertAsync(db, set.DisciplineRecords, ct);
        await BulkInsert.InsertAsync(db, set.Rubrics, ct);
        await BulkInsert.InsertAsync(db, set.Criteria, ct);
        await BulkInsert.InsertAsync(db, set.Assessments, ct);
        await BulkInsert.InsertAsync(db, set.CriterionScores, ct);
        await BulkInsert.InsertAsync(db, set.Ratings, ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
