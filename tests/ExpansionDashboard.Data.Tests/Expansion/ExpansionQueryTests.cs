using ExpansionDashboard.Data.Expansion;
using ExpansionDashboard.Data.Snapshot;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Movements;
using ExpansionDashboard.TestKit.Books;

namespace ExpansionDashboard.Data.Tests.Expansion;

[Trait(Lanes.Category, Lanes.Store)]
public sealed class ExpansionQueryTests(DemoStoreFixture store) : IClassFixture<DemoStoreFixture>
{
    private static readonly Month Oct = new(2026, 10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<DashboardSnapshot> SnapshotAsync() => await store.Snapshots.GetAsync(Ct);

    private ExpansionQuery Query => new(store.Snapshots, DemoStoreFixture.Time);

    [Fact]
    public async Task ExpandedAccounts_MonthAndType_SumEqualsTheChartBar()
    {
        var model = (await SnapshotAsync()).Revenue;

        var rows = await Query.ExpandedAccountsAsync(Oct, ExpansionType.Seats, ct: Ct);

        Assert.NotEmpty(rows);
        var bar = MrrMovements.Compute(model).Single(m => m.Month == Oct).ExpansionByType.Seats;
        Assert.Equal(bar, rows.Sum(r => r.ExpansionByType.Seats));
    }

    [Fact]
    public async Task Get_YearBook_ShareNrrMaturityAndSegmentRatesByHand()
    {
        await using var ctx = await Import.ImportTestContext.CreateAsync(seed: false);
        await ctx.CommitAsync(Data.Import.ImportKind.Accounts, YearBook.Accounts);
        await ctx.CommitAsync(Data.Import.ImportKind.Mrr, YearBook.Mrr);

        var view = await new ExpansionQuery(ctx.Snapshots, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(YearBook.Now)).GetAsync(ct: Ct);

        Assert.Equal(new Month(2026, 9), view.AsOf);
        Assert.Equal(12, view.Months.Count);
        Assert.Equal(Math.Round(500m / 600m * 100m, 6), Math.Round(view.ShareOfNewArrT12m!.Value, 6));
        Assert.Equal(120m, view.NrrT12m);
        Assert.Equal(4, view.MaturityStage);
        Assert.Equal([("Enterprise", 50m), ("SMB", 0m)], view.RateBySegment.Select(r => (r.Segment, r.Rates[^1]!.Value)));
    }
}
