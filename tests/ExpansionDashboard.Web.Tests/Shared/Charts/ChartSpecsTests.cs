using ExpansionDashboard.Data.Overview;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Pipeline;
using ExpansionDashboard.Metrics.Retention;
using ExpansionDashboard.Web.Shared.Charts;

namespace ExpansionDashboard.Web.Tests.Shared.Charts;

[Trait(Lanes.Category, Lanes.Unit)]
public class ChartSpecsTests
{
    [Theory]
    [InlineData(CoverageBand.OnTrack, ChartSpecs.Good)]
    [InlineData(CoverageBand.Watch, ChartSpecs.Watch)]
    [InlineData(CoverageBand.Alert, ChartSpecs.Alert)]
    public void BandColor_FollowsSeverity(CoverageBand band, string color) => Assert.Equal(color, ChartSpecs.BandColor(band));

    [Fact]
    public void NrrBands_AxisRange_ClipsBandsToVisibleRange()
    {
        var bands = ChartSpecs.NrrBands(NrrThresholds.Default, 95m, 110m);

        Assert.Equal(2, bands.Count);
        Assert.Contains(bands, b => b.Label == "Strong 100–120 %" && b.From == 100m && b.To == 110m);
        Assert.Contains(bands, b => b.Label == "Needs improvement 90–100 %" && b.From == 95m && b.To == 100m);
    }

    [Fact]
    public void NrrTrend_Points_AxisOnWholePercentagesAroundData()
    {
        var points = new[] { new TrendPoint(new Month(2026, 10), 101.2m), new TrendPoint(new Month(2026, 11), 103.7m) };

        var spec = ChartSpecs.NrrTrend(points, NrrThresholds.Default);

        Assert.Equal(100m, spec.YMin);
        Assert.Equal(105m, spec.YMax);
        Assert.Equal(5, spec.TickAmount);
        Assert.Equal(0, spec.AxisDecimals);
        Assert.Equal(["2026-10", "2026-11"], spec.Categories);
    }

    [Fact]
    public void Backtest_Quarters_ForecastBesideActualWithSignedErrorInTheLabel()
    {
        var series = new Metrics.Forecast.BacktestSeries("All segments",
        [
            new(Quarter.Parse("2026-Q2"), new DateOnly(2026, 3, 31), 110m, 100m),
            new(Quarter.Parse("2026-Q3"), new DateOnly(2026, 6, 30), 95m, 100m),
        ]);

        var spec = ChartSpecs.Backtest(series, "EUR");

        Assert.Equal(["2026-Q2 (+10.0 %)", "2026-Q3 (-5.0 %)"], spec.Categories);
        Assert.Equal([110m, 95m], spec.Series[0].Data);
        Assert.Equal([100m, 100m], spec.Series[1].Data);
        Assert.Equal("EUR", spec.Currency);
    }

    [Fact]
    public void MotionFunnel_Stages_ShareOfClosedDealsReachingEach()
    {
        var funnel = new List<FunnelStep> { new(OpportunityStage.Identified, 4, 75m), new(OpportunityStage.Engaged, 3, 100m), new(OpportunityStage.Qualified, 3, 100m), new(OpportunityStage.Proposal, 3, 66.7m), new(OpportunityStage.Negotiation, 2, 100m), new(OpportunityStage.ClosedWon, 2, null) };
        var stats = new MotionStats(OpportunityType.CrossSell, null, 2, 2, 10m, 10m, 30m, 2, funnel, 4, 3m, 10);

        var spec = ChartSpecs.MotionFunnel([stats]);

        Assert.Equal(["Identified", "Engaged", "Qualified", "Proposal", "Negotiation", "Closed Won"], spec.Categories);
        Assert.Equal("Cross-sell", spec.Series.Single().Name);
        Assert.Equal([100m, 75m, 75m, 75m, 50m, 50m], spec.Series.Single().Data);
    }
}
