using MudBlazor;

namespace PartyPortal.Components.Layout;

/// <summary>Party red and gold, and fonts that render Chinese well on the bureau's machines.</summary>
public static class PortalTheme
{
    public static MudTheme Light { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#B71C1C",
            Secondary = "#C9A227",
            Tertiary = "#8D6E63",
            AppbarBackground = "#B71C1C",
            Background = "#F7F4F0",
            DrawerBackground = "#FFFFFF",
            TextPrimary = "#2B2B2B",
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
