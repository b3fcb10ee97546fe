using System.Globalization;

namespace PartyPortal.Model;

/// <summary>A day as the audit trail, exports and messages write it: yyyy-MM-dd whatever the culture.</summary>
public static class IsoDate
{
    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
