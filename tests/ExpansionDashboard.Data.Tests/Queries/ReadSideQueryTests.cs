using ExpansionDashboard.Data.Demo;
using ExpansionDashboard.Data.Queries;
using ExpansionDashboard.Data.Settings;
using ExpansionDashboard.Metrics.Alerts;
using ExpansionDashboard.Metrics.Cohorts;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Movements;
using ExpansionDashboard.Metrics.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ExpansionDashboard.Data.Tests.Queries;

/// <summary>The demo store, seeded once for every read-side test in the class (the tests only read).</summary>
public sealed class DemoStoreFixture : IAsyncLifetime
{
    public static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    public TestDatabase Db { get; private set; } = default!;

    public DashboardSnapshotProvider Snapshots { get; private set; } = default!;

    public PageQueries Pages => new(Snapshots, Db, Time, new ThresholdStore(Db));

    public OverviewQuery Overview => new(Snapshots, Time, new ThresholdStore(Db));

    public async ValueTask InitializeAsync()
    {
        Db = await TestDatabase.CreateMigratedAsync();
        await new DemoDataSeeder(Db, Time, NullLogger<DemoDataSeeder>.Instance).SeedIfEmptyAsync();
        Snapshots = new DashboardSnapshotProvider(Db);
    }

    public async ValueTask DisposeAsync()
    {
        Snapshots.Dispose();
        await Db.DisposeAsync();
    }
}

