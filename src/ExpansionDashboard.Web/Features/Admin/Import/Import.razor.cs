using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Data.Import.Kinds;
using ExpansionDashboard.Data.Import.Mapping;
using ExpansionDashboard.Web.Api;

namespace ExpansionDashboard.Web.Features.Admin.Import;

public sealed partial class Import : IAsyncDisposable
{
    // Cancelled when the circuit goes (tab closed, navigation): reading, checking and writing a file stop with it.
    private readonly CancellationTokenSource _gone = new();
    private ImportKind _kind = ImportKind.Mrr;
    private UploadSpool? _spool;
    private string _fileName = "";
    private ImportPreview? _preview;

    /// <summary>The dropdown value that stands for "a constant value" rather than a header.</summary>
    internal const string ConstantChoice = "\u0001constant";

    private FileProfile? _profile;
    private MappingSuggestions _suggestions = MappingSuggestions.None;
    private RecognisedPreset? _preset;
    private string? _kindNote;
    private bool _mappingOpen;

    // Canonical column → chosen header; columns in _constantColumns take _constants[column] for every row instead.
    private Dictionary<string, string> _mapping = new(StringComparer.OrdinalIgnoreCase);
    private Dictionary<string, string> _constants = new(StringComparer.OrdinalIgnoreCase);
    private HashSet<string> _constantColumns = new(StringComparer.OrdinalIgnoreCase);
    private IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> _values = ColumnMapping.Empty.Values;
    private bool _skipRejected;
    private bool _busy;
    private string _busyText = "";
    private double? _progress;
    private string? _message;
    private Severity _messageSeverity = Severity.Info;

    // The imports under way (anyone's), read about once a second while any runs; _commitProgress marks this page's own.
    private ImportActivitySnapshot _activity = ImportActivitySnapshot.Idle;
    private Progress<double>? _commitProgress;
    private Timer? _poll;

    [Inject]
    private ImportService Imports { get; set; } = default!;

    [Inject]
    private IOptions<DashboardOptions> Options { get; set; } = default!;

    [Inject]
    private ILogger<Import> Logger { get; set; } = default!;

    [Inject]
    private AdminRights Rights { get; set; } = default!;

    [Inject]
    private ImportActivity Activity { get; set; } = default!;

    /// <summary>Preselects the kind (?kind=opportunities), so a link can open the right import.</summary>
    [SupplyParameterFromQuery(Name = "kind")]
    private string? KindQuery { get; set; }

    /// <summary>How often the page looks at the imports under way.</summary>
    internal static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(1);

    protected override void OnInitialized() => _activity = Activity.Snapshot();

    protected override void OnAfterRender(bool firstRender)
    {
        // After the first interactive render: a prerendered page never polls.
        if (firstRender)
        {
            _poll = new Timer(_ => InvokeAsync(RefreshActivity), null, PollEvery, PollEvery);
        }
    }

    /// <summary>Re-renders while an import runs, and once more when the last one ends; an idle page does not re-render.</summary>
    private void RefreshActivity()
    {
        var now = Activity.Snapshot();
        if (now.IsIdle && _activity.IsIdle)
        {
            return;
        }

        _activity = now;
        StateHasChanged();
    }

    /// <summary>This page's own commit, as the tracker sees it (null before it registered and after it ended).</summary>
    private ImportActivityItem? MyImport => _commitProgress is null ? null : _activity.For(_commitProgress);

    protected override void OnParametersSet()
    {
        if (ImportKinds.Find(KindQuery) is { } kind)
        {
            _kind = kind.Kind;
        }
    }

    private string Currency => Options.Value.Currency;

    private int MaxMegabytes => Options.Value.Import.MaxUploadMegabytes;

    private bool CanCommit => _preview is { } p && (p.CanCommit || (_skipRejected && p.CanCommitSkippingRejected));

    /// <summary>The chosen kind's class: its columns, slug and label.</summary>
    private KindImport Kind => ImportKinds.Get(_kind);

    /// <summary>The dropdown's value for a column: its header, the constant choice, or none.</summary>
    private string? MappedHeader(string column) =>
        _constantColumns.Contains(column) ? ConstantChoice : _mapping.TryGetValue(column, out var h) ? h : null;

    private void HeaderChosen(string column, string? header)
    {
        if (header == ConstantChoice)
        {
            _constantColumns.Add(column);
            _mapping.Remove(column);
            _constants.TryAdd(column, "");
        }
        else
        {
            _constantColumns.Remove(column);
            if (string.IsNullOrEmpty(header))
            {
                _mapping.Remove(column);
            }
            else
            {
                _mapping[column] = header;
            }
        }
    }

