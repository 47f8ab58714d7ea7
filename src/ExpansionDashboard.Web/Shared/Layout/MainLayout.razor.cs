namespace ExpansionDashboard.Web.Shared.Layout;

public sealed partial class MainLayout : IAsyncDisposable
{
    internal const string ModulePath = "./Shared/Layout/MainLayout.razor.js";
    private IJSObjectReference? _module;
    private DotNetObjectReference<MainLayout>? _self;
    private MudThemeProvider? _themeProvider;
    private Microsoft.AspNetCore.Components.Web.ErrorBoundary? _boundary;
    private bool _drawerOpen = true;
    private bool _isDarkMode;

    // Set after the first interactive render: browser tests wait for it before clicking.
    private bool _interactive;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    /// <summary>The theme from the user's cookie (see <see cref="ThemeCookie"/>), so the prerendered page already wears it.</summary>
    [CascadingParameter(Name = "InitialDarkMode")]
    public bool? InitialDarkMode { get; set; }

    protected override void OnInitialized() => _isDarkMode = InitialDarkMode ?? false;

    // Navigating to another page clears a failed page's message.
    protected override void OnParametersSet() => _boundary?.Recover();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            // Without a stored choice the system setting decides, as before.
            if (InitialDarkMode is null && _themeProvider is not null)
            {
                _isDarkMode = await _themeProvider.GetSystemDarkModeAsync();
            }

            try
            {
                _module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
                _self = DotNetObjectReference.Create(this);
                await _module.InvokeVoidAsync("follow", _self);
            }
            catch (JSException)
            {
                // The theme still toggles; it is only not remembered.
            }

            _interactive = true;
            StateHasChanged();
        }
    }

    /// <summary>Another tab switched theme: follow it.</summary>
    [JSInvokable]
    public Task ThemeChanged(bool dark) => InvokeAsync(() =>
    {
        _isDarkMode = dark;
        StateHasChanged();
    });

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private async Task ToggleTheme()
    {
        _isDarkMode = !_isDarkMode;
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("remember", ThemeCookie.Value(_isDarkMode));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                if (_self is not null)
                {
                    await _module.InvokeVoidAsync("unfollow", _self);
                }

                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The tab is gone, and its listener with it.
            }
            catch (OperationCanceledException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        }

        _self?.Dispose();
    }
}
