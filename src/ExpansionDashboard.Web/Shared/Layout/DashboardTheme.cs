namespace ExpansionDashboard.Web.Shared.Layout;

/// <summary>The app's palette and type. Roboto is self-hosted (wwwroot/lib/roboto); no font CDN.</summary>
public static class DashboardTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = DashboardPalette.Primary,
            Secondary = DashboardPalette.Secondary,
            AppbarBackground = DashboardPalette.AppBar,
            Success = DashboardPalette.Good,
            Warning = DashboardPalette.Watch,
            Error = DashboardPalette.Alert,
            Background = DashboardPalette.Background,
        },
        PaletteDark = new PaletteDark
        {
            Primary = DashboardPalette.DarkPrimary,
            Secondary = DashboardPalette.DarkSecondary,
            Success = DashboardPalette.DarkGood,
            Warning = DashboardPalette.DarkWatch,
            Error = DashboardPalette.DarkAlert,
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Roboto", "Segoe UI", "system-ui", "sans-serif"] },
        },
    };
}
