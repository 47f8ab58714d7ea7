using ExpansionDashboard.Data.Audit;
using ExpansionDashboard.Data.Planner;
using ExpansionDashboard.Data.Settings;
using ExpansionDashboard.Data.Snapshot;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Data.Tests.Planner;

[Trait(Lanes.Category, Lanes.Store)]
public sealed class PlannerTests : IAsyncDisposable
{
    private readonly TestDatabase _db;
    private readonly DashboardSnapshotProvider _snapshots;
    private readonly PlannerQuery _planner;
    private readonly PlannerScenarios _scenarios;

    public PlannerTests()
    {
        _db = TestDatabase.CreateMigratedAsync().GetAwaiter().GetResult();
        new ExpansionDashboard.Data.Demo.DemoDataSeeder(_db, DemoStoreFixture.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger<ExpansionDashboard.Data.Demo.DemoDataSeeder>.Instance).SeedIfEmptyAsync().GetAwaiter().GetResult();
        _snapshots = new DashboardSnapshotProvider(_db);
        _planner = new PlannerQuery(_db, _snapshots, new SettingsProvider(_db), DemoStoreFixture.Time);
        _scenarios = new PlannerScenarios(_db, new AuditLog(_db, DemoStoreFixture.Time), DemoStoreFixture.Time);
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

        await _scenarios.SaveAsync(new ScenarioInput("SMB push", q, "SMB", b.Target, 40m, 10_000m), "admin@test", Ct);
        var id = await _scenarios.SaveAsync(new ScenarioInput("SMB push", q, "SMB", b.Target, 45m, 50_000m, ShowInReview: true), "admin@test", Ct);
        await _scenarios.SaveAsync(new ScenarioInput("Hidden", q, null, 1_000_000m, 30m, 0m, ShowInReview: false), "admin@test", Ct);

        var all = await _planner.ScenariosAsync(ct: Ct);
        Assert.Equal(2, all.Count);
        var s = (await _planner.ScenariosAsync(reviewOnly: true, Ct)).Single();
        Assert.Equal((id, 45m, 50_000m), (s.Id, s.WinRate, s.ExtraPipeline));
        var expected = CoveragePlanner.Compute(new PlanInputs(b.Target, b.ClosedWon, b.OpenPipeline, 50_000m, 45m));
        Assert.Equal(expected, s.Result);
        await using var db = _db.CreateDbContext();
        Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.Action == "scenario.save", Ct));

        await _scenarios.DeleteAsync(id, "admin@test", Ct);
        Assert.Single(await _planner.ScenariosAsync(ct: Ct));
    }

    [Fact]
    public async Task Save_InvalidScenario_IsRefusedWithReasonsAndNothingStored()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _scenarios.SaveAsync(new ScenarioInput(" ", Quarter.Parse("2026-Q4"), null, 0m, 0m, -1m), "a", Ct));

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
