using ExpansionDashboard.Metrics.Alerts;

namespace ExpansionDashboard.Web.Features.Overview;

public sealed partial class Overview : FilteredPage
{
    private OverviewView? _view;

    private ChartSpec _mrrChart = default!;
    private ChartSpec _nrrChart = default!;
    private string? _error;
    private decimal _onTrack = Metrics.Defaults.CoverageOnTrack;
    private bool _restored;
    private int _openFirings;

    [Inject]
    private Data.Alerts.AlertFiringStore Firings { get; set; } = default!;

    [Inject]
    private OverviewQuery Query { get; set; } = default!;

    [Inject]
    private IOptions<DashboardOptions> Options { get; set; } = default!;

    [Inject]
    private ILogger<Overview> Logger { get; set; } = default!;

    /// <summary>
    /// The view computed while prerendering, carried into the interactive circuit so the page neither computes it twice
    /// nor flashes a loading bar over the prerendered figures.
    /// </summary>
    [PersistentState]
    public OverviewView? Prerendered { get; set; }

    private string Currency => Options.Value.Currency;

    /// <summary>
    /// The ring on a tile: the most severe rule that fires for the tile's figure in this view (the page's month and
    /// filter), from the same evaluation as the alert list, so a tile and the list never disagree.
    /// </summary>
    private string? FiringFor(string metric)
    {
        if (_view is null)
        {
            return null;
        }

        var scope = Metrics.Model.Scope.Of(Segment);
        var f = _view.Alerts.Where(x => x.MetricSlug == metric && x.Scope == scope && x.QuarterOffset == 0).ToList();
        return f.Count == 0 ? null : f.Max(x => x.Severity).Key();
    }

    protected override async Task LoadAsync()
    {
        try
        {
            if (!_restored && Prerendered is { } carried)
            {
                _view = carried;
            }
            else
            {
                _view = await Query.GetAsync(Filter, AsOf);
                Prerendered = _view;
            }

            _restored = true;
            _openFirings = (await Firings.ActiveAsync()).Count;
            _onTrack = Thresholds.CoverageOnTrack;
            _mrrChart = ChartSpecs.MrrTrend(_view.MrrTrend, Currency);
            _nrrChart = ChartSpecs.NrrTrend(_view.NrrTrend, Thresholds.Nrr);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
        {
            Logger.LogError(ex, "Overview failed to load.");
            _error = "The dashboard could not read its data. Check that the database is reachable (/healthz) and reload.";
        }
    }
}
