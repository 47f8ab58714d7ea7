using ExpansionDashboard.Data.Expansion;
using ExpansionDashboard.Data.Snapshot;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Movements;

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
}
