using ExpansionDashboard.Metrics.Pipeline;

namespace ExpansionDashboard.Web.Features.Pipeline;

public partial class Pipeline
{
    private PipelineView? _view;
    private ChartSpec _stageChart = default!;

    private string Currency => Options.Value.Currency;

    protected override async Task LoadAsync()
    {
        _view = await Query.GetAsync(FilterOrNull, AsOf);
        _stageChart = ChartSpecs.PipelineByStage(_view.OpenByStage, Currency);
    }

    private const string DrillPrefix = "stage:";
    private OpportunityStage? _stage;

    private IReadOnlyList<OpenOpportunityRow> TopTwenty => _view!.OpenOpportunities.Take(20).ToList();

    /// <summary>Every open opportunity in the stage whose bar was clicked, largest first.</summary>
    private IReadOnlyList<OpenOpportunityRow> InStage => _stage is { } s ? _view!.OpenOpportunities.Where(o => o.Stage == s).ToList() : [];

    private void StageClicked(ChartPoint point)
    {
        if (_view!.OpenByStage.Count > point.PointIndex && point.PointIndex >= 0)
        {
            OpenDrill(DrillPrefix + _view.OpenByStage[point.PointIndex].Stage.ToString().ToLowerInvariant());
        }
    }

    /// <summary>?drill=stage:proposal lists the open opportunities in Proposal.</summary>
    protected override Task LoadDrillAsync()
    {
        _stage = Drill is { } d && d.StartsWith(DrillPrefix, StringComparison.OrdinalIgnoreCase)
            && Enum.TryParse<OpportunityStage>(d[DrillPrefix.Length..], ignoreCase: true, out var stage) && Enum.IsDefined(stage) ? stage : null;
        return Task.CompletedTask;
    }

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
