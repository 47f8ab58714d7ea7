using ExpansionDashboard.Data.Retention;
using ExpansionDashboard.Metrics.Model;

namespace ExpansionDashboard.Data.Tests.Retention;

[Trait(Lanes.Category, Lanes.Store)]
public sealed class RetentionQueryTests(DemoStoreFixture store) : IClassFixture<DemoStoreFixture>
{
    private static readonly Month Oct = new(2026, 10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private RetentionQuery Query => new(store.Snapshots, DemoStoreFixture.Time);

    [Fact]
    public async Task Retention_AsOfOctober_SeriesEndAndBridgeWindowAtOctober()
    {
        var view = await Query.GetAsync(null, Oct, Ct);

        Assert.Equal(Oct, view.NrrT12m[^1].Month);
        Assert.Equal(Oct, view.Movements[^1].Month);
        Assert.Equal(Oct, view.Bridge!.End);
        Assert.Equal(Oct.AddMonths(-12), view.Bridge.Start);
    }
}
