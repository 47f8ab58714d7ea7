using ExpansionDashboard.Data.Motions;
using ExpansionDashboard.Metrics.Retention;

namespace ExpansionDashboard.Data.Tests.Motions;

[Trait(Lanes.Category, Lanes.Store)]
public sealed class MotionsQueryTests(DemoStoreFixture store) : IClassFixture<DemoStoreFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private MotionsQuery Query => new(store.Snapshots, store.Settings, DemoStoreFixture.Time);

    [Fact]
    public async Task Motions_DemoData_EveryMotionPerSegmentAndNrrAgainstBenchmarks()
    {
        var view = await Query.GetAsync(4, Ct);

        Assert.Equal(new DateOnly(2025, 10, 1), view.From);
        Assert.Equal(new DateOnly(2026, 9, 30), view.To);
        Assert.Equal(4, view.All.Count);
        Assert.Equal(["Enterprise", "Mid-Market", "SMB"], view.Segments);
        Assert.All(view.All, m => Assert.True(m.Won + m.Lost > 0));
        Assert.Equal(view.All.Sum(m => m.Won), view.BySegment.Values.Sum(s => s.Sum(m => m.Won)));
        Assert.All(view.All, m => Assert.True(m.FunnelDeals > 0 && m.MedianDaysToClose > 0));

        var enterprise = view.Benchmarks.Single(b => b.Segment == "Enterprise");
        Assert.Equal((110m, 130m), (enterprise.Band!.Low, enterprise.Band.High));
        Assert.Equal(SegmentNrrBands.Judge(enterprise.Band, enterprise.Nrr), enterprise.Position);
        Assert.Equal(BenchmarkPosition.NoBand, view.Benchmarks.Single(b => b.Segment == "Mid-Market").Position);
    }
}
