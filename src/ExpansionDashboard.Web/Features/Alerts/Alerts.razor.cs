using ExpansionDashboard.Data.Alerts;
using ExpansionDashboard.Metrics.Alerts;
using ExpansionDashboard.Web.Export;

namespace ExpansionDashboard.Web.Features.Alerts;

public sealed partial class Alerts
{
    private IReadOnlyList<AlertFiringRow>? _active;
    private IReadOnlyList<AlertFiringRow>? _history;
    private Timer? _refresh;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();

        // New firings appear without a reload: the monitor evaluates in the background.
        _refresh = new Timer(_ => InvokeAsync(async () => { await LoadAsync(); StateHasChanged(); }), null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
    }

    private async Task LoadAsync()
    {
        _active = await Firings.ActiveAsync();
        _history = await Firings.HistoryAsync(200);
    }

    private async Task AcknowledgeAsync(AlertFiringRow f)
    {
        var user = (await AuthState).User.Identity?.Name ?? "unknown";
        if (await Firings.AcknowledgeAsync(f.Id, user))
        {
            Snackbar.Add("Acknowledged.", Severity.Success);
        }

        await LoadAsync();
    }

    private static string Colour(AlertSeverity severity) => DashboardPalette.Colour(severity);

    private static string Local(DateTime utc) => utc.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.CurrentCulture);

    private static string Value(AlertFiringRow f) => f.Metric == "coverage" ? Format.Multiple(f.Value)
        : f.Metric == "contraction-spike" ? f.Value.ToString("0.0", CultureInfo.CurrentCulture) + "×" : Format.Percent(f.Value, 2);

    private static string Line(AlertFiringRow f) => f.Metric == "coverage" ? Format.Multiple(f.Threshold)
        : f.Metric == "contraction-spike" ? f.Threshold.ToString("0.0", CultureInfo.CurrentCulture) + "×" : Format.Percent(f.Threshold, 1);

    private static string NotifyText(AlertFiringRow f) => f.NotifyState switch
    {
        NotifyState.Sent => "sent",
        NotifyState.Pending => f.NotifyAttempts == 0 ? "sending…" : $"retrying ({f.NotifyAttempts} failed)",
        NotifyState.Failed => $"failed: {f.NotifyError}",
        _ => "no webhook",
    };

    private static byte[] Csv(IReadOnlyList<AlertFiringRow> rows) => CsvExport.Build(
        ["id", "rule", "metric", "scope", "period", "value", "threshold", "severity", "message", "fired_utc", "resolved_utc", "acknowledged_by", "acknowledged_utc", "webhook"],
        rows.Select(f => (IReadOnlyList<object?>)[f.Id, f.RuleName, f.Metric, f.Scope.ToString(), f.Period, f.Value, f.Threshold, f.Severity.Key(), f.Message,
            f.FiredUtc.ToString("O", CultureInfo.InvariantCulture), f.ResolvedUtc?.ToString("O", CultureInfo.InvariantCulture), f.AcknowledgedBy,
            f.AcknowledgedUtc?.ToString("O", CultureInfo.InvariantCulture), f.NotifyState.Key()]));

    public void Dispose() => _refresh?.Dispose();
}
