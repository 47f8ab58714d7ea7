using ExpansionDashboard.Data.Pipeline;
using ExpansionDashboard.Data.Snapshot;
using ExpansionDashboard.Metrics.Model;

namespace ExpansionDashboard.Data.Tests.Pipeline;

[Trait(Lanes.Category, Lanes.Store)]
public sealed class PipelineQueryTests(DemoStoreFixture store) : IClassFixture<DemoStoreFixture>
{

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<DashboardSnapshot> SnapshotAsync() => await store.Snapshots.GetAsync(Ct);

    private PipelineQuery Query => new(store.Snapshots, store.Settings, DemoStoreFixture.Time);

    [Fact]
    public async Task Pipeline_SegmentFilter_OnlyThatSegmentsOpportunitiesAndCoverage()
    {
        var view = await Query.GetAsync(new AccountFilter(Segment: "SMB"), ct: Ct);

        Assert.Equal("SMB", view.CurrentCompany.Segment);
        Assert.All(view.CurrentBySegment, c => Assert.Equal("SMB", c.Segment));
        var snap = await SnapshotAsync();
        var segmentOf = snap.Revenue.Accounts.ToDictionary(a => a.Account.Id, a => a.Account.Segment);
        var ids = view.OpenOpportunities.Select(o => o.Id).ToHashSet();
        Assert.NotEmpty(ids);
        Assert.All(snap.Opportunities.Where(o => ids.Contains(o.Id)), o => Assert.Equal("SMB", segmentOf[o.AccountId]));
        Assert.Equal(view.OpenOpportunities.Count, view.OpenByStage.Sum(s => s.Count));
    }

    [Fact]
    public async Task Pipeline_CsmFilter_TablesNarrowCoverageStaysOnTargets()
    {
        var all = await Query.GetAsync(ct: Ct);
        var snap = await SnapshotAsync();
        var csm = snap.Revenue.Accounts.Select(a => a.Account.Csm).First();

        var view = await Query.GetAsync(new AccountFilter(Csm: csm), ct: Ct);

        Assert.Equal(all.CurrentCompany, view.CurrentCompany);
        Assert.True(view.OpenOpportunities.Count < all.OpenOpportunities.Count);
        var csmOf = snap.Revenue.Accounts.ToDictionary(a => a.Account.Id, a => a.Account.Csm);
        var ids = view.OpenOpportunities.Select(o => o.Id).ToHashSet();
        Assert.All(snap.Opportunities.Where(o => ids.Contains(o.Id)), o => Assert.Equal(csm, csmOf[o.AccountId]));
        Assert.Equal(view.ByOwner.Sum(o => o.OpenPipeline), snap.Opportunities
            .Where(o => o.IsOpen && view.Current.Contains(o.ExpectedClose) && csmOf.GetValueOrDefault(o.AccountId) == csm).Sum(o => o.Amount));
    }

    [Fact]
    public async Task Pipeline_AsOfEarlierMonth_ReportsThatQuarter()
    {
        var view = await Query.GetAsync(asOfMonth: new Month(2026, 5), ct: Ct);

        Assert.Equal(Quarter.Parse("2026-Q2"), view.Current);
        Assert.Equal(Quarter.Parse("2026-Q3"), view.Next);
    }
}
