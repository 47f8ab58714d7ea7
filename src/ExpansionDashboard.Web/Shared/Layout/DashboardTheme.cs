using MudBlazor;

namespace ExpansionDashboard.Web.Shared.Layout;

/// <summary>The app's palette and type. Roboto is self-hosted (wwwroot/lib/roboto); no font CDN.</summary>
public static class DashboardTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            Secondary = "#00897b",
            AppbarBackground = "#1a237e",
            Success = "#2e7d32",
            Warning = "#ed8c00",
            Error = "#c62828",
            Background = "#f5f6fa",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7986cb",
            Secondary = "#4db6ac",
            Success = "#66bb6a",
            Warning = "#ffb74d",
            Error = "#ef5350",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Roboto", "Segoe UI", "system-ui", "sans-serif"] },
        },
    };
}
