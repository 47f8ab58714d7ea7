using ExpansionDashboard.Data.Health;
using ExpansionDashboard.Data.Pipeline;

namespace ExpansionDashboard.Data.Tests.Demo;

/// <summary>
/// The demo book is what a new user judges the product by: its risk list must be one a team can act on (5–10 % of paying
/// accounts at risk under the contract's unchanged rules), not a third of the book.
/// </summary>
[Trait(Lanes.Category, Lanes.Store)]
public sealed class DemoBookRiskTests(DemoStoreFixture store) : IClassFixture<DemoStoreFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DemoBook_LatestMonth_FiveToTenPercentOfPayingAccountsAtRisk()
    {
        var view = await new HealthQuery(store.Snapshots, store.Settings, DemoStoreFixture.Time).GetAsync(ct: Ct);
        var snap = await store.Snapshots.GetAsync(Ct);
        var t = snap.Revenue.IndexOf(view.Month);
        var paying = snap.Revenue.Accounts.Count(a => a.Total[t] > 0);

        var share = view.AtRisk.Count * 100m / paying;

        var red = view.AtRisk.Count(r => r.Reasons.Contains("red health", StringComparison.Ordinal));
        var usage = view.AtRisk.Count(r => r.Reasons.Contains("usage down", StringComparison.Ordinal));
        var contracted = view.AtRisk.Count(r => r.Reasons.Contains("contracted", StringComparison.Ordinal));
        Assert.True(share is >= 5m and <= 10m, $"{share:0.0} % at risk of {paying} paying (red {red}, usage {usage}, contracted {contracted})");
        Assert.True(red > 0 && usage > 0 && contracted > 0, $"every rule should be represented: red {red}, usage {usage}, contracted {contracted}");
    }

    [Fact]
    public async Task DemoBook_AtRiskWithOpenDeal_IsFlaggedWithItsOpenPipeline()
    {
        var view = await new HealthQuery(store.Snapshots, store.Settings, DemoStoreFixture.Time).GetAsync(ct: Ct);
        var snap = await store.Snapshots.GetAsync(Ct);

        var withDeal = view.AtRisk.Where(r => view.OpenPipelineByAccount.ContainsKey(r.AccountId)).ToList();

        Assert.NotEmpty(withDeal);
        foreach (var r in withDeal)
        {
            Assert.Equal(snap.Opportunities.Where(o => o.IsOpen && o.AccountId == r.AccountId).Sum(o => o.Amount), view.OpenPipelineByAccount[r.AccountId]);
        }

        // Candidates never have an open deal, and the list is not capped.
        Assert.DoesNotContain(view.Candidates, c => view.OpenPipelineByAccount.ContainsKey(c.AccountId));
        Assert.True(view.Candidates.Count > 200, $"{view.Candidates.Count} candidates");
    }

    [Fact]
    public async Task DemoBook_OpenOpportunities_FlagTheAccountsOnTheAtRiskList()
    {
        var health = await new HealthQuery(store.Snapshots, store.Settings, DemoStoreFixture.Time).GetAsync(ct: Ct);
        var pipeline = await new PipelineQuery(store.Snapshots, store.Settings, DemoStoreFixture.Time).GetAsync(ct: Ct);
        var atRisk = health.AtRisk.Select(r => r.AccountId).ToHashSet(StringComparer.Ordinal);

        Assert.Contains(pipeline.OpenOpportunities, o => o.AccountAtRisk);
        Assert.All(pipeline.OpenOpportunities, o => Assert.Equal(atRisk.Contains(o.AccountId), o.AccountAtRisk));
    }
}
