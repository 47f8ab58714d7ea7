using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Data.Overview;
using ExpansionDashboard.Data.Settings;
using ExpansionDashboard.Data.Tests.Import;
using ExpansionDashboard.Metrics.Alerts;
using ExpansionDashboard.Metrics.Bands;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace ExpansionDashboard.Data.Tests.Alerts;

/// <summary>
/// One evaluation of the stored rules behind the Overview list, its tiles, the review deck and the stored firings, on a
/// book small enough to compute by hand: A1 (Enterprise) pays 1,000 and A2 (SMB) 300 a month, flat, April to September
/// 2026 (the horizon). SMB won 150 against a 2026-Q2 target of 100 (target met); in 2026-Q3 SMB has 500 open against
/// 1,000 (0.5x), Enterprise 3,000 open against 1,000 (3.0x), the company 3,500 against 2,000 (1.75x).
/// </summary>
[Trait(Lanes.Category, Lanes.Store)]
public sealed class AlertEvaluatorTests : IAsyncLifetime
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private ImportTestContext _ctx = default!;
    private AlertSystem _alerts = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private OverviewQuery Overview => new(_ctx.Snapshots, Time, new SettingsProvider(_ctx.Db), _alerts.Evaluator);

    public async ValueTask InitializeAsync()
    {
        _ctx = await ImportTestContext.CreateAsync(seed: false);
        await _ctx.CommitAsync(ImportKind.Accounts, "account_id,name,segment\nA1,Alpha,Enterprise\nA2,Beta,SMB\n");
        await _ctx.CommitAsync(ImportKind.Mrr, "account_id,month,product,mrr\n" + string.Concat(Enumerable.Range(4, 6).Select(m => $"A1,2026-{m:00},Core,1000\nA2,2026-{m:00},Core,300\n")));
        await _ctx.CommitAsync(ImportKind.Targets, "quarter,segment,amount\n2026-Q2,SMB,100\n2026-Q3,SMB,1000\n2026-Q3,Enterprise,1000\n");
        await _ctx.CommitAsync(ImportKind.Opportunities, """
            opportunity_id,account_id,name,type,stage,amount,expected_close,owner,created,closed
            O1,A2,Won in Q2,Upsell,Closed Won,150,2026-05-15,Ben,2026-04-01,2026-05-15
            O2,A2,Open SMB,Upsell,Proposal,500,2026-09-20,Ben,2026-07-01,
            O3,A1,Open Enterprise,Upsell,Proposal,3000,2026-09-20,Ana,2026-07-01,
            """);
        _alerts = new AlertSystem(_ctx.Db, _ctx.Snapshots, Time);
        await _alerts.Rules.EnsureDefaultRulesAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        _alerts.Dispose();
        await _ctx.DisposeAsync();
    }

    [Fact]
    public async Task Findings_Horizon_CoverageOfCompanyAndSmbAndTheFlatExpansionRate()
    {
        var findings = await _alerts.Evaluator.FindingsAsync(ct: Ct);

        Assert.Equal(
            [
                (AlertMetric.Coverage, Scope.Company, 1.75m, "2026-Q3", AlertSeverity.Alert),
                (AlertMetric.Coverage, Scope.Of("SMB"), 0.5m, "2026-Q3", AlertSeverity.Alert),
                (AlertMetric.ExpansionRate, Scope.Company, 0m, "2026-09", AlertSeverity.Watch),
            ],
            findings.Select(f => (f.Metric, f.Scope, f.Value, f.Period, f.Severity)));
        Assert.Equal("SMB coverage for 2026-Q3 is 0.5x, below 2.5x", findings[1].Message);
    }

    [Fact]
    public async Task Overview_LatestMonth_ListCountEqualsTheOpenFiringsTheMonitorStores()
    {
        await _alerts.Evaluator.RefreshFiringsAsync(Ct);

        var view = await Overview.GetAsync(ct: Ct);
        var open = await _alerts.Firings.ActiveAsync(Ct);

        Assert.Equal(3, view.Alerts.Count);
        Assert.Equal(view.Alerts.Select(a => (a.RuleId, a.Scope)).Order(), open.Select(f => (f.RuleId, f.Scope)).Order());
    }

    [Fact]
    public async Task Overview_RuleThresholdEdited_ListAndReviewDeckFollowTheStoredRule()
    {
        var perSegment = (await _alerts.Rules.RulesAsync(Ct)).Single(r => r.Metric == "coverage" && r.Scope.Kind == ScopeKind.EachSegment);
        Assert.Contains((await Overview.GetAsync(ct: Ct)).Alerts, a => a.Scope == Scope.Of("SMB"));

        // 0.5x is not below a 0.4x line: the segment's finding goes; the company's (1.75x against its own 2.5x rule) stays.
        Assert.Empty(await _alerts.Rules.SaveRuleAsync(perSegment with { Threshold = 0.4m }, Ct));

        var view = await Overview.GetAsync(ct: Ct);
        Assert.DoesNotContain(view.Alerts, a => a.Metric == AlertMetric.Coverage && a.Scope == Scope.Of("SMB"));
        Assert.Contains(view.Alerts, a => a.Metric == AlertMetric.Coverage && a.Scope.IsCompany);
        var deck = await new Data.Review.ReviewQuery(_ctx.Snapshots, new SettingsProvider(_ctx.Db),
            _alerts.Evaluator, _alerts.Firings, Time).GetAsync(new DateOnly(2026, 11, 23), Ct);
        Assert.Equal([Scope.Company], deck.CoverageFindings.Select(f => f.Scope));
    }

    [Fact]
    public async Task Overview_SmbInJune_TargetMetTileHasNoCoverageAlertThoughSmbFiresAtTheHorizon()
    {
        await _alerts.Evaluator.RefreshFiringsAsync(Ct);
        Assert.Contains(await _alerts.Firings.ActiveAsync(Ct), f => f.Metric == "coverage" && f.Scope == Scope.Of("SMB"));

        var view = await Overview.GetAsync(new AccountFilter(Segment: "SMB"), new Month(2026, 6), Ct);

        Assert.Equal(CoverageBand.TargetMet, view.CompanyCoverage.Band);
        Assert.Equal((Severity.Good, "Target met"), (view.Coverage.Severity, view.Coverage.BandLabel));
        Assert.DoesNotContain(view.Alerts, a => a.Metric == AlertMetric.Coverage);
        Assert.Equal([(AlertMetric.ExpansionRate, Scope.Of("SMB"), "2026-06")], view.Alerts.Select(a => (a.Metric, a.Scope, a.Period)));
    }

    [Fact]
    public async Task Overview_SmbAtTheHorizon_TileRedFromTheSegmentRuleJudgedOnce()
    {
        var view = await Overview.GetAsync(new AccountFilter(Segment: "SMB"), ct: Ct);

        var coverage = Assert.Single(view.Alerts, a => a.Metric == AlertMetric.Coverage);
        Assert.Equal((Scope.Of("SMB"), 0.5m), (coverage.Scope, coverage.Value));
        Assert.Equal((Severity.Alert, "Alert"), (view.Coverage.Severity, view.Coverage.BandLabel));
    }

    [Fact]
    public async Task Overview_CoverageRuleDisabled_RedBandReadsWatchWithoutAFiringRule()
    {
        foreach (var r in (await _alerts.Rules.RulesAsync(Ct)).Where(r => r.Metric == "coverage"))
        {
            Assert.Empty(await _alerts.Rules.SaveRuleAsync(r with { Enabled = false }, Ct));
        }

        var view = await Overview.GetAsync(ct: Ct);

        Assert.Equal(CoverageBand.Alert, view.CompanyCoverage.Band);
        Assert.Equal((Severity.Watch, "Watch"), (view.Coverage.Severity, view.Coverage.BandLabel));
        Assert.DoesNotContain(view.Alerts, a => a.Metric == AlertMetric.Coverage);
    }
}
