namespace ExpansionDashboard.Web.Shared.Layout;

public sealed partial class MainLayout
{
    private MudThemeProvider? _themeProvider;
    private Microsoft.AspNetCore.Components.Web.ErrorBoundary? _boundary;
    private bool _drawerOpen = true;
    private bool _isDarkMode;

    // Set after the first interactive render: browser tests wait for it before clicking.
    private bool _interactive;

    // Navigating to another page clears a failed page's message.
    protected override void OnParametersSet() => _boundary?.Recover();

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
