using System.Globalization;
using PartyPortal.Model;

namespace PartyPortal.Features.Dashboards;

/// <summary>The dashboard's addresses: a scope, a period and the metric in focus, so every view can be bookmarked.</summary>
public static class DashboardLinks
{
    public static string For(int scope, Period? period, string? metric)
    {
        var query = new List<string> { "scope=" + scope.ToString(CultureInfo.InvariantCulture) };
        if (period is { } p)
        {
            query.Add("period=" + p);
        }

        if (!string.IsNullOrEmpty(metric))
        {
            query.Add("metric=" + Uri.EscapeDataString(metric));
        }

        return "/dashboard?" + string.Join('&', query);
    }
}
