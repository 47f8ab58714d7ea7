namespace ExpansionDashboard.Web.Shared.Widgets;

public partial class DrillDrawer
{
    private ElementReference _body;
    private bool _focus;

    [Parameter]
    public bool Open { get; set; }

    [Parameter]
    public string Title { get; set; } = "";

    /// <summary>Buttons beside the title (e.g. the CSV export).</summary>
    [Parameter]
    public RenderFragment? Actions { get; set; }

    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    /// <summary>Called when the drawer is closed by Esc, the close button or a click on the overlay.</summary>
    [Parameter]
    public EventCallback OnClose { get; set; }

    private bool _wasOpen;

    protected override void OnParametersSet()
    {
        // Focus moves into the drawer when it opens, so Esc and Tab act on it at once.
        _focus = Open && !_wasOpen;
        _wasOpen = Open;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focus)
        {
            _focus = false;
            try
            {
                await _body.FocusAsync();
            }
            catch (InvalidOperationException)
            {
                // Not interactive yet (prerendering): focus follows on the next render.
            }
            catch (JSDisconnectedException)
            {
            }
        }
    }

    private Task KeyDownAsync(KeyboardEventArgs e) => e.Key == "Escape" ? CloseAsync() : Task.CompletedTask;

    private Task OpenChangedAsync(bool open) => open ? Task.CompletedTask : CloseAsync();

    private Task CloseAsync() => OnClose.InvokeAsync();
}
