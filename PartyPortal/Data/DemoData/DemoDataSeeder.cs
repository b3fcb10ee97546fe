using Microsoft.EntityFrameworkCore;
using PartyPortal.Model;

namespace PartyPortal.Data.DemoData;

/// <summary>
/// Reads, through the seeder's context and in its transaction, every branch's rate of the year for a measured
/// star-rating item (null: nothing to count). The live figures implement it (Live sits above Data).
/// </summary>
public delegate Task<Func<int, CriterionMeasure, double?>> DemoLedgerRates(PortalDbContext db, int year, DateOnly today, CancellationToken ct);

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
    public static Task<bool> SeedIfEmptyAsync(PortalDbContext db, int seed, DateOnly today, DemoScale scale, CancellationToken ct = default) =>
        SeedIfEmptyAsync(db, seed, today, scale, null, ct);

    /// <inheritdoc cref="SeedIfEmptyAsync(PortalDbContext, int, DateOnly, CancellationToken)"/>
    /// <param name="rates">The ledger's rates the star-rating assessments are proposed from, read after the ledger is
    /// written; without it the demo's assessments have no proposals (every measured item scored by hand).</param>
    public static async Task<bool> SeedIfEmptyAsync(PortalDbContext db, int seed, DateOnly today, DemoScale scale, DemoLedgerRates? rates, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.OrgUnits.AnyAsync(ct) || await db.Members.AnyAsync(ct))
        {
            return false;
        }

        var kindIds = await db.ActivityKinds.ToDictionaryAsync(k => k.Code, k => k.Id, ct);
        var generator = DemoDataGenerator.Begin(seed, today, kindIds, DemoScaleProfile.For(scale));
        var set = generator.Set;

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

        // The star-rating cycle comes last: its assessments' proposals are the ledger's, read from the rows above.
        var proposals = new Dictionary<int, Func<int, CriterionMeasure, double?>>();
        foreach (var year in rates is null ? [] : generator.StarYears)
        {
            proposals[year] = await rates!(db, year, today, ct);
        }

        generator.BuildStarRatings(proposals);
        await BulkInsert.InsertAsync(db, set.Rubrics, ct);
        await BulkInsert.InsertAsync(db, set.Criteria, ct);
        await BulkInsert.InsertAsync(db, set.Vetoes, ct);
        await BulkInsert.InsertAsync(db, set.Assessments, ct);
        await BulkInsert.InsertAsync(db, set.CriterionScores, ct);
        await BulkInsert.InsertAsync(db, set.ScoreEvidence, ct);
        await BulkInsert.InsertAsync(db, set.Decisions, ct);
        await BulkInsert.InsertAsync(db, set.Objections, ct);
        await BulkInsert.InsertAsync(db, set.Ratings, ct);
        await BulkInsert.InsertAsync(db, set.RatingChanges, ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
