using ExpansionDashboard.Metrics.Forecast;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Pipeline;
using static ExpansionDashboard.Metrics.Tests.Forecast.ForecastTestData;

namespace ExpansionDashboard.Metrics.Tests.Forecast;

public class ForecastBacktestTests
{
    private static readonly Month First = new(2025, 1);
    private static readonly DateOnly Today = new(2027, 1, 15);

    [Fact]
    public void Run_SteadyUntrackedGrowth_ForecastsEveryQuarterExactly()
    {
        var model = ForecastTestData.Revenue(First, ("U1", "SMB", i => 100m + (10m * i), 24));

        var r = ForecastBacktest.Run(model, [], Today);

        Assert.Equal([new Quarter(2026, 1), new Quarter(2026, 2), new Quarter(2026, 3), new Quarter(2026, 4)], r.Total.Quarters.Select(q => q.Quarter));
        Assert.All(r.Total.Quarters, q =>
        {
            Assert.Equal(360m, q.Actual);
            Assert.Equal(360m, q.Forecast);
            Assert.Equal(0m, q.ErrorPercent);
            Assert.Equal(q.Quarter.FirstDay.AddDays(-1), q.AsOf);
        });
        Assert.Equal(4, r.Total.WithinTolerance);
        Assert.Equal(0m, r.Total.MeanAbsoluteError);
    }

    [Fact]
    public void Run_SurpriseInTheLastQuarter_ShowsItsErrorAndWidensTheRange()
    {
        // U2 adds 100 MRR in November 2026 only: nothing before hinted at it.
        var model = ForecastTestData.Revenue(
            First,
            ("U1", "SMB", i => 100m + (10m * i), 24),
            ("U2", "SMB", i => i >= 22 ? 300m : 200m, 24));

        var r = ForecastBacktest.Run(model, [], Today);

        var q4 = r.Total.Quarters[^1];
        Assert.Equal(360m, q4.Forecast);
        Assert.Equal(360m + 1_200m, q4.Actual);
        Assert.Equal((360m - 1_560m) / 1_560m * 100m, q4.ErrorPercent);
        Assert.False(q4.WithinTenPercent);
        Assert.Equal(3, r.Total.WithinTolerance);
        Assert.Equal(Math.Abs(q4.ErrorPercent!.Value) / 4m, r.Total.MeanAbsoluteError);

        // The next forecast's range spans the ratios seen: ×1 (three exact quarters) up to ×1560/360.
        var next = ExpansionForecast.Compute(model, [], new Quarter(2027, 1), new DateOnly(2026, 12, 31));
        var ranged = r.WithRanges(next);
        Assert.NotNull(ranged.Total.Range);
        Assert.Equal(ranged.Total.Point, ranged.Total.Range.Low);
        Assert.Equal(ranged.Total.Point * (1_560m / 360m), ranged.Total.Range.High, 6);
    }

    [Fact]
    public void Run_UsesOnlyWhatWasKnownAtEachQuarterStart()
    {
        var model = ForecastTestData.Revenue(First, ("U1", "SMB", i => 100m, 24));
        // A deal created and won inside 2026-Q4 cannot be in the forecast made on 2026-09-30 (no in-quarter history before it),
        // but it is in the actual.
        OpportunityInput[] deals =
        [
            Deal("in-q4", OpportunityStage.ClosedWon, 8_000m, new DateOnly(2026, 11, 20), new DateOnly(2026, 10, 2), new DateOnly(2026, 11, 20),
                history: (OpportunityStage.Proposal, new DateOnly(2026, 10, 2))),
            // Open on 2026-06-30 at Negotiation (default 80 %) and won in Q3.
            Deal("q3", OpportunityStage.ClosedWon, 1_000m, new DateOnly(2026, 8, 1), new DateOnly(2026, 5, 1), new DateOnly(2026, 8, 1),
                history: (OpportunityStage.Negotiation, new DateOnly(2026, 5, 1))),
        ];

        var r = ForecastBacktest.Run(model, deals, Today);

        var q3 = r.Total.Quarters.Single(q => q.Quarter == new Quarter(2026, 3));
        Assert.Equal(800m, q3.Forecast);
        Assert.Equal(1_000m, q3.Actual);
        Assert.Equal(-20m, q3.ErrorPercent);
        var q4 = r.Total.Quarters.Single(q => q.Quarter == new Quarter(2026, 4));
        Assert.Equal(0m, q4.Forecast);
        Assert.Equal(8_000m, q4.Actual);
        Assert.Equal(-100m, q4.ErrorPercent);
    }
}
