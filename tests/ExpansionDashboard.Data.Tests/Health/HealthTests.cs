using ExpansionDashboard.Data.Accounts;
using ExpansionDashboard.Data.Health;
using ExpansionDashboard.Data.Settings;
using ExpansionDashboard.Data.Snapshot;
using ExpansionDashboard.Metrics.Health;
using ExpansionDashboard.Metrics.Model;
using Microsoft.Extensions.Time.Testing;

namespace ExpansionDashboard.Data.Tests.Health;

/// <summary>Health weights, scores and lists on the demo store (a fresh store per test: weights are saved).</summary>
[Trait(Lanes.Category, Lanes.Store)]
public sealed class HealthTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private TestDatabase _db = default!;
    private DashboardSnapshotProvider _snapshots = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private AccountsQuery Accounts => new(_snapshots, new SettingsProvider(_db), _time);

    private HealthQuery Health => new(_snapshots, new SettingsProvider(_db), _time);

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateFromDemoAsync();
        _snapshots = new DashboardSnapshotProvider(_db);
    }

    public async ValueTask DisposeAsync()
    {
        _snapshots.Dispose();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task SaveWeights_Invalid_FieldMessagesAndNothingSaved()
    {
        var store = new HealthWeightsStore(_db);

        var errors = await store.SaveAsync(new HealthWeights(UsageTrend: -1m), Ct);
        Assert.Equal([nameof(HealthWeights.UsageTrend)], errors.Keys);
        var allZero = await store.SaveAsync(new HealthWeights(0, 0, 0, 0, 0, 0, 0), Ct);
        Assert.Single(allZero);
        Assert.Equal(HealthWeights.Default, await store.GetAsync(Ct));
    }

    [Fact]
    public async Task SaveWeights_OnlyNps_EveryScoreIsItsNpsSubScoreAndSettingsVersionMoves()
    {
        var store = new HealthWeightsStore(_db);
        long before;
        await using (var ctx = _db.CreateDbContext())
        {
            before = await SettingsVersion.GetAsync(ctx, Ct);
        }

        Assert.Empty(await store.SaveAsync(new HealthWeights(0, 0, 0, 100m, 0, 0, 0), Ct));

        await using (var ctx = _db.CreateDbContext())
        {
            Assert.Equal(before + 1, await SettingsVersion.GetAsync(ctx, Ct));
        }

        var month = (await _snapshots.GetAsync(Ct)).HealthAt(new Month(2026, 11), await store.GetAsync(Ct));
        Assert.All(month!.Scores.Values.Take(50), h =>
        {
            var nps = h.Score.Factors.Single(f => f.Name == "NPS");
            Assert.Equal(nps.SubScore, h.Score.Score);
            Assert.All(h.Score.Factors.Where(f => f.Name != "NPS"), f => Assert.Equal(0m, f.Points));
        });
    }

    [Fact]
    public async Task AccountDetail_Factors_PointsAddUpToTheScore()
    {
        var id = (await Accounts.AccountsAsync(ct: Ct)).First(r => r.Health is not null).Id;

        var detail = await Accounts.AccountDetailAsync(id, Ct);

        foreach (var h in detail!.Health)
        {
            Assert.Equal(Math.Round(h.Score, 8), Math.Round(h.Factors.Sum(f => f.Points), 8));
            Assert.Equal(h.Factors.OrderBy(f => f.SubScore).Select(f => f.Name), h.Factors.Select(f => f.Name));
        }
    }

    [Fact]
    public async Task HealthView_BandsCountScoredPayingAccounts_CandidatesHaveNoOpenOpportunity()
    {
        var view = await Health.GetAsync(ct: Ct);

        var snap = await _snapshots.GetAsync(Ct);
        var model = snap.Revenue;
        var scores = snap.HealthAt(new Month(2026, 11), null);
        var t = model.IndexOf(scores!.Month);
        var paying = model.Accounts.Where(a => a.Total[t] > 0 && scores.Scores.ContainsKey(a.Account.Id)).ToList();
        Assert.Equal(paying.Count, view.Green + view.Yellow + view.Red);
        Assert.Equal(paying.Count(a => scores.Scores[a.Account.Id].Score.Band == HealthBand.Red), view.Red);
        var open = snap.Opportunities.Where(o => o.IsOpen).Select(o => o.AccountId).ToHashSet();
        Assert.NotEmpty(view.Candidates);
        Assert.All(view.Candidates, c => Assert.DoesNotContain(c.AccountId, open));
        Assert.All(view.Candidates, c => Assert.True(c.HealthScore >= 70m || c.PlanLimitUtilisation >= 0.8, c.Reason));
    }

    [Fact]
    public async Task HealthView_SegmentFilter_OnlyThatSegment()
    {
        var view = await Health.GetAsync(new AccountFilter(Segment: "SMB"), ct: Ct);

        Assert.All(view.AtRisk, r => Assert.Equal("SMB", r.Segment));
        Assert.All(view.Candidates, c => Assert.Equal("SMB", c.Segment));
    }
}
