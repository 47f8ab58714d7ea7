using ExpansionDashboard.Data.Audit;
using ExpansionDashboard.Data.Queries;
using ExpansionDashboard.Data.Settings;
using ExpansionDashboard.Metrics.Forecast;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Pipeline;
using ExpansionDashboard.Metrics.Retention;
using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Data.Tests.Queries;

[Trait(Lanes.Category, Lanes.Store)]
public sealed class ForecastQueryTests(DemoStoreFixture store) : IClassFixture<DemoStoreFixture>
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ForecastQuery Query => new(store.Snapshots, new ThresholdStore(store.Db), DemoStoreFixture.Time);

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
        Assert.Equal(view.Current.Segments.Sum(s => s.Point), view.Current.Total.Point);
        foreach (var row in view.Current.Segments.Append(view.Current.Total).Concat(view.Next.Segments))
        {
            var range = Assert.IsType<ForecastRange>(row.Range);
            Assert.InRange(row.Point, range.Low, range.High);
        }
    }

    [Fact]
    public async Task Motions_DemoData_EveryMotionPerSegmentAndNrrAgainstBenchmarks()
    {
        var view = await Query.MotionsAsync(4, Ct);

        Assert.Equal(new DateOnly(2025, 10, 1), view.From);
        Assert.Equal(new DateOnly(2026, 9, 30), view.To);
        Assert.Equal(4, view.All.Count);
        Assert.Equal(["Enterprise", "Mid-Market", "SMB"], view.Segments);
        Assert.All(view.All, m => Assert.True(m.Won + m.Lost > 0));
        Assert.Equal(view.All.Sum(m => m.Won), view.BySegment.Values.Sum(s => s.Sum(m => m.Won)));
        Assert.All(view.All, m => Assert.True(m.FunnelDeals > 0 && m.MedianDaysToClose > 0));

        var enterprise = view.Benchmarks.Single(b => b.Segment == "Enterprise");
        Assert.Equal((110m, 130m), (enterprise.Band!.Low, enterprise.Band.High));
        Assert.Equal(SegmentNrrBands.Judge(enterprise.Band, enterprise.Nrr), enterprise.Position);
        Assert.Equal(BenchmarkPosition.NoBand, view.Benchmarks.Single(b => b.Segment == "Mid-Market").Position);
    }
}

[Trait(Lanes.Category, Lanes.Store)]
public sealed class PlannerServiceTests : IAsyncDisposable
{
    private readonly TestDatabase _db;
    private readonly DashboardSnapshotProvider _snapshots;
    private readonly PlannerService _planner;

    public PlannerServiceTests()
    {
        _db = TestDatabase.CreateMigratedAsync().GetAwaiter().GetResult();
        new ExpansionDashboard.Data.Demo.DemoDataSeeder(_db, DemoStoreFixture.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger<ExpansionDashboard.Data.Demo.DemoDataSeeder>.Instance).SeedIfEmptyAsync().GetAwaiter().GetResult();
        _snapshots = new DashboardSnapshotProvider(_db);
        _planner = new PlannerService(_db, _snapshots, new ThresholdStore(_db), new AuditLog(_db, DemoStoreFixture.Time), DemoStoreFixture.Time);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Baseline_SmbThisQuarter_IsThePipelinePagesCoverageInputs()
    {
        var q = Quarter.Parse("2026-Q4");
        var snap = await _snapshots.GetAsync(Ct);

        var b = await _planner.BaselineAsync(q, "SMB", Ct);

        var c = PipelineCoverage.Compute(snap.Opportunities, snap.Targets, q, "SMB");
        Assert.Equal((c.Target, c.ClosedWon, c.OpenPipeline), (b.Target, b.ClosedWon, b.OpenPipeline));
        Assert.Equal(WinRate.Compute(snap.Opportunities, q, 4, "SMB").WinRate, b.WinRate);
        var (quarters, segments) = await _planner.OptionsAsync(Ct);
        Assert.Equal([q, q.AddQuarters(1)], quarters);
        Assert.Equal(["Enterprise", "Mid-Market", "SMB"], segments);
    }

    [Fact]
    public async Task Save_Scenario_ListedWithItsResultReplacedByNameAndAudited()
    {
        var q = Quarter.Parse("2026-Q4");
        var b = await _planner.BaselineAsync(q, "SMB", Ct);

        await _planner.SaveAsync(new ScenarioInput("SMB push", q, "SMB", b.Target, 40m, 10_000m), "admin@test", Ct);
        var id = await _planner.SaveAsync(new ScenarioInput("SMB push", q, "SMB", b.Target, 45m, 50_000m, ShowInReview: true), "admin@test", Ct);
        await _planner.SaveAsync(new ScenarioInput("Hidden", q, null, 1_000_000m, 30m, 0m, ShowInReview: false), "admin@test", Ct);

        var all = await _planner.ScenariosAsync(ct: Ct);
        Assert.Equal(2, all.Count);
        var s = (await _planner.ScenariosAsync(reviewOnly: true, Ct)).Single();
        Assert.Equal((id, 45m, 50_000m), (s.Id, s.WinRate, s.ExtraPipeline));
        var expected = CoveragePlanner.Compute(new PlanInputs(b.Target, b.ClosedWon, b.OpenPipeline, 50_000m, 45m));
        Assert.Equal(expected, s.Result);
        await using var db = _db.CreateDbContext();
        Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.Action == "scenario.save", Ct));

        await _planner.DeleteAsync(id, "admin@test", Ct);
        Assert.Single(await _planner.ScenariosAsync(ct: Ct));
    }

    [Fact]
    public async Task Save_InvalidScenario_IsRefusedWithReasonsAndNothingStored()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _planner.SaveAsync(new ScenarioInput(" ", Quarter.Parse("2026-Q4"), null, 0m, 0m, -1m), "a", Ct));

        Assert.Contains("name", ex.Message, StringComparison.Ordinal);
        Assert.Contains("target", ex.Message, StringComparison.Ordinal);
        Assert.Contains("win rate", ex.Message, StringComparison.Ordinal);
        Assert.Contains("negative", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await _planner.ScenariosAsync(ct: Ct));
    }

    public async ValueTask DisposeAsync()
    {
        _snapshots.Dispose();
        await _db.DisposeAsync();
    }
}
