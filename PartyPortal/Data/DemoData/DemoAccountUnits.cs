using PartyPortal.Model;

namespace PartyPortal.Data.DemoData;

/// <summary>
/// The units the demo accounts work in, found one way for the accounts and for the generator that readies their data
/// (secretary2's branch is left mid-assessment for a newcomer to take through the cycle).
/// </summary>
public static class DemoAccountUnits
{
    /// <param name="units">The bureau's units in chart order (<see cref="OrgUnit.SortOrder"/>).</param>
    /// <param name="districtName">The settings' district: the county committee named for it is county1's.</param>
    public static (OrgUnit? Organs, OrgUnit? County, OrgUnit? OrganBranch, OrgUnit? CountyBranch) Find(IReadOnlyList<OrgUnit> units, string? districtName)
    {
        ArgumentNullException.ThrowIfNull(units);
        var organs = units.FirstOrDefault(u => u.Type == OrgUnitType.OrgansCommittee);
        var county = units.FirstOrDefault(u => u.Type == OrgUnitType.CountyCommittee
                && !string.IsNullOrEmpty(districtName) && u.Name.Contains(districtName, StringComparison.Ordinal))
            ?? units.FirstOrDefault(u => u.Type == OrgUnitType.CountyCommittee);
        var organBranch = organs is null ? null : units.FirstOrDefault(u => u.IsBranch && !u.IsTemporary && OrgPath.IsWithin(u.Path, organs.Path));
        var countyBranch = county is null ? null : units.FirstOrDefault(u => u.IsBranch && !u.IsTemporary && OrgPath.IsWithin(u.Path, county.Path));
        return (organs, county, organBranch, countyBranch);
    }
}
