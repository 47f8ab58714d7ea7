using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Web.Endpoints;
using ExpansionDashboard.Web.Options;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace ExpansionDashboard.Web.Components.Pages.Admin;

public sealed partial class Import : IAsyncDisposable
{
    private ImportKind _kind = ImportKind.Mrr;
    private UploadSpool? _spool;
    private string _fileName = "";
    private ImportPreview? _preview;
    private Dictionary<string, string> _mapping = new(StringComparer.OrdinalIgnoreCase);
    private bool _skipRejected;
    private bool _busy;
    private string _busyText = "";
    private double? _progress;
    private string? _message;
    private Severity _messageSeverity = Severity.Info;

    [Inject]
    private ImportService Imports { get; set; } = default!;

    [Inject]
    private IOptions<DashboardOptions> Options { get; set; } = default!;

    [Inject]
    private ILogger<Import> Logger { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    /// <summary>Preselects the kind (?kind=opportunities), so a link can open the right import.</summary>
    [SupplyParameterFromQuery(Name = "kind")]
    private string? KindQuery { get; set; }

    protected override void OnParametersSet()
    {
        if (ImportSchemas.TryParse(KindQuery, out var kind))
        {
            _kind = kind;
        }
    }

    private string Currency => Options.Value.Currency;

    private int MaxMegabytes => Options.Value.Import.MaxUploadMegabytes;

    private bool CanCommit => _preview is { } p && (p.CanCommit || (_skipRejected && p.CanCommitSkippingRejected));

    private static string KindLabel(ImportKind kind) => kind switch
    {
        ImportKind.Accounts => "Accounts (CRM)",
        ImportKind.Mrr => "Monthly MRR snapshot",
        ImportKind.InvoiceLines => "Invoice lines (billing)",
        ImportKind.Opportunities => "Expansion opportunities",
        ImportKind.Targets => "Expansion targets",
        _ => "Health signals",
    };

    private string? MappedHeader(string column) =>
        _mapping.TryGetValue(column, out var h) ? h : _preview?.Mapping.TryGetValue(column, out var m) == true ? m : null;

    private async Task KindChanged(ImportKind kind)
    {
        _kind = kind;
        if (_spool is not null)
        {
            await PreviewAsync(await Imports.LastMappingAsync(_kind));
        }
    }

    private async Task FileChosenAsync(InputFileChangeEventArgs e)
    {
        _message = null;
        _preview = null;
        _skipRejected = false;
        if (_spool is not null)
        {
            await _spool.DisposeAsync();
            _spool = null;
        }

        var limit = Options.Value.Import.MaxUploadBytes;
        if (e.File.Size > limit)
        {
            Show($"{e.File.Name} is {e.File.Size / 1024.0 / 1024.0:N1} MB, above the upload limit of {MaxMegabytes} MB (Dashboard:Import:MaxUploadMegabytes).", Severity.Error);
            return;
        }

        await RunAsync($"Reading {e.File.Name}…", async () =>
        {
            await using var source = e.File.OpenReadStream(limit);
            _spool = await UploadSpool.CopyAsync(source, limit, CancellationToken.None);
            _fileName = e.File.Name;
            await PreviewAsync(await Imports.LastMappingAsync(_kind));
        });
    }

    private async Task PreviewAsync(IReadOnlyDictionary<string, string>? mapping)
    {
        if (_spool is null)
        {
            return;
        }

        _mapping = mapping is null ? new(StringComparer.OrdinalIgnoreCase) : new(mapping, StringComparer.OrdinalIgnoreCase);
        var (kind, spool, name, map) = (_kind, _spool, _fileName, _mapping.Count > 0 ? new Dictionary<string, string>(_mapping) : null);

        // Reading a large file takes seconds: off the circuit's thread, so the page stays responsive.
        _preview = await Task.Run(() => Imports.PreviewAsync(kind, spool.Stream, name, map));
    }

    private Task ApplyMappingAsync() => RunAsync("Checking the file with your mapping…", async () =>
    {
        var mapping = new Dictionary<string, string>(_mapping, StringComparer.OrdinalIgnoreCase);
        await PreviewAsync(mapping);
    });

    private Task CommitAsync() => RunAsync($"Importing {_fileName}…", async () =>
    {
        if (_spool is null || _preview is null)
        {
            return;
        }

        var user = (await AuthState).User.Identity?.Name ?? "admin";
        _progress = 0;
        var progress = new Progress<double>(p =>
        {
            _progress = p;
            _ = InvokeAsync(StateHasChanged);
        });
        try
        {
            var (kind, spool, name, skip, map) = (_kind, _spool, _fileName, _skipRejected, _mapping.Count > 0 ? new Dictionary<string, string>(_mapping) : null);

            // The commit runs on the thread pool so the progress bar (reported back to this circuit) can repaint.
            var outcome = await Task.Run(() => Imports.CommitAsync(kind, spool.Stream, name, user, skip, map, progress));
            if (_mapping.Count > 0)
            {
                await Imports.SaveMappingAsync(_kind, _mapping);
            }

            Show($"Imported {_fileName} as batch #{outcome.BatchId}: {outcome.Inserted:N0} new, {outcome.Updated:N0} changed, {outcome.Unchanged:N0} unchanged" +
                (outcome.Rejected > 0 ? $", {outcome.Rejected:N0} rejected row(s) skipped" : "") +
                (outcome.NewAccounts > 0 ? $", {outcome.NewAccounts:N0} new account(s)" : "") + ". The dashboards show the new figures now; the batch can be reverted from the import history.",
                Severity.Success);
            _preview = null;
            await _spool.DisposeAsync();
            _spool = null;
        }
        catch (ImportRejectedException ex)
        {
            Show("Nothing was imported: " + ex.Message, Severity.Error);
        }
    });

    private void Reset()
    {
        _preview = null;
        _message = null;
    }

    private void Show(string message, Severity severity)
    {
        _message = message;
        _messageSeverity = severity;
    }

    private async Task RunAsync(string text, Func<Task> work)
    {
        _busy = true;
        _busyText = text;
        _progress = null;
        StateHasChanged();
        try
        {
            await work();
        }
        catch (Exception ex) when (ex is IOException or UploadTooLargeException or InvalidOperationException or System.Data.Common.DbException)
        {
            Logger.LogError(ex, "Import step failed.");
            Show(ex is UploadTooLargeException ? ex.Message : $"The import could not finish: {ex.Message}. Nothing was written.", Severity.Error);
        }
        finally
        {
            _busy = false;
            _progress = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_spool is not null)
        {
            await _spool.DisposeAsync();
        }
    }
}
