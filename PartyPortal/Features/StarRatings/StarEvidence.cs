using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Features.StarRatings;

/// <summary>A ledger record a branch may link as evidence for an item: its own activity or register entry of the year.</summary>
public sealed record StarEvidenceOption(EvidenceSource Source, int Id, DateOnly Date, string Label)
{
    public StarEvidenceRef Ref => new(Source, Id);
}

/// <summary>A linked record as the page sends it.</summary>
public sealed record StarEvidenceRef(EvidenceSource Source, int Id);

/// <summary>
/// Which records a branch may offer as evidence for its year's assessment, and where a linked one is read. Only the
/// branch's own records of the assessed year count, and no restricted (discipline) record: the reviewer opens what the
/// secretary links, and the secretary could not have seen a restricted one.
/// </summary>
public static class StarEvidence
{
    public const int MaxPerItem = 20;

    public static async Task<IReadOnlyList<StarEvidenceOption>> OptionsAsync(PortalDbContext db, int branchId, int year, CancellationToken ct)
    {
        var period = Period.OfYear(year);
        var activities = await db.Activities.AsNoTracking()
            .Where(a => a.OrgUnitId == branchId && a.Date >= period.Start && a.Date <= period.End && !a.Kind!.Restricted)
            .OrderByDescending(a => a.Date).ThenByDescending(a => a.Id)
            .Select(a => new { a.Id, a.Date, Kind = a.Kind!.Name, a.Title })
            .ToListAsync(ct);
        var entries = await db.RegisterEntries.AsNoTracking()
            .Where(e => e.OrgUnitId == branchId && e.StartsOn <= period.End && (e.EndsOn == null || e.EndsOn >= period.Start))
            .OrderByDescending(e => e.StartsOn).ThenBy(e => e.Id)
            .Select(e => new { e.Id, e.Kind, e.Name, e.StartsOn })
            .ToListAsync(ct);
        return
        [
            .. activities.Select(a => new StarEvidenceOption(EvidenceSource.Activity, a.Id, a.Date, ActivityLabel(a.Date, a.Kind, a.Title))),
            .. entries.Select(e => new StarEvidenceOption(EvidenceSource.Register, e.Id, e.StartsOn, $"{e.Kind.Display()}：{e.Name}（{Day(e.StartsOn)}起）")),
        ];
    }

    /// <summary>Where a linked record is read: the activity's own page, or the registers (which list entries by kind).</summary>
    public static string? Href(EvidenceSource source, int? id) => (source, id) switch
    {
        (_, null) => null,
        (EvidenceSource.Activity, { } activity) => $"/activities/{activity.ToString(CultureInfo.InvariantCulture)}",
        _ => "/registers",
    };

    /// <summary>How a linked activity reads wherever it is linked (the page, the demo): its day, kind and title.</summary>
    public static string ActivityLabel(DateOnly date, string kind, string title) => $"{Day(date)} {kind}：{title}";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
