using ExpansionDashboard.Data.Accounts;
using ExpansionDashboard.Data.Snapshot;
using ExpansionDashboard.Metrics.Model;

namespace ExpansionDashboard.Data.Tests.Accounts;

[Trait(Lanes.Category, Lanes.Store)]
public sealed class AccountsQueryTests(DemoStoreFixture store) : IClassFixture<DemoStoreFixture>
{
    private static readonly Month Oct = new(2026, 10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<DashboardSnapshot> SnapshotAsync() => await store.Snapshots.GetAsync(Ct);

    private AccountsQuery Query => new(store.Snapshots, store.Settings, DemoStoreFixture.Time);

    [Fact]
    public async Task Accounts_FilterAndAsOf_MatchingAccountsWithThatMonthsMrr()
    {
        var model = (await SnapshotAsync()).Revenue;

        var rows = await Query.AccountsAsync(new AccountFilter(Region: "EMEA"), Oct, Ct);

        Assert.Equal(model.Accounts.Count(a => a.Account.Region == "EMEA"), rows.Count);
        var t = model.IndexOf(Oct);
        var first = model.Accounts.Single(a => a.Account.Id == rows[0].Id);
        Assert.Equal(first.Total[t], rows[0].Mrr);
        Assert.Equal(first.Total[t] - first.Total[t - 1], rows[0].Change);
    }

    [Fact]
    public async Task Accounts_Health_EqualsTheAccountPagesLatestScore()
    {
        var rows = await Query.AccountsAsync(ct: Ct);

        Assert.All(rows, r => Assert.Equal(r.Health is null, r.HealthBand is null));
        foreach (var row in rows.Where(r => r.Health is not null).Take(5))
        {
            var detail = await Query.AccountDetailAsync(row.Id, Ct);
            Assert.Equal(detail!.Health[0].Score, row.Health);
            Assert.Equal(detail.Health[0].Band, row.HealthBand);
        }
    }
}
