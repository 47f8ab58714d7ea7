using MudBlazor;

namespace ExpansionDashboard.Web.Components.Layout;

public sealed partial class MainLayout
{
    private MudThemeProvider? _themeProvider;
    private bool _drawerOpen = true;
    private bool _isDarkMode;

    // Set after the first interactive render: browser tests wait for it before clicking.
    private bool _interactive;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            if (_themeProvider is not null)
            {
                _isDarkMode = await _themeProvider.GetSystemDarkModeAsync();
            }

            _interactive = true;
            StateHasChanged();
        }
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private void ToggleTheme() => _isDarkMode = !_isDarkMode;
}
