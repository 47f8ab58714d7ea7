using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Data.Queries;
using ExpansionDashboard.Data.Settings;
using ExpansionDashboard.Metrics.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace ExpansionDashboard.Data.Tests.Import;

public class FormEditAndThresholdTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SaveTarget_Form_StoredAsRevertibleBatch()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        var edits = new FormEditService(ctx.Service);

        var outcome = await edits.SaveTargetAsync("2026-Q4", "SMB", 50_000m, "admin@x", Ct);
        await edits.SaveTargetAsync("2026-Q4", "SMB", 60_000m, "admin@x", Ct);

        await using (var db = ctx.Db.CreateDbContext())
        {
            Assert.Equal(60_000m, (await db.ExpansionTargets.SingleAsync(Ct)).Amount);
            Assert.Contains("(form) target 2026-Q4 SMB", await db.ImportBatches.Select(b => b.FileName).ToListAsync(Ct));
        }

        var latest = outcome.BatchId + 1;
        await ctx.Service.RevertAsync(latest, "admin@x", Ct);
        await using var after = ctx.Db.CreateDbContext();
        Assert.Equal(50_000m, (await after.ExpansionTargets.SingleAsync(Ct)).Amount);
    }

    [Fact]
    public async Task SaveOpportunity_BadValues_RejectedWithColumnsAndNothingStored()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        var edits = new FormEditService(ctx.Service);
        var checksum = await ctx.ChecksumAsync();

        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => edits.SaveOpportunityAsync(
            new OpportunityForm("O-9", "A1", "", "Upsell", "Nope", -1m, new DateOnly(2026, 12, 1), "Ana", null, null), "admin@x", Ct));

        var columns = ex.Preview!.Errors.Select(e => e.Column).ToList();
        Assert.Contains("name", columns);
        Assert.Contains("stage", columns);
        Assert.Contains("amount", columns);
        Assert.Equal(checksum, await ctx.ChecksumAsync());
    }

    [Fact]
    public async Task SaveOpportunity_StageMove_UpdatesAndShowsInSnapshot()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        var edits = new FormEditService(ctx.Service);
        var form = new OpportunityForm("O-1", "A1", "Deal, \"quoted\"", "Seats", "Proposal", 1000m, new DateOnly(2026, 12, 1), "Ana", null, null);

        await edits.SaveOpportunityAsync(form, "admin@x", Ct);
        await edits.SaveOpportunityAsync(form with { Stage = "ClosedWon", Closed = new DateOnly(2026, 11, 20) }, "admin@x", Ct);

        var opp = (await ctx.Snapshots.GetAsync(Ct)).Opportunities.Single();
        Assert.Equal(OpportunityStage.ClosedWon, opp.Stage);
        Assert.Equal("Deal, \"quoted\"", opp.Name);
        Assert.Equal(new DateOnly(2026, 11, 20), opp.Closed);
    }

    [Fact]
    public void Thresholds_Inconsistent_ValidationNamesFields()
    {
        var errors = new ThresholdSettings(CoverageAlert: 3m, CoverageOnTrack: 2m, NrrWorldClass: 100m, NrrStrong: 110m).Validate();

        Assert.Contains(nameof(ThresholdSettings.CoverageOnTrack), errors.Keys);
        Assert.Contains(nameof(ThresholdSettings.NrrWorldClass), errors.Keys);
        Assert.Empty(ThresholdSettings.Default.Validate());
    }

    [Fact]
    public async Task Thresholds_Saved_ChangeOverviewBands()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        await ctx.CommitAsync(ImportKind.Targets, "quarter,segment,amount\n2026-Q4,,100\n");
        await ctx.CommitAsync(ImportKind.Opportunities, "opportunity_id,account_id,name,type,stage,amount,expected_close,owner\nO1,A1,Deal,Upsell,Proposal,280,2026-12-01,Ana\n");
        var store = new ThresholdStore(ctx.Db);
        var query = new OverviewQuery(ctx.Snapshots, new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)), store);

        Assert.Equal(CoverageBand.Watch, (await query.GetAsync(ct: Ct)).CompanyCoverage.Band);
        await store.SaveAsync(new ThresholdSettings(CoverageAlert: 2.9m, CoverageOnTrack: 3.5m), Ct);

        Assert.Equal(CoverageBand.Alert, (await query.GetAsync(ct: Ct)).CompanyCoverage.Band);
        Assert.Equal(2.9m, (await store.GetAsync(Ct)).CoverageAlert);
        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(new ThresholdSettings(CoverageAlert: 4m, CoverageOnTrack: 3m), Ct));
    }
}
