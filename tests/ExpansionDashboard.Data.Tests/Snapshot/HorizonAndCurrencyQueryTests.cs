using ExpansionDashboard.Data.Api;
using ExpansionDashboard.Data.Entities;
using ExpansionDashboard.Data.Overview;
using ExpansionDashboard.Data.Settings;
using ExpansionDashboard.Data.Snapshot;
using ExpansionDashboard.Metrics.Model;
using Microsoft.Extensions.Time.Testing;

namespace ExpansionDashboard.Data.Tests.Snapshot;

/// <summary>
/// The read side at the data's horizon and in several currencies, on a small hand-computed book (reporting currency AUD):
/// account A pays A$100 every month; account B pays £50, £50, £60, £60 in 2016-01..04 with GBP at 2.0, 1.8, 2.1. The
/// import that wrote it set the horizon to 2016-03, so 2016-04 (a prepaid month) is not observed.
/// </summary>
[Trait(Lanes.Category, Lanes.Store)]
public sealed class HorizonAndCurrencyQueryTests : IAsyncLifetime
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero));
    private TestDatabase _db = default!;
    private long _batchId;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateMigratedAsync();
        await using var db = _db.CreateDbContext();
        var batch = new ImportBatch { Kind = "invoice-lines", FileName = "invoices.csv", CreatedBy = "test", CreatedUtc = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), HorizonMonth = new DateOnly(2016, 3, 1) };
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(Ct);
        _batchId = batch.Id;
        var a = new Account { ExternalId = "A", Name = "Alpha", Segment = "SMB", ImportBatchId = batch.Id };
        var b = new Account { ExternalId = "B", Name = "Beta", Segment = "SMB", ImportBatchId = batch.Id };
        db.Accounts.AddRange(a, b);
        await db.SaveChangesAsync(Ct);
        decimal[] gbp = [50m, 50m, 60m, 60m];
        for (var i = 0; i < 4; i++)
        {
            var month = new Month(2016, i + 1);
            db.RevenueLines.Add(new RevenueLine { AccountId = a.Id, Month = month, Product = "Subscription", Mrr = 100m, ImportBatchId = batch.Id });
            db.RevenueLines.Add(new RevenueLine { AccountId = b.Id, Month = month, Product = "Subscription", Mrr = gbp[i], Currency = "GBP", ImportBatchId = batch.Id });
        }

        db.FxRates.AddRange(
            new FxRate { Month = new Month(2016, 1), Currency = "GBP", Rate = 2.0m },
            new FxRate { Month = new Month(2016, 2), Currency = "GBP", Rate = 1.8m },
            new FxRate { Month = new Month(2016, 3), Currency = "GBP", Rate = 2.1m });
        await db.SaveChangesAsync(Ct);
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    private DashboardSnapshotProvider Snapshots() => new(_db, new ReportingCurrency("AUD"));

    [Fact]
    public async Task Snapshot_BatchSetHorizon_ModelEndsThereAndNamesTheBatch()
    {
        using var snapshots = Snapshots();
        var snap = await snapshots.GetAsync(Ct);

        Assert.Equal(new Month(2016, 3), snap.Horizon);
        Assert.Equal(new Month(2016, 3), snap.Revenue.LastMonth);
        Assert.Equal(_batchId, snap.HorizonSetBy?.BatchId);
        Assert.Equal("invoices.csv", snap.HorizonSetBy?.FileName);
        Assert.Equal(new Month(2016, 3), AsOfMonth.Of(snap.Revenue, Time));
        Assert.Equal(new Month(2016, 3), AsOfMonth.Of(snap.Revenue, Time, new Month(2017, 8)));
    }

    [Fact]
    public async Task Snapshot_HorizonBatchReverted_FallsBackToTheRevenuesLastMonth()
    {
        await using (var db = _db.CreateDbContext())
        {
            var batch = await db.ImportBatches.FindAsync([_batchId], Ct);
            batch!.Status = Data.Import.ImportBatchStatus.Reverted;
            await db.SaveChangesAsync(Ct);
        }

        using var snapshots = Snapshots();
        var snap = await snapshots.GetAsync(Ct);

        Assert.Equal(new Month(2016, 4), snap.Horizon);
        Assert.Null(snap.HorizonSetBy);
    }

    [Fact]
    public async Task Summary_Latest_IsTheHorizonAtTheMonthsOwnRatesWithFxApart()
    {
        using var snapshots = Snapshots();
        var api = new MetricsApiQuery(snapshots, Time, new SettingsProvider(_db));

        var summary = await api.SummaryAsync(null, AccountFilter.All, Ct);

        Assert.Equal("2016-03", summary.Month);
        Assert.Equal("2016-03", summary.Horizon);
        Assert.Equal("AUD", summary.Currency);
        Assert.Equal(100m + 60m * 2.1m, summary.Mrr);
        var movements = Assert.IsType<MovementsDto>(summary.Movements);

        // At February's rates B went £50 → £60 = A$90 → A$108; March's own rate adds 60 × (2.1 − 1.8) = A$18.
        Assert.Equal(18m, movements.Expansion);
        Assert.Equal(18m, movements.Fx);
        Assert.Equal(0m, movements.New + movements.Reactivation + movements.Contraction + movements.Churn);

        // NRR (month) at constant currency: (100 + 108) ÷ (100 + 90).
        Assert.Equal(208m / 190m * 100m, summary.NrrMonthly);
    }

    [Theory]
    [InlineData("2016-04")]
    [InlineData("2017-08")]
    [InlineData("2015-12")]
    public async Task Summary_MonthOutsideTheData_HasNoFigures(string month)
    {
        using var snapshots = Snapshots();
        var api = new MetricsApiQuery(snapshots, Time, new SettingsProvider(_db));

        var summary = await api.SummaryAsync(Month.Parse(month), AccountFilter.All, Ct);

        Assert.Equal(month, summary.Month);
        Assert.Null(summary.Mrr);
        Assert.Null(summary.Arr);
        Assert.Null(summary.Movements);
        Assert.Null(summary.NrrMonthly);
        Assert.Equal("2016-03", summary.Horizon);
    }

    [Fact]
    public async Task Movements_EveryReportedMonth_IdentityHoldsAndNothingPastTheHorizon()
    {
        using var snapshots = Snapshots();
        var api = new MetricsApiQuery(snapshots, Time, new SettingsProvider(_db));

        var months = await api.MovementsAsync(new Month(2015, 12), new Month(2016, 5), AccountFilter.All, Ct);

        Assert.Equal(["2015-12", "2016-01", "2016-02", "2016-03", "2016-04", "2016-05"], months.Select(m => m.Month));
        Assert.All(months.Where(m => m.Month is "2015-12" or "2016-04" or "2016-05"), m => Assert.True(m.Mrr is null && m.Movements is null && m.PreviousMrr is null));

        var opening = months.Single(m => m.Month == "2016-01");
        Assert.Equal(100m + 50m * 2.0m, opening.Mrr);
        Assert.Null(opening.Movements);

        var feb = months.Single(m => m.Month == "2016-02");
        Assert.Equal(200m, feb.PreviousMrr);
        Assert.Equal(100m + 50m * 1.8m, feb.Mrr);
        Assert.Equal(-10m, feb.Movements!.Fx);
        Assert.Equal(0m, feb.Movements.Expansion + feb.Movements.Contraction);

        foreach (var m in months.Where(m => m.Movements is not null))
        {
            var v = m.Movements!;
            Assert.Equal(m.Mrr - m.PreviousMrr, v.New + v.Reactivation + v.Expansion + v.Contraction + v.Churn + v.Fx);
        }
    }

    [Fact]
    public async Task Coverage_NoQuarterAsked_IsTheAsOfMonthsQuarterAndSaysNoTarget()
    {
        using var snapshots = Snapshots();
        var api = new MetricsApiQuery(snapshots, Time, new SettingsProvider(_db));

        var none = await api.CoverageAsync(null, null, Ct);
        Assert.Equal("2016-Q1", none.Quarter);
        Assert.Equal("no-target", none.Band);

        await using (var db = _db.CreateDbContext())
        {
            db.ExpansionTargets.Add(new ExpansionTarget { Quarter = new Quarter(2016, 1), Amount = 1000m });
            db.ImportBatches.Add(new ImportBatch { Kind = "targets", CreatedUtc = DateTime.UtcNow });
            await db.SaveChangesAsync(Ct);
            await DataVersion.BumpAsync(db, Ct);
        }

        var withTarget = await api.CoverageAsync(null, null, Ct);
        Assert.Equal("2016-Q1", withTarget.Quarter);
        Assert.Equal(1000m, withTarget.Target);
    }

    [Fact]
    public async Task Overview_RealBookEndingIn2016_ReportsItsHorizonAndQuarter()
    {
        using var snapshots = Snapshots();
        var overview = await new OverviewQuery(snapshots, Time, new SettingsProvider(_db), Alerts.AlertSystem.EvaluatorFor(_db, snapshots, Time)).GetAsync(ct: Ct);

        Assert.Equal(new Month(2016, 3), overview.AsOf);
        Assert.Equal(new Quarter(2016, 1), overview.Quarter);
        Assert.Equal(226m, overview.Mrr.Value);
    }

    [Fact]
    public async Task Alerts_BookEndingIn2016_EvaluateAtTheHorizonAndItsQuarter()
    {
        await using (var db = _db.CreateDbContext())
        {
            db.ExpansionTargets.Add(new ExpansionTarget { Quarter = new Quarter(2016, 1), Amount = 1000m });
            db.ExpansionTargets.Add(new ExpansionTarget { Quarter = new Quarter(2026, 4), Amount = 1000m });
            await db.SaveChangesAsync(Ct);
        }

        using var snapshots = Snapshots();
        using var alerts = new Alerts.AlertSystem(_db, snapshots, Time);
        await alerts.Rules.EnsureDefaultRulesAsync(Ct);

        await alerts.Evaluator.RefreshFiringsAsync(Ct);
        var active = await alerts.Firings.ActiveAsync(Ct);

        // No pipeline against the 2016-Q1 target: coverage fires for the horizon's quarter, never for today's.
        Assert.Contains(active, f => f.Metric == "coverage" && f.Period == "2016-Q1");
        Assert.DoesNotContain(active, f => f.Period.StartsWith("2026", StringComparison.Ordinal));
        Assert.All(active.Where(f => f.Metric != "coverage"), f => Assert.Equal("2016-03", f.Period));
    }
}
