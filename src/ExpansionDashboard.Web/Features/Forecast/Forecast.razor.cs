using ExpansionDashboard.Metrics.Forecast;
using ExpansionDashboard.Web.Export;
using MetricSeverity = ExpansionDashboard.Metrics.Bands.Severity;

namespace ExpansionDashboard.Web.Features.Forecast;

public partial class Forecast
{
    private const string AllSegments = "All segments";
    private ForecastView? _view;
    private int _quarters = 4;

    [SupplyParameterFromQuery(Name = "quarters")]
    private int? QuartersParam { get; set; }

    // Links from before the shared filter bar named the backtest's segment "backtest".
    [SupplyParameterFromQuery(Name = "backtest")]
    private string? BacktestParam { get; set; }

    private string? SegmentChoice => Segment ?? BacktestParam;

    private bool IsFiltered(string segment) => string.Equals(segment, SegmentChoice, StringComparison.OrdinalIgnoreCase);

    private string Currency => Options.Value.Currency;

    private string BacktestSegment => _view?.Backtest.Segments.FirstOrDefault(s => IsFiltered(s.Segment))?.Segment ?? AllSegments;

    private BacktestSeries Series => _view!.Backtest.Segments.FirstOrDefault(s => s.Segment == BacktestSegment) ?? _view.Backtest.Total;

    private MetricSeverity AccuracySeverity => _view?.Backtest.Total.MeanAbsoluteError switch
    {
        null => MetricSeverity.None,
        <= ForecastBacktest.Tolerance => MetricSeverity.Good,
        <= 2 * ForecastBacktest.Tolerance => MetricSeverity.Watch,
        _ => MetricSeverity.Alert,
    };

    private string? AccuracyLabel => AccuracySeverity switch
    {
        MetricSeverity.Good => "Within 10 % on average",
        MetricSeverity.Watch => "Outside 10 %",
        MetricSeverity.Alert => "Far off",
        _ => null,
    };

    protected override string ViewKey => $"{QuartersParam}|{BacktestParam}";

    protected override async Task LoadAsync()
    {
        _quarters = QuartersParam is { } q && q is >= 4 and <= 12 ? q : 4;
        _view = await Query.GetAsync(_quarters);
    }

    private void QuartersChanged(int quarters) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("quarters", quarters == 4 ? null : quarters));

    private string RangeText(ForecastRow r) =>
        r.Range is { } g ? $"range {Format.Money(g.Low, Currency)} – {Format.Money(g.High, Currency)}" : "no range yet (fewer than 2 backtested quarters)";

    private static string SourceText(ConversionSource s) => s switch
    {
        ConversionSource.Segment => "measured (segment)",
        ConversionSource.Company => "measured",
        _ => "default (thin history)",
    };

    private static byte[] ForecastCsv(ForecastResult f) => CsvExport.Build(
        ["quarter", "segment", "won_to_date", "untracked_to_date", "open_pipeline", "open_deals", "weighted_pipeline", "new_deal_run_rate", "untracked_run_rate", "forecast", "range_low", "range_high"],
        f.Segments.Append(f.Total).Select(r => (IReadOnlyList<object?>)[f.Quarter.ToString(), r.Segment, r.WonToDate, r.UntrackedToDate, r.OpenPipeline, r.OpenDeals, r.WeightedPipeline, r.NewDealRunRate, r.UntrackedRunRate, r.Point, r.Range?.Low, r.Range?.High]));

    private byte[] BacktestCsv() => CsvExport.Build(
        ["segment", "quarter", "forecast_made", "forecast", "actual", "error_percent"],
        _view!.Backtest.Segments.Append(_view.Backtest.Total).SelectMany(s => s.Quarters.Select(q => (IReadOnlyList<object?>)[s.Segment, q.Quarter.ToString(), q.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), q.Forecast, q.Actual, q.ErrorPercent])));
}
