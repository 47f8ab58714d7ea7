using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Data.Overview;
using ExpansionDashboard.Data.Settings;
using ExpansionDashboard.Data.Tests.Import;
using ExpansionDashboard.Metrics.Health;
using ExpansionDashboard.Metrics.Pipeline;

namespace ExpansionDashboard.Data.Tests.Settings;

[Trait(Lanes.Category, Lanes.Store)]
public sealed class SettingsVersionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SaveThreshold_CoverageLineMoves_SameRevenueModelNewBandOnTheReadSide()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        // Target 100, open 280 in 2026-Q3: 2.8x, watch with the defaults (2.5x / 3.0x).
        await ctx.CommitAsync(ImportKind.Targets, "quarter,segment,amount\n2026-Q3,,100\n");
        await ctx.CommitAsync(ImportKind.Opportunities, "opportunity_id,account_id,name,type,stage,amount,expected_close,owner\nO1,A1,Deal,Upsell,Proposal,280,2026-09-20,Ana\n");
        var settings = new SettingsProvider(ctx.Db);
        var overview = new OverviewQuery(ctx.Snapshots, DemoStoreFixture.Time, settings, Alerts.AlertSystem.EvaluatorFor(ctx.Db, ctx.Snapshots, DemoStoreFixture.Time));
        Assert.Equal(CoverageBand.Watch, (await overview.GetAsync(ct: Ct)).CompanyCoverage.Band);
        var before = await ctx.Snapshots.GetAsync(Ct);
        var settingsBefore = await settings.GetAsync(Ct);

        await new ThresholdStore(ctx.Db).SaveAsync(new ThresholdSettings(CoverageAlert: 2.9m, CoverageOnTrack: 3.5m), Ct);

        var view = await overview.GetAsync(ct: Ct);
        var after = await ctx.Snapshots.GetAsync(Ct);
        Assert.Same(before, after);
        Assert.Same(before.Revenue, after.Revenue);
        Assert.Equal(CoverageBand.Alert, view.CompanyCoverage.Band);
        Assert.Equal(settingsBefore.Version + 1, (await settings.GetAsync(Ct)).Version);
        await using var db = ctx.Db.CreateDbContext();
        Assert.Equal(before.DataVersion, await DataVersion.GetAsync(db, Ct));
    }

    [Fact]
    public async Task SaveHealthWeights_SettingsVersionOnly_ScoresUseTheNewWeights()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        await ctx.CommitAsync(ImportKind.Health, "account_id,month,nps,payment_failures\nA1,2026-09,50,1\n");
        var settings = new SettingsProvider(ctx.Db);
        var before = await ctx.Snapshots.GetAsync(Ct);

        Assert.Empty(await new HealthWeightsStore(ctx.Db).SaveAsync(new HealthWeights(0, 0, 0, 100m, 0, 0, 0), Ct));

        var current = await settings.GetAsync(Ct);
        var snap = await ctx.Snapshots.GetAsync(Ct);
        Assert.Same(before, snap);
        // Only NPS counts now: (50 + 100) ÷ 2 = 75; with the default weights the failed payment pulled it to (75 × 20 + 40 × 15) ÷ 35 = 60.
        Assert.Equal(60m, before.HealthAt(new Metrics.Model.Month(2026, 9), null)!.Scores["A1"].Score.Score);
        Assert.Equal(75m, snap.HealthAt(new Metrics.Model.Month(2026, 9), current.HealthWeights)!.Scores["A1"].Score.Score);
    }

    [Fact]
    public async Task SettingsProvider_NoChange_ReturnsTheSameSettings()
    {
        await using var ctx = await ImportTestContext.CreateAsync(seed: false);
        var settings = new SettingsProvider(ctx.Db);

        var first = await settings.GetAsync(Ct);

        Assert.Same(first, await settings.GetAsync(Ct));
        Assert.Equal(ThresholdSettings.Default, first.Thresholds);
    }
}