    private void ConstantChanged(string column, string? value) => _constants[column] = value ?? "";

    /// <summary>What the form would send: headers, constants and the preset's value translations in the flat form.</summary>
    private Dictionary<string, string> CurrentMapping() => new ColumnMapping(
        _mapping.Where(m => !_constantColumns.Contains(m.Key)).ToDictionary(m => m.Key, m => m.Value, StringComparer.OrdinalIgnoreCase),
        _constantColumns.ToDictionary(c => c, c => _constants.GetValueOrDefault(c, ""), StringComparer.OrdinalIgnoreCase),
        _values).ToFlat();

    /// <summary>Required columns that have neither a header nor a constant yet.</summary>
    private IEnumerable<string> Unmapped => Kind.Columns
        .Where(c => c.Required && !_constantColumns.Contains(c.Name) && !_mapping.ContainsKey(c.Name)).Select(c => c.Name);

    /// <summary>The suggestion behind a column's pre-filled header, when the header is still the suggested one.</summary>
    private ColumnSuggestion? SuggestionFor(string column) =>
        _suggestions.Columns.FirstOrDefault(s => string.Equals(s.Column, column, StringComparison.OrdinalIgnoreCase)) is { } s
        && _mapping.TryGetValue(column, out var h) && string.Equals(h, s.Header, StringComparison.Ordinal) ? s : null;

    /// <summary>The canonical columns a file header feeds in the current mapping.</summary>
    private IEnumerable<string> UsedFor(string header) => _mapping.Where(m => !_constantColumns.Contains(m.Key) && string.Equals(m.Value, header, StringComparison.Ordinal)).Select(m => m.Key);

    private async Task KindChanged(ImportKind kind)
    {
        _kind = kind;
        _kindNote = null;
        if (_spool is not null && _profile is not null)
        {
            await RunAsync("Checking the file…", () => AnalyseAsync(switchKind: false));
        }
    }

