namespace ExpansionDashboard.Web.Shared.Widgets;

/// <summary>Downloads a table as CSV through a small collocated module (no globals), imported on first use.</summary>
public sealed partial class ExportButton : ComponentBase, IAsyncDisposable
{
    internal const string ModulePath = "./Shared/Widgets/ExportButton.razor.js";

    private IJSObjectReference? _module;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Parameter, EditorRequired]
    public string FileName { get; set; } = "export.csv";

    /// <summary>Builds the file's bytes when the user asks for it (not on every render).</summary>
    [Parameter, EditorRequired]
    public Func<byte[]> Build { get; set; } = default!;

    [Parameter]
    public string? TestId { get; set; }

    private async Task DownloadAsync()
    {
        _module ??= await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
        await _module.InvokeVoidAsync("download", FileName, Build());
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone; the browser has dropped the module already.
        }
    }
}
