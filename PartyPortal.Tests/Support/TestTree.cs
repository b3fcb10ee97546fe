using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Tests.Support;

/// <summary>Builds org units by hand for tests, with their materialised paths, as the organisation pages will.</summary>
public static class TestTree
{
    public static async Task<OrgUnit> AddUnitAsync(PortalDbContext db, string name, OrgUnitType type, OrgUnit? parent, int sortOrder = 0,
        Action<OrgUnit>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var unit = new OrgUnit { Name = name, Type = type, ParentId = parent?.Id, SortOrder = sortOrder };
        configure?.Invoke(unit);
        db.OrgUnits.Add(unit);
        await db.SaveChangesAsync();
        unit.Path = OrgPath.Of(parent?.Path, unit.Id);
        await db.SaveChangesAsync();
        return unit;
    }
}
