using ExpansionDashboard.Data.Alerts;
using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Data.Snapshot;
using ExpansionDashboard.Metrics.Alerts;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ExpansionDashboard.Data.Tests.Alerts;

/// <summary>The rule store, firing store, outbox and lock on the demo book (what the monitor runs on).</summary>
[Trait(Lanes.Category, Lanes.Store)]
public sealed class AlertStoreTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private TestDatabase _db = default!;
    private DashboardSnapshotProvider _snapshots = default!;
    private AlertSystem _alerts = default!;
    private FormEditService _edits = default!;
    private ImportService _imports = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateFromDemoAsync();
        _snapshots = new DashboardSnapshotProvider(_db);
        _alerts = new AlertSystem(_db, _snapshots, _time);
        _imports = new ImportService(_db, _snapshots, _time, NullLogger<ImportService>.Instance);
        _edits = new FormEditService(_imports);
        await _alerts.Rules.EnsureDefaultRulesAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        _alerts.Dispose();
        _snapshots.Dispose();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task TryLead_TwoMonitors_OnlyOneRunsARoundAtATimeOnAServerDatabase()
    {
        using var other = new AlertSystem(_db, _snapshots, _time);

        var first = await _alerts.Lock.TryAcquireAsync(StoreLock.AlertMonitorKey, Ct);
        var second = await other.Lock.TryAcquireAsync(StoreLock.AlertMonitorKey, Ct);

        Assert.NotNull(first);
#if POSTGRESQL
        // Two app instances on one PostgreSQL store: the second waits for the next tick, so a firing is posted once.
        Assert.Null(second);
        await first.DisposeAsync();
        var after = await other.Lock.TryAcquireAsync(StoreLock.AlertMonitorKey, Ct);
        Assert.NotNull(after);
        await after.DisposeAsync();
#else
        // SQLite is one node: every round runs.
        Assert.NotNull(second);
        await first.DisposeAsync();
        await second.DisposeAsync();
#endif
    }

    [Fact]
    public async Task EnsureDefaultRules_Twice_SeedsOnceAndNotAfterAnAdminDeletesThem()
    {
        await _alerts.Rules.EnsureDefaultRulesAsync(Ct);
        var rules = await _alerts.Rules.RulesAsync(Ct);
        Assert.Equal(Metrics.Alerts.AlertRules.Defaults.Count, rules.Count);

        foreach (var r in rules)
        {
            await _alerts.Rules.DeleteRuleAsync(r.Id, Ct);
        }

        await _alerts.Rules.EnsureDefaultRulesAsync(Ct);
        Assert.Empty(await _alerts.Rules.RulesAsync(Ct));
    }

    [Fact]
    public async Task Evaluate_DemoData_OpensSmbCoverageFiringWithTheCoverageValue_OnceOnly()
    {
        var first = await _alerts.Evaluator.RefreshFiringsAsync(Ct);

        var snap = await _snapshots.GetAsync(Ct);
        var smb = PipelineCoverage.Compute(snap.Opportunities, snap.Targets, Quarter.Parse("2026-Q4"), "SMB", CoverageThresholds.Default);
        var active = await _alerts.Firings.ActiveAsync(Ct);
        var firing = Assert.Single(active, f => f.Metric == "coverage" && f.Scope == Scope.Of("SMB"));
        Assert.Equal(smb.Coverage, firing.Value);
        Assert.Equal(2.5m, firing.Threshold);
        Assert.Equal(AlertSeverity.Alert, firing.Severity);
        Assert.Equal("2026-Q4", firing.Period);
        Assert.Equal(NotifyState.None, firing.NotifyState);
        Assert.DoesNotContain(active, f => f.Metric == "coverage" && f.Scope == Scope.Of("Enterprise"));
        Assert.Equal(first.Opened, active.Count);
        Assert.False(await _alerts.Evaluator.NeedsRefreshAsync(Ct));

        var again = await _alerts.Evaluator.RefreshFiringsAsync(Ct);
        Assert.Equal(0, again.Opened);
        Assert.Equal(0, again.Resolved);
        Assert.Equal(active.Count, again.StillOpen);
    }

    [Fact]
    public async Task Evaluate_TargetEditPushesEnterpriseBelowLine_OneNewPendingFiringThenResolvedOnRevert()
    {
        await _alerts.Evaluator.RefreshFiringsAsync(Ct);
        Assert.Null(await _alerts.Rules.SetGlobalWebhookAsync("http://127.0.0.1:9/hook", Ct));
        var snap = await _snapshots.GetAsync(Ct);
        var ent = PipelineCoverage.Compute(snap.Opportunities, snap.Targets, Quarter.Parse("2026-Q4"), "Enterprise", CoverageThresholds.Default);
        Assert.True(ent.Coverage > 2.5m);

        // A bigger target: remaining target grows until open pipeline covers it only 2x.
        var outcome = await _edits.SaveTargetAsync("2026-Q4", "Enterprise", ent.ClosedWon + ent.OpenPipeline / 2m, "admin", Ct);
        Assert.True(await _alerts.Evaluator.NeedsRefreshAsync(Ct));
        var result = await _alerts.Evaluator.RefreshFiringsAsync(Ct);

        // The segment fires; the company line fires too exactly when the company's coverage (all targets) fell below it.
        snap = await _snapshots.GetAsync(Ct);
        var company = PipelineCoverage.Compute(snap.Opportunities, snap.Targets, Quarter.Parse("2026-Q4"), null, CoverageThresholds.Default);
        var newFirings = (await _alerts.Firings.ActiveAsync(Ct)).Where(f => result.OpenedIds.Contains(f.Id)).ToList();
        Assert.Equal(company.Coverage < 2.5m ? 2 : 1, newFirings.Count);
        var firing = Assert.Single(newFirings, f => f.Scope == Scope.Of("Enterprise"));
        var opened = firing.Id;
        Assert.Equal(("coverage", NotifyState.Pending), (firing.Metric, firing.NotifyState));
        Assert.Equal(2.0m, Math.Round(firing.Value, 6));
        var due = await _alerts.Outbox.DueAsync(Ct);
        Assert.Equal(newFirings.Select(f => f.Id).Order(), due.Select(d => d.Firing.Id).Order());
        Assert.All(due, d => Assert.Equal("http://127.0.0.1:9/hook", d.Url));

        await _imports.RevertAsync(outcome.BatchId, "admin", Ct);
        var back = await _alerts.Evaluator.RefreshFiringsAsync(Ct);
        Assert.Equal(newFirings.Count, back.Resolved);
        Assert.DoesNotContain(await _alerts.Firings.ActiveAsync(Ct), f => f.Id == opened);
        Assert.NotNull((await _alerts.Firings.HistoryAsync(ct: Ct)).Single(f => f.Id == opened).ResolvedUtc);
    }

    [Fact]
    public async Task RecordDelivery_Failures_BackOffThenGiveUp_SuccessMarksSent()
    {
        Assert.Null(await _alerts.Rules.SetGlobalWebhookAsync("https://hooks.example.test/x", Ct));
        await _alerts.Evaluator.RefreshFiringsAsync(Ct);
        var firing = (await _alerts.Firings.ActiveAsync(Ct))[0];
        Assert.Equal(NotifyState.Pending, firing.NotifyState);

        await _alerts.Outbox.RecordDeliveryAsync(firing.Id, false, "The webhook answered 500.", Ct);
        Assert.DoesNotContain(await _alerts.Outbox.DueAsync(Ct), d => d.Firing.Id == firing.Id);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Single(await _alerts.Outbox.DueAsync(Ct), d => d.Firing.Id == firing.Id);
        await _alerts.Outbox.RecordDeliveryAsync(firing.Id, false, "again", Ct);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(await _alerts.Outbox.DueAsync(Ct), d => d.Firing.Id == firing.Id);
        _time.Advance(TimeSpan.FromSeconds(1));
        await _alerts.Outbox.RecordDeliveryAsync(firing.Id, true, null, Ct);

        var sent = (await _alerts.Firings.ActiveAsync(Ct)).Single(f => f.Id == firing.Id);
        Assert.Equal((NotifyState.Sent, 3), (sent.NotifyState, sent.NotifyAttempts));

        var all = await _alerts.Firings.ActiveAsync(Ct);
        var other = all[^1];
        for (var i = 0; i < AlertOutbox.MaxAttempts; i++)
        {
            await _alerts.Outbox.RecordDeliveryAsync(other.Id, false, "down", Ct);
        }

        Assert.Equal(NotifyState.Failed, (await _alerts.Firings.ActiveAsync(Ct)).Single(f => f.Id == other.Id).NotifyState);
    }

    [Fact]
    public async Task Acknowledge_OpenFiring_RecordsWhoOnce()
    {
        await _alerts.Evaluator.RefreshFiringsAsync(Ct);
        var firing = (await _alerts.Firings.ActiveAsync(Ct))[0];

        Assert.True(await _alerts.Firings.AcknowledgeAsync(firing.Id, "lead@demo.local", Ct));
        Assert.False(await _alerts.Firings.AcknowledgeAsync(firing.Id, "someone-else", Ct));
        Assert.Equal("lead@demo.local", (await _alerts.Firings.ActiveAsync(Ct)).Single(f => f.Id == firing.Id).AcknowledgedBy);
    }

    [Fact]
    public async Task SaveRule_InvalidInput_FieldMessagesAndNothingSaved()
    {
        var before = await _alerts.Rules.RulesAsync(Ct);

        var errors = await _alerts.Rules.SaveRuleAsync(new AlertRuleRow(0, " ", "no-such-metric", null, 3, -1m, "loud", true, "ftp://x"), Ct);

        Assert.Equal(new HashSet<string> { "Name", "Metric", "Severity", "QuarterOffset", "WebhookUrl" }, errors.Keys.ToHashSet());
        Assert.Equal(before.Count, (await _alerts.Rules.RulesAsync(Ct)).Count);
        Assert.NotNull(await _alerts.Rules.SetGlobalWebhookAsync("not a url", Ct));
    }

    [Fact]
    public async Task SaveRule_RaisedLineAndDisabledRule_ReevaluationOpensAndResolves()
    {
        await _alerts.Evaluator.RefreshFiringsAsync(Ct);
        var rules = await _alerts.Rules.RulesAsync(Ct);
        var perSegment = rules.Single(r => r.Metric == "coverage" && r.Segment == "*");

        Assert.Empty(await _alerts.Rules.SaveRuleAsync(perSegment with { Threshold = 5m }, Ct));
        Assert.True(await _alerts.Evaluator.NeedsRefreshAsync(Ct));
        await _alerts.Evaluator.RefreshFiringsAsync(Ct);
        Assert.Contains(await _alerts.Firings.ActiveAsync(Ct), f => f.Metric == "coverage" && f.Scope == Scope.Of("Enterprise"));

        Assert.Empty(await _alerts.Rules.SaveRuleAsync(perSegment with { Threshold = 5m, Enabled = false }, Ct));
        await _alerts.Evaluator.RefreshFiringsAsync(Ct);
        Assert.DoesNotContain(await _alerts.Firings.ActiveAsync(Ct), f => f.RuleId == perSegment.Id);
    }

    [Fact]
    public async Task Evaluate_RedHealthShareRule_ValueEqualsShareOfMrrInRedAccounts()
    {
        var rules = await _alerts.Rules.RulesAsync(Ct);
        var red = rules.Single(r => r.Metric == "red-health-share");
        Assert.Empty(await _alerts.Rules.SaveRuleAsync(red with { Threshold = 0.001m }, Ct));

        await _alerts.Evaluator.RefreshFiringsAsync(Ct);

        var model = (await _snapshots.GetAsync(Ct)).Revenue;
        var health = (await _snapshots.GetAsync(Ct)).HealthAt(new Month(2026, 11), null);
        var t = model.IndexOf(health!.Month);
        var scored = model.Accounts.Where(a => health.Scores.ContainsKey(a.Account.Id)).ToList();
        var expected = scored.Where(a => health.Scores[a.Account.Id].Score.Band == Metrics.Health.HealthBand.Red).Sum(a => a.Total[t]) / scored.Sum(a => a.Total[t]) * 100m;
        Assert.Equal(expected, (await _alerts.Firings.ActiveAsync(Ct)).Single(f => f.RuleId == red.Id).Value);
    }

    [Fact]
    public async Task DeleteRule_OpenFiring_ResolvesAndKeepsItsHistoryWithTheRulesName()
    {
        await _alerts.Evaluator.RefreshFiringsAsync(Ct);
        var firing = (await _alerts.Firings.ActiveAsync(Ct)).Single(f => f.Metric == "coverage" && f.Scope == Scope.Of("SMB"));

        await _alerts.Rules.DeleteRuleAsync(firing.RuleId, Ct);
        Assert.DoesNotContain(await _alerts.Rules.RulesAsync(Ct), r => r.Id == firing.RuleId);
        Assert.True(await _alerts.Evaluator.NeedsRefreshAsync(Ct));
        await _alerts.Evaluator.RefreshFiringsAsync(Ct);

        Assert.DoesNotContain(await _alerts.Firings.ActiveAsync(Ct), f => f.RuleId == firing.RuleId);
        var kept = (await _alerts.Firings.HistoryAsync(ct: Ct)).Single(f => f.Id == firing.Id);
        Assert.Equal((firing.RuleName, "coverage", FiringStatus.Resolved), (kept.RuleName, kept.Metric, kept.Status));
        Assert.Equal(firing.Message, kept.Message);
    }

    [Fact]
    public async Task SaveRule_DeletedRule_RefusedAsNoLongerExisting()
    {
        var rule = (await _alerts.Rules.RulesAsync(Ct))[0];
        await _alerts.Rules.DeleteRuleAsync(rule.Id, Ct);

        var errors = await _alerts.Rules.SaveRuleAsync(rule with { Threshold = 1m }, Ct);

        Assert.Equal(["Id"], errors.Keys);
    }

    [Fact]
    public async Task EnsureDefaultRules_NewStore_EveryScopeStoredInItsOneSpelling()
    {
        await using var db = _db.CreateDbContext();
        var stored = await db.AlertRules.AsNoTracking().OrderBy(r => r.Id).Select(r => r.Segment).ToListAsync(Ct);

        Assert.Equal(["company", "*", "company", "company", "company", "company", "company"], stored);
    }

    [Fact]
    public async Task RefreshFirings_LegacyCompanySpelling_SameFiringContinuesAndIsRewritten()
    {
        await _alerts.Evaluator.RefreshFiringsAsync(Ct);
        var company = (await _alerts.Firings.ActiveAsync(Ct)).First(f => f.Scope.IsCompany);
        await using (var db = _db.CreateDbContext())
        {
            await db.AlertFirings.Where(f => f.Id == company.Id).ExecuteUpdateAsync(s => s.SetProperty(f => f.Scope, "Company"), Ct);
            await db.StoreMeta.Where(m => m.Key == "alerts_evaluated").ExecuteDeleteAsync(Ct);
        }

        var again = await _alerts.Evaluator.RefreshFiringsAsync(Ct);

        Assert.Equal((0, 0), (again.Opened, again.Resolved));
        await using var check = _db.CreateDbContext();
        Assert.Equal("company", await check.AlertFirings.Where(f => f.Id == company.Id).Select(f => f.Scope).SingleAsync(Ct));
    }
}
