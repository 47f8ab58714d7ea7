using ExpansionDashboard.Metrics.Pipeline;

namespace ExpansionDashboard.Metrics.Tests.Pipeline;

public class CoveragePlannerTests
{
    [Fact]
    public void Compute_BelowTheAlertLine_ShowsPipelineNeededForOnTrackAndRecommendedMultiple()
    {
        var r = CoveragePlanner.Compute(new PlanInputs(1_000_000m, 200_000m, 1_600_000m, 0m, 40m));

        Assert.Equal(800_000m, r.RemainingTarget);
        Assert.Equal(2.0m, r.Coverage);
        Assert.Equal(CoverageBand.Alert, r.Band);
        Assert.Equal(2.5m, r.RecommendedMultiple);
        Assert.Equal(800_000m, r.NeededForOnTrack);        // 3.0 × 800k − 1.6M
        Assert.Equal(400_000m, r.NeededForRecommended);    // 2.5 × 800k − 1.6M
        Assert.Equal(840_000m, r.ExpectedClose);           // 200k + 1.6M × 40 %
        Assert.Equal(-160_000m, r.ExpectedGap);
        Assert.Equal(84m, r.ExpectedAttainment);
    }

    [Theory]
    [InlineData(0, 2.0, CoverageBand.Alert)]
    [InlineData(400_000, 2.5, CoverageBand.Watch)]
    [InlineData(800_000, 3.0, CoverageBand.OnTrack)]
    public void Compute_ExtraPipeline_MovesCoverageAndBand(int extra, decimal coverage, CoverageBand band)
    {
        var r = CoveragePlanner.Compute(new PlanInputs(1_000_000m, 200_000m, 1_600_000m, extra, 40m));

        Assert.Equal(coverage, r.Coverage);
        Assert.Equal(band, r.Band);
        Assert.Equal(Math.Max(0m, 800_000m - extra), r.NeededForOnTrack);
    }

    [Fact]
    public void Compute_TargetMetOrMissingOrNoWins_HasNoRatioWhereNoneMakesSense()
    {
        var met = CoveragePlanner.Compute(new PlanInputs(100m, 150m, 10m, 0m, 50m));
        Assert.Equal(CoverageBand.TargetMet, met.Band);
        Assert.Null(met.Coverage);
        Assert.Equal(0m, met.NeededForOnTrack);

        var none = CoveragePlanner.Compute(new PlanInputs(0m, 0m, 10m, 0m, 50m));
        Assert.Equal(CoverageBand.NoTarget, none.Band);
        Assert.Null(none.ExpectedAttainment);

        var zero = CoveragePlanner.Compute(new PlanInputs(100m, 0m, 10m, 0m, 0m));
        Assert.Null(zero.RecommendedMultiple);
        Assert.Null(zero.NeededForRecommended);
    }

    [Fact]
    public void Compute_CustomThresholds_UseTheirOnTrackLine()
    {
        var r = CoveragePlanner.Compute(new PlanInputs(100m, 0m, 300m, 0m, 50m), new CoverageThresholds(OnTrack: 4m, Alert: 3m));

        Assert.Equal(CoverageBand.Watch, r.Band);
        Assert.Equal(100m, r.NeededForOnTrack);
    }
}