[Trait(Lanes.Category, Lanes.Store)]
public sealed class ReadSideQueryTests(DemoStoreFixture store) : IClassFixture<DemoStoreFixture>
{
    private static readonly Month Oct = new(2026, 10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<DashboardSnapshot> SnapshotAsync() => await store.Snapshots.GetAsync(Ct);

    [Fact]
    public async Task Overview_AsOfOctober_ChangesAreOctoberAgainstSeptember()
    {
        var model = (await SnapshotAsync()).Revenue;
        var view = await store.Overview.GetAsync(null, Oct, Ct);

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
        var view = await store.Overview.GetAsync(ct: Ct);

        var smb = PipelineCoverage.Compute(snap.Opportunities, snap.Targets, view.Quarter, "SMB", CoverageThresholds.Default);
        Assert.Equal(CoverageBand.Alert, smb.Band);
        var finding = Assert.Single(view.Alerts, a => a.RuleId == ThresholdAlerts.Coverage && a.Scope == "SMB");
        Assert.Equal(smb.Coverage, finding.Value);
        Assert.Equal(Metrics.Bands.Severity.Alert, finding.Severity);
        Assert.Equal(view.ExpansionRate.Value < 2m, view.Alerts.Any(a => a.RuleId == ThresholdAlerts.ExpansionRate));
        Assert.Equal(view.NrrT12m.Value < 100m, view.Alerts.Any(a => a.RuleId == ThresholdAlerts.NrrT12m));
        Assert.Equal(view.GrrT12m.Value < 90m, view.Alerts.Any(a => a.RuleId == ThresholdAlerts.GrrT12m));
        Assert.Equal(view.Alerts.OrderByDescending(a => a.Severity), view.Alerts);
    }

    [Fact]
    public async Task Overview_ExpansionBySegmentAndMaturity_EqualDirectMetricCalls()
    {
        var model = (await SnapshotAsync()).Revenue;
        var view = await store.Overview.GetAsync(null, Oct, Ct);

        Assert.Equal(["Enterprise", "Mid-Market", "SMB"], view.ExpansionBySegment.Select(s => s.Segment));
        foreach (var s in view.ExpansionBySegment)
        {
            Assert.Equal(Metrics.Expansion.ExpansionRate.Compute(model, Oct, new AccountFilter(Segment: s.Segment)), s.Rate);
        }

        var share = Metrics.Expansion.ExpansionShare.Of(MrrMovements.Compute(model).Where(m => m.Month <= Oct && m.Month > Oct.AddMonths(-12)));
        Assert.Equal(Metrics.Expansion.ExpansionMaturity.Stage(share, view.NrrT12m.Value), view.MaturityStage.Value);
    }

    [Fact]
    public async Task Overview_SegmentFilter_OneCoverageAlertPerScope()
    {
        var view = await store.Overview.GetAsync(new AccountFilter(Segment: "SMB"), ct: Ct);

        Assert.Single(view.Alerts, a => a.RuleId == ThresholdAlerts.Coverage && a.Scope == "SMB");
        Assert.Equal(view.Alerts.Count, view.Alerts.DistinctBy(a => (a.RuleId, a.Scope)).Count());
    }

    [Fact]
    public async Task Retention_AsOfOctober_SeriesEndAndBridgeWindowAtOctober()
    {
        var view = await store.Pages.RetentionAsync(null, Oct, Ct);

        Assert.Equal(Oct, view.NrrT12m[^1].Month);
        Assert.Equal(Oct, view.Movements[^1].Month);
        Assert.Equal(Oct, view.Bridge!.End);
        Assert.Equal(Oct.AddMonths(-12), view.Bridge.Start);
    }

    [Fact]
    public async Task Pipeline_SegmentFilter_OnlyThatSegmentsOpportunitiesAndCoverage()
    {
        var view = await store.Pages.PipelineAsync(new AccountFilter(Segment: "SMB"), ct: Ct);

        Assert.Equal("SMB", view.CurrentCompany.Segment);
        Assert.All(view.CurrentBySegment, c => Assert.Equal("SMB", c.Segment));
        var snap = await SnapshotAsync();
        var segmentOf = snap.Revenue.Accounts.ToDictionary(a => a.Account.Id, a => a.Account.Segment);
        var ids = view.OpenOpportunities.Select(o => o.Id).ToHashSet();
        Assert.NotEmpty(ids);
        Assert.All(snap.Opportunities.Where(o => ids.Contains(o.Id)), o => Assert.Equal("SMB", segmentOf[o.AccountId]));
        Assert.Equal(view.OpenOpportunities.Count, view.OpenByStage.Sum(s => s.Count));
    }

    [Fact]
    public async Task Pipeline_CsmFilter_TablesNarrowCoverageStaysOnTargets()
    {
        var all = await store.Pages.PipelineAsync(ct: Ct);
        var snap = await SnapshotAsync();
        var csm = snap.Revenue.Accounts.Select(a => a.Account.Csm).First();

        var view = await store.Pages.PipelineAsync(new AccountFilter(Csm: csm), ct: Ct);

        Assert.Equal(all.CurrentCompany, view.CurrentCompany);
        Assert.True(view.OpenOpportunities.Count < all.OpenOpportunities.Count);
        var csmOf = snap.Revenue.Accounts.ToDictionary(a => a.Account.Id, a => a.Account.Csm);
        var ids = view.OpenOpportunities.Select(o => o.Id).ToHashSet();
        Assert.All(snap.Opportunities.Where(o => ids.Contains(o.Id)), o => Assert.Equal(csm, csmOf[o.AccountId]));
        Assert.Equal(view.ByOwner.Sum(o => o.OpenPipeline), snap.Opportunities
            .Where(o => o.IsOpen && view.Current.Contains(o.ExpectedClose) && csmOf.GetValueOrDefault(o.AccountId) == csm).Sum(o => o.Amount));
    }

    [Fact]
    public async Task Pipeline_AsOfEarlierMonth_ReportsThatQuarter()
    {
        var view = await store.Pages.PipelineAsync(asOfMonth: new Month(2026, 5), ct: Ct);

        Assert.Equal(Quarter.Parse("2026-Q2"), view.Current);
        Assert.Equal(Quarter.Parse("2026-Q3"), view.Next);
    }

    [Fact]
    public async Task Cohorts_BySegment_RowsAreSegmentsAndCellAccountsMatchTheRow()
    {
        var matrix = await store.Pages.CohortsAsync(CohortGrain.Quarter, CohortMeasure.Revenue, by: CohortDimension.Segment, ct: Ct);

        var segments = (await SnapshotAsync()).Revenue.Accounts.Select(a => a.Account.Segment).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(segments, matrix.Rows.Select(r => r.Cohort));
        var smb = matrix.Rows.Single(r => r.Cohort == "SMB");
        var accounts = await store.Pages.CohortAccountsAsync(CohortGrain.Quarter, "SMB", 0, by: CohortDimension.Segment, ct: Ct);
        Assert.Equal(smb.Accounts, accounts.Count);
        Assert.Equal(smb.StartMrr, accounts.Sum(a => a.StartMrr));
        var atSix = await store.Pages.CohortAccountsAsync(CohortGrain.Quarter, "SMB", 6, by: CohortDimension.Segment, ct: Ct);
        Assert.Equal(smb.Cells[6], atSix.Sum(a => a.MrrAtAge) / atSix.Sum(a => a.StartMrr) * 100m);
    }

    [Fact]
    public async Task Cohorts_AllCohorts_AgesRunToTheDataSpan_LaterAgesAreEmpty()
    {
        var model = (await SnapshotAsync()).Revenue;
        var asOf = new Month(2026, 6);

        var matrix = await store.Pages.CohortsAsync(CohortGrain.Month, CohortMeasure.Revenue, asOfMonth: asOf, ct: Ct);

        var first = model.Accounts.Where(a => a.FirstPaidIndex >= 0).Min(a => CohortMatrix.FirstPaidIndex(model, a));
        var expectedRows = model.Accounts.Where(a => a.FirstPaidIndex >= 0)
            .Select(a => model.MonthAt(CohortMatrix.FirstPaidIndex(model, a))).Where(m => m <= asOf).Distinct().Count();
        Assert.Equal(expectedRows, matrix.Rows.Count);
        Assert.Equal(asOf - model.MonthAt(first), matrix.MaxAge);
        Assert.NotNull(matrix.Rows[0].Cells[matrix.MaxAge]);
        foreach (var row in matrix.Rows)
        {
            var reached = asOf - Month.Parse(row.Cohort);
            Assert.All(row.Cells.Skip(reached + 1), Assert.Null);
            Assert.NotNull(row.Cells[reached]);
        }
    }

    [Fact]
    public async Task Cohorts_AsOfEarlierMonth_NoCohortAfterIt()
    {
        var asOf = new Month(2025, 6);

        var matrix = await store.Pages.CohortsAsync(CohortGrain.Month, CohortMeasure.Logos, asOfMonth: asOf, ct: Ct);

        Assert.Equal(asOf.ToString(), matrix.Rows[^1].Cohort);
        Assert.Equal(100m, matrix.Rows[^1].Cells[0]);
        Assert.Null(matrix.Rows[^1].Cells[1]);
    }

    [Fact]
    public async Task Accounts_FilterAndAsOf_MatchingAccountsWithThatMonthsMrr()
    {
        var model = (await SnapshotAsync()).Revenue;

        var rows = await store.Pages.AccountsAsync(new AccountFilter(Region: "EMEA"), Oct, Ct);

        Assert.Equal(model.Accounts.Count(a => a.Account.Region == "EMEA"), rows.Count);
        var t = model.IndexOf(Oct);
        var first = model.Accounts.Single(a => a.Account.Id == rows[0].Id);
        Assert.Equal(first.Total[t], rows[0].Mrr);
        Assert.Equal(first.Total[t] - first.Total[t - 1], rows[0].Change);
    }

    [Fact]
    public async Task Accounts_Health_EqualsTheAccountPagesLatestScore()
    {
        var rows = await store.Pages.AccountsAsync(ct: Ct);

        Assert.All(rows, r => Assert.Equal(r.Health is null, r.HealthBand is null));
        foreach (var row in rows.Where(r => r.Health is not null).Take(5))
        {
            var detail = await store.Pages.AccountDetailAsync(row.Id, Ct);
            Assert.Equal(detail!.Health[0].Score, row.Health);
            Assert.Equal(detail.Health[0].Band, row.HealthBand);
        }
    }

    [Fact]
    public async Task ExpandedAccounts_MonthAndType_SumEqualsTheChartBar()
    {
        var model = (await SnapshotAsync()).Revenue;
        var query = new ExpansionQuery(store.Snapshots, DemoStoreFixture.Time);

        var rows = await query.ExpandedAccountsAsync(Oct, ExpansionType.Seats, ct: Ct);

        Assert.NotEmpty(rows);
        var bar = MrrMovements.Compute(model).Single(m => m.Month == Oct).ExpansionByType.Seats;
        Assert.Equal(bar, rows.Sum(r => r.ExpansionByType.Seats));
    }
}
