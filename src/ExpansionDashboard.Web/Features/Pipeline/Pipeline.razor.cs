using ExpansionDashboard.Metrics.Pipeline;

namespace ExpansionDashboard.Web.Features.Pipeline;

public partial class Pipeline
{
    private PipelineView? _view;
    private ChartSpec _stageChart = default!;

    private string Currency => Options.Value.Currency;

    protected override async Task LoadAsync()
    {
        _stage = null;
        _view = await Query.GetAsync(FilterOrNull, AsOf);
        _stageChart = ChartSpecs.PipelineByStage(_view.OpenByStage, Currency);
    }

    private OpportunityStage? _stage;

    /// <summary>The 20 largest open opportunities, or every open one in the stage whose bar was clicked.</summary>
    private IReadOnlyList<OpenOpportunityRow> Top => _stage is { } s
        ? _view!.OpenOpportunities.Where(o => o.Stage == s).ToList()
        : _view!.OpenOpportunities.Take(20).ToList();

    private void StageClicked(ChartPoint point) =>
        _stage = _view!.OpenByStage.Count > point.PointIndex && point.PointIndex >= 0 ? _view.OpenByStage[point.PointIndex].Stage : null;

    private decimal? Share(OwnerPipeline o)
    {
        var total = _view!.ByOwner.Sum(x => x.OpenPipeline);
        return total > 0 ? o.OpenPipeline / total * 100m : null;
    }

    private string? Shortfall(CoverageResult c) => c.Band is CoverageBand.Alert or CoverageBand.Watch
        ? $"needs {Format.Money(c.ShortfallTo(_view!.OnTrackMultiple), Currency)} more pipeline to reach {Format.Multiple(_view.OnTrackMultiple)}"
        : null;

    private static string? CoverageValueText(CoverageResult c) => c.Band switch
    {
        CoverageBand.TargetMet => "Target met",
        CoverageBand.NoTarget => "No target",
        _ => null,
    };
}
