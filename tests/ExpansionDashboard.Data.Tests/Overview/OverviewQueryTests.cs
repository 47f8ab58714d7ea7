using ExpansionDashboard.Data.Overview;
using ExpansionDashboard.Data.Settings;
using ExpansionDashboard.Data.Snapshot;
using ExpansionDashboard.Data.Tests.Import;
using ExpansionDashboard.Metrics.Alerts;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Movements;
using ExpansionDashboard.Metrics.Pipeline;

namespace ExpansionDashboard.Data.Tests.Overview;

[Trait(Lanes.Category, Lanes.Store)]
public sealed class OverviewQueryTests(DemoStoreFixture store) : IClassFixture<DemoStoreFixture>
{
    private static readonly Month Oct = new(2026, 10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<DashboardSnapshot> SnapshotAsync() => await store.Snapshots.GetAsync(Ct);

    private OverviewQuery Query => new(store.Snapshots, DemoStoreFixture.Time, store.Settings, Alerts.AlertSystem.EvaluatorFor(store.Db, store.Snapshots, DemoStoreFixture.Time));

    [Fact]
    public async Task Overview_AsOfOctober_ChangesAreOctoberAgainstSeptember()
    {
        var model = (await SnapshotAsync()).Revenue;
        var view = await Query.GetAsync(null, Oct, Ct);

        var changes = Assert.IsType<MonthChanges>(view.Changes);
        Assert.Equal((Oct.AddMonths(-1), Oct), (changes.Previous, changes.Current));
        int t = model.IndexOf(Oct), p = t - 1;
        var mrr = changes.Kpis.Single(k => k.Id == "mrr");
        Assert.Equal(model.Accounts.Sum(a => a.Total[p]), mrr.Previous);
        Assert.Equal(model.Accounts.Sum(a => a.Total[t]), mrr.Current);
        Assert.Equal(view.Mrr.Value, mrr.Current);
        Assert.Equal(MrrMovements.Compute(model).Single(m => m.Month == Oct), changes.Movements);
        var expectedTop = model.Accounts.Select(a => a.Total[t] - a.Total[p]).Where(d => d > 0).OrderDescending().Take(5).ToList();
        Assert.Equal(expectedTop, changes.Gainers.Select(g => g.Change));
        var expectedWorst = model.Accounts.Select(a => a.Total[t] - a.Total[p]).Where(d => d < 0).Order().Take(5).ToList();
        Assert.Equal(expectedWorst, changes.Losers.Select(g => g.Change));
    }

    [Fact]
    public async Task Overview_DemoData_ActiveAlertsAreTheRulesTheFiguresBreak()
    {
        var snap = await SnapshotAsync();
        var view = await Query.GetAsync(ct: Ct);

        var smb = PipelineCoverage.Compute(snap.Opportunities, snap.Targets, view.Quarter, "SMB", CoverageThresholds.Default);
        Assert.Equal(CoverageBand.Alert, smb.Band);
        var finding = Assert.Single(view.Alerts, a => a.Metric == AlertMetric.Coverage && a.Scope == Scope.Of("SMB"));
        Assert.Equal(smb.Coverage, finding.Value);
        Assert.Equal(AlertSeverity.Alert, finding.Severity);
        Assert.Equal(view.ExpansionRate.Value < 2m, view.Alerts.Any(a => a.Metric == AlertMetric.ExpansionRate));
        Assert.Equal(view.NrrT12m.Value < 100m, view.Alerts.Any(a => a.Metric == AlertMetric.NrrT12m));
        Assert.Equal(view.GrrT12m.Value < 90m, view.Alerts.Any(a => a.Metric == AlertMetric.GrrT12m));
        Assert.Equal(view.Alerts.OrderByDescending(a => a.Severity), view.Alerts);
    }

    [Fact]
    public async Task Overview_SmallBook_ExpansionBySegmentRateAndMaturityByHand()
    {
        // A1 (Enterprise) grows 1000 → 1200 in 2026-09; A2 (SMB) stays at 300.
        await using var ctx = await ImportTestContext.CreateAsync();
        var query = new OverviewQuery(ctx.Snapshots, DemoStoreFixture.Time, new SettingsProvider(ctx.Db), Alerts.AlertSystem.EvaluatorFor(ctx.Db, ctx.Snapshots, DemoStoreFixture.Time));

        var view = await query.GetAsync(ct: Ct);

        Assert.Equal(new Month(2026, 9), view.AsOf);
        Assert.Equal((1500m, 18_000m), (view.Mrr.Value, view.Arr.Value));
        Assert.Equal([("Enterprise", 20m, Metrics.Bands.Severity.Good), ("SMB", 0m, Metrics.Bands.Severity.Watch)],
            view.ExpansionBySegment.Select(s => (s.Segment, s.Rate!.Value, s.Severity)));
        Assert.Equal(200m / 1300m * 100m, view.ExpansionRate.Value);
        Assert.Equal("Exceptional", view.ExpansionRate.BandLabel);
        // Expansion is all the new ARR (100 %), but without 12 months of history there is no NRR: stage 1.
        Assert.Equal(1m, view.MaturityStage.Value);
        Assert.Equal("Stage 1 of 5", view.MaturityStage.BandLabel);
        Assert.Equal("stage 1: needs 12 months of history for T12M NRR", view.MaturityStage.Hint);
        Assert.Equal("No data", view.NrrT12m.BandLabel);
        Assert.Equal(1300m, view.Changes!.Kpis.Single(k => k.Id == "mrr").Previous);
    }

    [Fact]
    public async Task Overview_YearBook_RetentionAndExpansionRateByHand()
    {
        await using var ctx = await ImportTestContext.CreateAsync(seed: false);
        await ctx.CommitAsync(Data.Import.ImportKind.Accounts, TestKit.Books.YearBook.Accounts);
        await ctx.CommitAsync(Data.Import.ImportKind.Mrr, TestKit.Books.YearBook.Mrr);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestKit.Books.YearBook.Now);
        var query = new OverviewQuery(ctx.Snapshots, clock, new SettingsProvider(ctx.Db), Alerts.AlertSystem.EvaluatorFor(ctx.Db, ctx.Snapshots, clock));

        var view = await query.GetAsync(ct: Ct);

        Assert.Equal(new Month(2026, 9), view.AsOf);
        Assert.Equal((1900m, 22_800m), (view.Mrr.Value, view.Arr.Value));
        Assert.Equal(120m, view.NrrT12m.Value);
        Assert.Equal("World class", view.NrrT12m.BandLabel);
        Assert.Equal(Math.Round(1300m / 1500m * 100m, 6), Math.Round(view.GrrT12m.Value!.Value, 6));
        Assert.Equal(Math.Round(500m / 1400m * 100m, 6), Math.Round(view.ExpansionRate.Value!.Value, 6));
    }

    [Fact]
    public async Task Overview_SegmentFilter_OneCoverageAlertPerScope()
    {
        var view = await Query.GetAsync(new AccountFilter(Segment: "SMB"), ct: Ct);

        Assert.Single(view.Alerts, a => a.Metric == AlertMetric.Coverage && a.Scope == Scope.Of("SMB"));
        Assert.Equal(view.Alerts.Count, view.Alerts.DistinctBy(a => (a.Metric, a.QuarterOffset, a.Scope)).Count());
    }
}
