using ExpansionDashboard.Data.Accounts;
using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Data.Overview;
using ExpansionDashboard.Data.Pipeline;
using ExpansionDashboard.Data.Settings;
using ExpansionDashboard.Metrics.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace ExpansionDashboard.Data.Tests.Import;

[Trait(Lanes.Category, Lanes.Store)]
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
        // The book's data ends in 2026-09, so the Overview judges coverage for 2026-Q3 (the as-of month's quarter).
        await ctx.CommitAsync(ImportKind.Targets, "quarter,segment,amount\n2026-Q3,,100\n");
        await ctx.CommitAsync(ImportKind.Opportunities, "opportunity_id,account_id,name,type,stage,amount,expected_close,owner\nO1,A1,Deal,Upsell,Proposal,280,2026-09-20,Ana\n");
        var store = new ThresholdStore(ctx.Db);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var query = new OverviewQuery(ctx.Snapshots, time, new SettingsProvider(ctx.Db), Alerts.AlertSystem.EvaluatorFor(ctx.Db, ctx.Snapshots, time));

        Assert.Equal(CoverageBand.Watch, (await query.GetAsync(ct: Ct)).CompanyCoverage.Band);
        await store.SaveAsync(new ThresholdSettings(CoverageAlert: 2.9m, CoverageOnTrack: 3.5m), Ct);

        Assert.Equal(CoverageBand.Alert, (await query.GetAsync(ct: Ct)).CompanyCoverage.Band);
        Assert.Equal(2.9m, (await store.GetAsync(Ct)).CoverageAlert);
        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(new ThresholdSettings(CoverageAlert: 4m, CoverageOnTrack: 3m), Ct));
    }

    [Fact]
    public async Task Thresholds_SegmentBands_DefaultThenEditedAndInvalidOnesRefused()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        var store = new ThresholdStore(ctx.Db);

        var defaults = (await store.GetAsync(Ct)).NrrBands;
        Assert.Equal([("Enterprise", 110m, 130m), ("SMB", 95m, 110m)], defaults.Select(b => (b.Segment, b.Low, b.High)));

        await store.SaveAsync(new ThresholdSettings { SegmentBands = [new("Enterprise", 115m, 135m), new("Mid-Market", 100m, 120m)] }, "admin@test", Ct);
        var saved = (await store.GetAsync(Ct)).NrrBands;
        Assert.Equal([("Enterprise", 115m, 135m), ("Mid-Market", 100m, 120m)], saved.Select(b => (b.Segment, b.Low, b.High)));

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(new ThresholdSettings { SegmentBands = [new("SMB", 110m, 95m)] }, "admin@test", Ct));
        Assert.Contains("top of the band", ex.Message, StringComparison.Ordinal);
        Assert.Equal(saved.Select(b => b.Segment), (await store.GetAsync(Ct)).NrrBands.Select(b => b.Segment));
    }
}

[Trait(Lanes.Category, Lanes.Store)]
public class PipelineViewTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pipeline_Candidates_GreenOrNearLimitWithoutOpenOpportunity()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        await ctx.CommitAsync(ImportKind.Accounts, "account_id,name,segment\nA3,Gamma,SMB\nA4,Delta,SMB\n");
        await ctx.CommitAsync(ImportKind.Mrr, "account_id,month,product,mrr\nA1,2026-10,Core,1000\nA2,2026-10,Core,300\nA3,2026-10,Core,200\nA4,2026-10,Core,100\n");
        await ctx.CommitAsync(ImportKind.Health, """
            account_id,month,active_users,support_tickets,nps,payment_failures,exec_sponsor_change,qbr_attended,plan_limit_utilisation,usage_trend
            A1,2026-10,50,0,80,0,false,true,0.5,0.2
            A2,2026-10,5,9,-80,2,true,false,0.85,-0.3
            A3,2026-10,5,9,-80,2,true,false,0.3,-0.3
            A4,2026-10,50,0,80,0,false,true,0.5,0.2
            """);
        await ctx.CommitAsync(ImportKind.Opportunities, "opportunity_id,account_id,name,type,stage,amount,expected_close,owner\nO4,A4,Deal,Upsell,Proposal,100,2026-12-01,Ana\n");
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var view = await new PipelineQuery(ctx.Snapshots, new SettingsProvider(ctx.Db), time).GetAsync(ct: Ct);

        // A1 green; A2 red but at 85 % of its plan limit; A3 red and far from the limit; A4 green but has an open deal.
        Assert.Equal(["A1", "A2"], view.Candidates.Select(c => c.AccountId));
        Assert.Contains("plan limit", view.Candidates[1].Reason, StringComparison.Ordinal);
        Assert.Equal(60m, view.WeightedCurrent);
        Assert.Equal("O4", view.OpenOpportunities.Single().Id);
    }
}

[Trait(Lanes.Category, Lanes.Store)]
public class AccountDetailTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AccountDetail_KnownAccount_MovementsOpportunitiesAndHealth()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        await ctx.CommitAsync(ImportKind.Opportunities, "opportunity_id,account_id,name,type,stage,amount,expected_close,owner\nO1,A1,Seats,Seats,Proposal,1200,2026-12-01,Ana\n");
        await ctx.CommitAsync(ImportKind.Health, "account_id,month,active_users,nps,payment_failures\nA1,2026-08,10,20,0\nA1,2026-09,12,40,0\n");
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var accounts = new AccountsQuery(ctx.Snapshots, new SettingsProvider(ctx.Db), time);

        var view = await accounts.AccountDetailAsync("A1", Ct);

        Assert.NotNull(view);
        Assert.Equal("Alpha Health", view.Account.Name);
        Assert.Equal(1200m, view.CurrentMrr);
        var expansion = Assert.Single(view.Movements);
        Assert.Equal((Metrics.Movements.MovementKind.Expansion, 1000m, 1200m), (expansion.Kind, expansion.Previous, expansion.Current));
        Assert.Equal("O1", view.Opportunities.Single().Id);
        Assert.Equal(2, view.Health.Count);
        Assert.Equal(new Metrics.Model.Month(2026, 9), view.Health[0].Month);
        Assert.Null(await accounts.AccountDetailAsync("NOPE", Ct));
    }
}
