using ExpansionDashboard.Data.Demo;
using ExpansionDashboard.Data.Expansion;
using ExpansionDashboard.Data.Overview;
using ExpansionDashboard.Data.Snapshot;
using ExpansionDashboard.Metrics.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ExpansionDashboard.Data.Tests.Demo;

[Trait(Lanes.Category, Lanes.Store)]
public class DemoDataSeederTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task SeedIfEmpty_EmptyStore_WritesGeneratedRowsExactly()
    {
        await using var db = await TestDatabase.CreateMigratedAsync();
        var seeder = new DemoDataSeeder(db, Time, NullLogger<DemoDataSeeder>.Instance);

        Assert.True(await seeder.SeedIfEmptyAsync(TestContext.Current.CancellationToken));

        var expected = new DemoDataGenerator().Generate(new Month(2026, 11));
        await using var ctx = db.CreateDbContext();
        Assert.Equal(expected.Accounts.Count, await ctx.Accounts.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(expected.Revenue.Count, await ctx.RevenueLines.CountAsync(TestContext.Current.CancellationToken));
        var storedMrr = (await ctx.RevenueLines.Select(r => r.Mrr).ToListAsync(TestContext.Current.CancellationToken)).Sum();
        Assert.Equal(expected.Revenue.Sum(r => r.Mrr), storedMrr);
        Assert.Equal(expected.Opportunities.Count, await ctx.Opportunities.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(expected.Health.Count, await ctx.HealthSignals.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, await DataVersion.GetAsync(ctx, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SeedIfEmpty_StoreHasAccounts_DoesNothing()
    {
        await using var db = await TestDatabase.CreateMigratedAsync();
        var seeder = new DemoDataSeeder(db, Time, NullLogger<DemoDataSeeder>.Instance);
        await seeder.SeedIfEmptyAsync(TestContext.Current.CancellationToken);

        Assert.False(await seeder.SeedIfEmptyAsync(TestContext.Current.CancellationToken));
        await using var ctx = db.CreateDbContext();
        Assert.Equal(2000, await ctx.Accounts.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Snapshot_AfterSeed_ModelMatchesGeneratorAndReloadsOnVersionChange()
    {
        await using var db = await TestDatabase.CreateMigratedAsync();
        await new DemoDataSeeder(db, Time, NullLogger<DemoDataSeeder>.Instance).SeedIfEmptyAsync(TestContext.Current.CancellationToken);
        using var provider = new DashboardSnapshotProvider(db);

        var first = await provider.GetAsync(TestContext.Current.CancellationToken);
        var cached = await provider.GetAsync(TestContext.Current.CancellationToken);
        Assert.Same(first, cached);

        var expected = new DemoDataGenerator().Generate(new Month(2026, 11));
        var t = first.Revenue.IndexOf(new Month(2026, 11));
        Assert.Equal(expected.Revenue.Where(r => r.Month == new Month(2026, 11)).Sum(r => r.Mrr), first.Revenue.Accounts.Sum(a => a.Total[t]));
        Assert.Equal(expected.Opportunities.Count, first.Opportunities.Count);

        await using (var ctx = db.CreateDbContext())
        {
            await DataVersion.BumpAsync(ctx, TestContext.Current.CancellationToken);
        }

        var reloaded = await provider.GetAsync(TestContext.Current.CancellationToken);
        Assert.NotSame(first, reloaded);
        Assert.Equal(2, reloaded.DataVersion);
    }

    // The figures themselves are worked by hand on small books (OverviewQueryTests, ExpansionQueryTests with YearBook);
    // on the demo book these check what only a full book shows: the horizon, the windows and the SMB coverage story.
    [Fact]
    public async Task OverviewQuery_DemoData_LatestMonthQuarterAndSmbCoverageInAlert()
    {
        await using var db = await TestDatabase.CreateFromDemoAsync();
        using var provider = new DashboardSnapshotProvider(db);
        var query = new OverviewQuery(provider, Time, new ExpansionDashboard.Data.Settings.SettingsProvider(db), Alerts.AlertSystem.EvaluatorFor(db, provider, Time));

        var view = await query.GetAsync(ct: TestContext.Current.CancellationToken);

        Assert.Equal(new Month(2026, 11), view.AsOf);
        Assert.Equal(new Quarter(2026, 4), view.Quarter);
        Assert.Equal(view.Mrr.Value * 12m, view.Arr.Value);
        Assert.InRange(view.NrrT12m.Value!.Value, 80m, 140m);
        Assert.Contains(view.SegmentCoverage, c => c.Segment == "SMB" && c.Coverage < 2.5m);
        Assert.Equal(24, view.MrrTrend.Count);

        var smb = await query.GetAsync(new AccountFilter(Segment: "SMB"), ct: TestContext.Current.CancellationToken);
        Assert.True(smb.Mrr.Value < view.Mrr.Value);
        Assert.Equal(Metrics.Pipeline.CoverageBand.Alert, smb.CompanyCoverage.Band);
    }

    [Fact]
    public async Task ExpansionQuery_DemoData_TwoYearsOfMonthsAndEightQuarters()
    {
        await using var db = await TestDatabase.CreateFromDemoAsync();
        using var provider = new DashboardSnapshotProvider(db);

        var view = await new ExpansionQuery(provider, Time).GetAsync(ct: TestContext.Current.CancellationToken);

        Assert.Equal(24, view.Months.Count);
        Assert.Equal(new Month(2026, 11), view.Months[^1].Month);
        Assert.InRange(view.ShareOfNewArrT12m!.Value, 0m, 100m);
        Assert.InRange(view.MaturityStage, 1, 5);
        Assert.Equal(8, view.Quarters.Count);
        Assert.Contains(view.AveragePerEventBySegment, s => s.Name == "Enterprise" && s.Values.Any(v => v > 0));
        Assert.NotEmpty(view.TimeToFirstExpansion);
    }

    [Fact]
    public async Task OverviewQuery_EmptyStore_ReportsNoDataWithoutThrowing()
    {
        await using var db = await TestDatabase.CreateMigratedAsync();
        using var provider = new DashboardSnapshotProvider(db);

        var view = await new OverviewQuery(provider, Time, new ExpansionDashboard.Data.Settings.SettingsProvider(db), Alerts.AlertSystem.EvaluatorFor(db, provider, Time)).GetAsync(ct: TestContext.Current.CancellationToken);

        Assert.False(view.HasData);
        Assert.Null(view.NrrT12m.Value);
        Assert.Equal(0m, view.Mrr.Value);
    }
}