    private async Task FileChosenAsync(InputFileChangeEventArgs e)
    {
        _message = null;
        _preview = null;
        _profile = null;
        _preset = null;
        _kindNote = null;
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
            _spool = await UploadSpool.CopyAsync(source, limit, _gone.Token);
            _fileName = e.File.Name;
            var (spool, limits, ct) = (_spool, Imports.Limits, _gone.Token);
            _profile = await Task.Run(() => FileProfile.Read(spool.Stream, limits, ct), ct);
            await AnalyseAsync(switchKind: true);
        });
    }

    /// <summary>
    /// Recognises a known export (and switches to its kind), pre-fills the mapping — the preset's, else the mapping saved
    /// for the kind when the file has its headers, then suggestions for whatever is left — and previews at once when the
    /// file's headers are the canonical names; otherwise it opens the mapping step for the admin to confirm.
    /// </summary>
    private async Task AnalyseAsync(bool switchKind)
    {
        if (_profile is not { } profile)
        {
            return;
        }

        _preview = null;
        if (profile.Headers.Count == 0)
        {
            // Empty, binary or unreadable: nothing to map, the preview says what is wrong.
            _mappingOpen = false;
            await PreviewAsync();
            return;
        }

        _preset = ImportPresets.Recognise(profile.Headers);
        if (_preset is { } recognised && recognised.Preset.Kind != _kind)
        {
            if (switchKind)
            {
                _kindNote = $"The file is a {recognised.Preset.Name} export, so it is imported as {ImportKinds.Get(recognised.Preset.Kind).Label}.";
                _kind = recognised.Preset.Kind;
            }
            else
            {
                _preset = null;
            }
        }

        _suggestions = MappingSuggester.Suggest(_kind, profile);
        var saved = ColumnMapping.Parse(await Imports.LastMappingAsync(_kind));
        var headers = new HashSet<string>(profile.Headers, StringComparer.OrdinalIgnoreCase);
        _mapping = new(StringComparer.OrdinalIgnoreCase);
        _constants = new(StringComparer.OrdinalIgnoreCase);
        _constantColumns = new(StringComparer.OrdinalIgnoreCase);
        _values = ColumnMapping.Empty.Values;
        if (_preset is { } preset)
        {
            _mapping = new(preset.Mapping.Headers, StringComparer.OrdinalIgnoreCase);
            _values = preset.Mapping.Values;
        }
        else if (saved.Headers.Count + saved.Constants.Count > 0 && saved.Headers.Values.All(headers.Contains))
        {
            // The file looks like the last one: the admin's own choices, constants included, come back.
            _mapping = new(saved.Headers, StringComparer.OrdinalIgnoreCase);
            _values = saved.Values;
            foreach (var (column, value) in saved.Constants)
            {
                _constantColumns.Add(column);
                _constants[column] = value;
            }
        }

        foreach (var s in _suggestions.Columns)
        {
            if (!_mapping.ContainsKey(s.Column) && !_constantColumns.Contains(s.Column) && !_mapping.Values.Contains(s.Header, StringComparer.Ordinal))
            {
                _mapping[s.Column] = s.Header;
            }
        }

        var exact = _preset is null && _constantColumns.Count == 0 && !Unmapped.Any()
            && _mapping.All(m => string.Equals(CsvSource.Normalise(m.Value), m.Key, StringComparison.OrdinalIgnoreCase));
        _mappingOpen = !exact;
        if (exact)
        {
            await PreviewAsync();
        }
    }

    private async Task PreviewAsync()
    {
        if (_spool is null)
        {
            return;
        }

        var (kind, spool, name, map, ct) = (_kind, _spool, _fileName, CurrentMapping(), _gone.Token);

        // Reading a large file takes seconds: off the circuit's thread, so the page stays responsive.
        _preview = await Task.Run(() => Imports.PreviewAsync(kind, spool.Stream, name, map.Count > 0 ? map : null, ct), ct);
    }

    private Task ApplyMappingAsync() => RunAsync("Checking the file with your mapping…", async () =>
    {
        await PreviewAsync();
        _mappingOpen = _preview is null || _preview.MissingColumns.Count > 0;
        if (_preview is { MissingColumns.Count: > 0 } p)
        {
            Show($"Required column(s) still missing: {string.Join(", ", p.MissingColumns)}. Choose a header or a constant value for each.", Severity.Warning);
        }
        else
        {
            _message = null;
        }
    });

    private void EditMapping() => _mappingOpen = true;

    /// <summary>"account_id ← CustOrgID, segment = "SMB", …" for the line above the preview.</summary>
    private string MappingSummary()
    {
        var parts = Kind.Columns.Select(c => c.Name)
            .Select(c => _constantColumns.Contains(c) ? $"{c} = \"{_constants.GetValueOrDefault(c, "")}\"" : _mapping.TryGetValue(c, out var h) ? $"{c} ← {h}" : null)
            .OfType<string>().ToList();
        return parts.Count > 0 ? string.Join(", ", parts) : "the file's own headers";
    }

    private Task CommitAsync() => RunAsync($"Importing {_fileName}…", async () =>
    {
        if (_spool is null || _preview is null)
        {
            return;
        }

        // The circuit may be older than a demotion or a disable: the store decides whether this admin may still commit.
        var check = await Rights.CheckAsync();
        if (check.Actor is not { } user)
        {
            Show(check.Refusal!, Severity.Error);
            return;
        }

        _progress = 0;

        // Repainted by the activity poll; the tracker finds this commit by the progress object it was given.
        var progress = _commitProgress = new Progress<double>(p => _progress = p);
        try
        {
            var current = CurrentMapping();
            var (kind, spool, name, skip, map, ct) = (_kind, _spool, _fileName, _skipRejected, current.Count > 0 ? current : null, _gone.Token);

            // The commit runs on the thread pool so the progress bar (reported back to this circuit) can repaint.
            var outcome = await Task.Run(() => Imports.CommitAsync(kind, spool.Stream, name, user, skip, map, progress, ct), ct);
            if (current.Count > 0)
            {
                // Remembered for the next file of the kind, constants and translations included.
                await Imports.SaveMappingAsync(_kind, current);
            }

            Show($"Imported {_fileName} as batch #{outcome.BatchId}: {outcome.Inserted:N0} new, {outcome.Updated:N0} changed, {outcome.Unchanged:N0} unchanged" +
                (outcome.Rejected > 0 ? $", {outcome.Rejected:N0} rejected row(s) skipped" : "") +
                (outcome.NewAccounts > 0 ? $", {outcome.NewAccounts:N0} new account(s)" : "") + ". The dashboards show the new figures now; the batch can be reverted from the import history.",
                Severity.Success);
            _preview = null;
            _profile = null;
            _mappingOpen = false;
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
        _profile = null;
        _mappingOpen = false;
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
        catch (OperationCanceledException) when (_gone.IsCancellationRequested)
        {
            // The circuit is gone: nobody is left to tell, and the transaction (if any) was rolled back.
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
            _commitProgress = null;
            _activity = Activity.Snapshot();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_poll is not null)
        {
            await _poll.DisposeAsync();
        }

        await _gone.CancelAsync();
        if (_spool is not null)
        {
            await _spool.DisposeAsync();
        }
    }
}
