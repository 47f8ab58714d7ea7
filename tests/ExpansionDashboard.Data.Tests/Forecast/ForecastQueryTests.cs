using ExpansionDashboard.Data.Forecast;
using ExpansionDashboard.Metrics.Forecast;
using ExpansionDashboard.Metrics.Model;
using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Data.Tests.Forecast;

[Trait(Lanes.Category, Lanes.Store)]
public sealed class ForecastQueryTests(DemoStoreFixture store) : IClassFixture<DemoStoreFixture>
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ForecastQuery Query => new(store.Snapshots, DemoStoreFixture.Time);

    [Fact]
    public async Task Forecast_DemoData_BacktestsFourClosedQuartersFromTheirStartWithErrors()
    {
        var view = await Query.GetAsync(4, Today, Ct);
        var snap = await store.Snapshots.GetAsync(Ct);

        Assert.Equal(["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"], view.Backtest.Total.Quarters.Select(q => q.Quarter.ToString()));
        foreach (var q in view.Backtest.Total.Quarters)
        {
            // Each backtested figure is the forecast made the day before the quarter began, against the final actual.
            var then = ExpansionForecast.Compute(snap.Revenue, snap.Opportunities, q.Quarter, q.Quarter.FirstDay.AddDays(-1));
            Assert.Equal(then.Total.Point, q.Forecast);
            Assert.Equal(ExpansionForecast.Actual(snap.Revenue, snap.Opportunities, q.Quarter)!.Values.Sum(), q.Actual);
            Assert.True(q.Actual > 0);
            Assert.NotNull(q.ErrorPercent);
            TestContext.Current.SendDiagnosticMessage($"{q.Quarter}: forecast {q.Forecast:N0}, actual {q.Actual:N0}, error {q.ErrorPercent:N1} %");
        }

        Assert.Equal(view.Backtest.Total.Quarters.Average(q => Math.Abs(q.ErrorPercent!.Value)), view.Backtest.Total.MeanAbsoluteError);
        Assert.Equal(3, view.Backtest.Segments.Count);
    }

    [Fact]
    public async Task Forecast_DemoData_UsesMeasuredStageConversionAndGivesRanges()
    {
        var view = await Query.GetAsync(4, Today, Ct);

        Assert.Equal(Quarter.Parse("2026-Q4"), view.Current.Quarter);
        Assert.Equal(Quarter.Parse("2027-Q1"), view.Next.Quarter);
        // The demo's stage history is seeded and loaded: conversion is measured, not the default 10/20/40/60/80.
        Assert.All(view.Current.Total.Conversion.Stages, s => Assert.NotEqual(ConversionSource.Default, s.Source));
        Assert.True(view.Current.Total.Conversion.Stages[0].Rate < view.Current.Total.Conversion.Stages[4].Rate);
        Assert.True(view.Current.Total.Booked > 0);
        Assert.Equal(0m, view.Next.Total.Booked);
        Assert.True(view.Next.Total.WeightedPipeline > 0);
        // The identity holds to the money's precision; decimal division leaves noise in the 28th digit.
        Assert.Equal(decimal.Round(view.Current.Segments.Sum(s => s.Point), 6), decimal.Round(view.Current.Total.Point, 6));
        foreach (var row in view.Current.Segments.Append(view.Current.Total).Concat(view.Next.Segments))
        {
            var range = Assert.IsType<ForecastRange>(row.Range);
            Assert.InRange(row.Point, range.Low, range.High);
        }
    }
}
