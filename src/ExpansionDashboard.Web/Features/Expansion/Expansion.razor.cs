using MetricMonth = ExpansionDashboard.Metrics.Model.Month;

namespace ExpansionDashboard.Web.Features.Expansion;

public partial class Expansion
{
    private ExpansionView? _view;
    private ChartSpec _byType = default!;
    private (MetricMonth Month, ExpansionType Type, string Label)? _drill;
    private IReadOnlyList<ExpansionDashboard.Metrics.Movements.AccountMovement> _drillRows = [];
    private ChartSpec _rates = default!;
    private ChartSpec _avgType = default!;
    private ChartSpec _avgSegment = default!;

    private string MaturityHint => _view?.Maturity.Reason ?? "";

    private static readonly (ExpansionType Type, string Label)[] TypeOrder =
        [(ExpansionType.Upsell, "Upsell"), (ExpansionType.CrossSell, "Cross-sell"), (ExpansionType.Seats, "Seats"), (ExpansionType.Usage, "Usage")];

    private const string DrillPrefix = "expansion:";

    private void BarClicked(ChartPoint point)
    {
        if (point.SeriesIndex < 0 || point.SeriesIndex >= TypeOrder.Length || !MetricMonth.TryParse(point.Category, out var month))
        {
            return;
        }

        OpenDrill($"{DrillPrefix}{month}:{Slug(TypeOrder[point.SeriesIndex].Label)}");
    }

    private static string Slug(string label) => label.ToLowerInvariant();

    /// <summary>?drill=expansion:2026-05:seats lists the accounts whose seats MRR grew in May 2026.</summary>
    protected override async Task LoadDrillAsync()
    {
        _drill = null;
        _drillRows = [];
        var parts = Drill is { } d && d.StartsWith(DrillPrefix, StringComparison.OrdinalIgnoreCase) ? d[DrillPrefix.Length..].Split(':') : [];
        if (parts.Length != 2 || !MetricMonth.TryParse(parts[0], out var month))
        {
            return;
        }

        var match = TypeOrder.FirstOrDefault(t => string.Equals(Slug(t.Label), parts[1], StringComparison.OrdinalIgnoreCase));
        if (match.Label is null)
        {
            return;
        }

        _drill = (month, match.Type, match.Label);
        _drillRows = await Query.ExpandedAccountsAsync(month, match.Type, FilterOrNull);
    }

    protected override async Task LoadAsync()
    {
        _view = await Query.GetAsync(FilterOrNull, AsOf);
        var currency = Options.Value.Currency;
        var months = _view.Months.Select(m => m.Month.ToString()).ToList();
        _byType = ChartSpecs.ExpansionByType(_view.Months, currency);
        _rates = ChartSpecs.ExpansionRateBySegment(months, _view.RateBySegment);
        _avgType = ChartSpecs.AveragePerEvent("Average expansion per event, by type (MRR)", _view.Quarters, _view.AveragePerEventByType, currency);
        _avgSegment = ChartSpecs.AveragePerEvent("Average expansion per event, overall and by segment (MRR)", _view.Quarters, _view.AveragePerEventBySegment, currency);
    }
}
