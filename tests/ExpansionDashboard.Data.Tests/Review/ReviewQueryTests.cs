using ExpansionDashboard.Data.Overview;
using ExpansionDashboard.Data.Review;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Pipeline;

namespace ExpansionDashboard.Data.Tests.Review;

[Trait(Lanes.Category, Lanes.Store)]
public sealed class ReviewQueryTests(DemoStoreFixture store) : IClassFixture<DemoStoreFixture>
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ReviewQuery Query(Alerts.AlertSystem alerts) =>
        new(store.Snapshots, store.Settings, alerts.Evaluator, alerts.Firings, DemoStoreFixture.Time);

    [Fact]
    public async Task Deck_Today_HeadlineNumbersEqualTheOverview()
    {
        using var alerts = new Alerts.AlertSystem(store.Db, store.Snapshots, DemoStoreFixture.Time);
        var deck = await Query(alerts).GetAsync(Today, Ct);
        var overview = await new OverviewQuery(store.Snapshots, DemoStoreFixture.Time, store.Settings, alerts.Evaluator).GetAsync(ct: Ct);

        Assert.Equal(overview.NrrT12m.Value, deck.Numbers.Single(n => n.Id == "nrr-t12m").Value);
        Assert.Equal(overview.Coverage.Value, deck.Numbers.Single(n => n.Id == "coverage").Value);
        Assert.Equal(overview.ExpansionRate.Value, deck.Numbers.Single(n => n.Id == "expansion-rate").Value);
        Assert.Equal(new Month(2026, 11), deck.Month);
        Assert.Equal(Quarter.Parse("2026-Q4"), deck.Quarter);
        Assert.Equal(deck.TopOpportunities.OrderByDescending(o => o.Amount).Select(o => o.Id), deck.TopOpportunities.Select(o => o.Id));
        Assert.True(deck.TopOpportunities.Count <= 20);
    }

    [Fact]
    public async Task Deck_WeekAgo_CoverageFromThePipelineAsItStoodThen()
    {
        using var alerts = new Alerts.AlertSystem(store.Db, store.Snapshots, DemoStoreFixture.Time);
        var deck = await Query(alerts).GetAsync(Today, Ct);

        var snap = await store.Snapshots.GetAsync(Ct);
        var then = PipelineCoverage.Compute(OpportunityHistory.AsOf(snap.Opportunities, Today.AddDays(-7)), snap.Targets, Quarter.Parse("2026-Q4"), null, CoverageThresholds.Default);
        var coverage = deck.Numbers.Single(n => n.Id == "coverage");
        Assert.Equal(then.Coverage, coverage.Previous);
        Assert.Equal(ReviewNumber.LastWeek, coverage.Since);
        Assert.Equal(coverage.Value - then.Coverage, coverage.Change);
    }

    [Fact]
    public async Task Deck_MonthlyFigures_ComparedWithLastMonthNotLastWeek()
    {
        using var alerts = new Alerts.AlertSystem(store.Db, store.Snapshots, DemoStoreFixture.Time);
        var deck = await Query(alerts).GetAsync(Today, Ct);

        var model = (await store.Snapshots.GetAsync(Ct)).Revenue;
        var october = new Month(2026, 10);
        var nrr = deck.Numbers.Single(n => n.Id == "nrr-t12m");
        Assert.Equal(ReviewNumber.LastMonth, nrr.Since);
        Assert.Equal(Metrics.Retention.RetentionWindow.Compute(model, october.AddMonths(-12), october).Nrr, nrr.Previous);
        Assert.Equal(ReviewNumber.LastMonth, deck.Numbers.Single(n => n.Id == "expansion-rate").Since);
        Assert.All(deck.Segments, s => Assert.NotNull(s.ExpansionRatePrevious));
        Assert.True(deck.DataVersion > 0);
    }

    [Fact]
    public async Task Deck_PastDate_ReportsThatMonthAndQuarter()
    {
        using var alerts = new Alerts.AlertSystem(store.Db, store.Snapshots, DemoStoreFixture.Time);
        var deck = await Query(alerts).GetAsync(new DateOnly(2026, 5, 20), Ct);

        var model = (await store.Snapshots.GetAsync(Ct)).Revenue;
        var may = new Month(2026, 5);
        Assert.Equal((may, Quarter.Parse("2026-Q2")), (deck.Month, deck.Quarter));
        Assert.Equal(Metrics.Retention.RetentionWindow.Compute(model, may.AddMonths(-12), may).Nrr, deck.Numbers.Single(n => n.Id == "nrr-t12m").Value);
        Assert.Equal(may, deck.NrrTrend[^1].Month);
    }

    [Fact]
    public async Task Deck_AtRisk_EveryRowMeetsACriterionAndLargestFirst()
    {
        using var alerts = new Alerts.AlertSystem(store.Db, store.Snapshots, DemoStoreFixture.Time);
        var deck = await Query(alerts).GetAsync(Today, Ct);

        var model = (await store.Snapshots.GetAsync(Ct)).Revenue;
        var t = model.IndexOf(new Month(2026, 11));
        Assert.NotEmpty(deck.AtRisk);
        Assert.Equal(deck.AtRisk.OrderByDescending(r => r.Mrr).Select(r => r.AccountId), deck.AtRisk.Select(r => r.AccountId));
        foreach (var r in deck.AtRisk)
        {
            var a = model.Accounts.Single(x => x.Account.Id == r.AccountId);
            var contracted = a.Total[t] < a.Total[t - 1];
            Assert.True(contracted || r.HealthScore < 40m || r.Reasons.Contains("usage down", StringComparison.Ordinal), r.Reasons);
            Assert.Equal(contracted, r.Reasons.Contains("contracted", StringComparison.Ordinal));
        }
    }
}
