using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Features.Activities;

/// <summary>
/// The branch histories of every member under some units, read in one query: the roll of any of those units on
/// any day, answered from memory. A batch (an import) checks thousands of attendance lists; one query each would
/// be most of its time. Same rule as <see cref="ActivityService.RollQuery"/>: a branch's own members, or every
/// branch's under a committee.
/// </summary>
internal sealed class RollBook
{
    private readonly ILookup<int, Stint> byUnit;
    private readonly Dictionary<int, string> paths;

    private RollBook(IEnumerable<Stint> stints, Dictionary<int, string> paths)
    {
        byUnit = stints.ToLookup(s => s.OrgUnitId);
        this.paths = paths;
    }

    private sealed record Stint(int MemberId, string Name, int OrgUnitId, DateOnly From, DateOnly? To);

    public static async Task<RollBook> LoadAsync(PortalDbContext db, IReadOnlyCollection<OrgUnit> units, CancellationToken ct)
    {
        var paths = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Path, ct);
        var scopes = units.Select(u => u.Path).Distinct().ToList();
        var under = paths.Where(p => scopes.Exists(s => OrgPath.IsWithin(p.Value, s))).Select(p => p.Key).ToList();
        var stints = await db.MemberAssignments.AsNoTracking()
            .Where(a => under.Contains(a.OrgUnitId))
            .Select(a => new Stint(a.MemberId, a.Member!.Name, a.OrgUnitId, a.From, a.To))
            .ToListAsync(ct);
        return new RollBook(stints, paths);
    }

    /// <summary>The members of the unit on the day, by id, with their names.</summary>
    public IReadOnlyDictionary<int, string> On(OrgUnit unit, DateOnly day)
    {
        var units = unit.IsBranch ? [unit.Id] : paths.Where(p => OrgPath.IsWithin(p.Value, unit.Path)).Select(p => p.Key);
        var roll = new Dictionary<int, string>();
        foreach (var stint in units.SelectMany(u => byUnit[u]).Where(s => s.From <= day && (s.To is null || s.To >= day)))
        {
            roll.TryAdd(stint.MemberId, stint.Name);
        }

        return roll;
    }
}
