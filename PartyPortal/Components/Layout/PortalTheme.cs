using MudBlazor;

namespace PartyPortal.Components.Layout;

/// <summary>
/// Party red and gold, and fonts that render Chinese well on the bureau's machines. Every colour that MudBlazor
/// writes text in (or writes white text on) reaches WCAG AA's 4.5:1 on white and on the page background #F7F4F0:
/// MudBlazor's own defaults (#F44336, #FF9800, #4CAF50, the bright gold) do not, and axe-core counted hundreds.
/// </summary>
public static class PortalTheme
{
    public static MudTheme Light { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#B71C1C",
            // A deep gold: as text on white 5.6:1, as a fill under white text the same (the bright #C9A227 gave 2.4:1).
            Secondary = "#806500",
            Tertiary = "#6D4C41",
            Info = "#1565C0",
            Success = "#2E7D32",
            Warning = "#A84300",
            Error = "#C62828",
            AppbarBackground = "#B71C1C",
            Background = "#F7F4F0",
            DrawerBackground = "#FFFFFF",
            TextPrimary = "#2B2B2B",
            // MudBlazor's rgba(0,0,0,.54) is 4.4:1 on the page background: labels, hints and secondary text.
            TextSecondary = "#5F5F5F",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "sans-serif"],
            },
        },
    };
}
