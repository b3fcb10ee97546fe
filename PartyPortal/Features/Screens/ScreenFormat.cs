using System.Globalization;

namespace PartyPortal.Features.Screens;

/// <summary>How a screen writes numbers: zh-CN for people, invariant round-trip in data-value for machines (as StatTile).</summary>
public static class ScreenFormat
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    public static string Machine(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    public static string Count(double? value) => value is { } v ? v.ToString("N0", Zh) : "—";

    public static string Percent(double? fraction) => fraction is { } f ? (f * 100).ToString("0.0", Zh) + "%" : "—";

    /// <summary>A bar's width in percent of the widest, for an inline style.</summary>
    public static string Width(double? value, double max) =>
        (max <= 0 || value is not { } v ? 0 : Math.Clamp(v / max * 100, 0, 100)).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
