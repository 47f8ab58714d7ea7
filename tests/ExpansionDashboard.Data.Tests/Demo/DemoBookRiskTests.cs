using ExpansionDashboard.Data.Health;
using ExpansionDashboard.Data.Settings;
using ExpansionDashboard.Data.Snapshot;
using Microsoft.Extensions.Time.Testing;

namespace ExpansionDashboard.Data.Tests.Demo;

/// <summary>
/// The demo book is what a new user judges the product by: its risk list must be one a team can act on (5–10 % of paying
/// accounts at risk under the contract's unchanged rules), not a third of the book.
/// </summary>
[Trait(Lanes.Category, Lanes.Store)]
public sealed class DemoBookRiskTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private TestDatabase _db = default!;
    private DashboardSnapshotProvider _snapshots = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

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
    public async Task DemoBook_LatestMonth_FiveToTenPercentOfPayingAccountsAtRisk()
    {
        var view = await new HealthQuery(_snapshots, new SettingsProvider(_db), _time).GetAsync(ct: Ct);
        var snap = await _snapshots.GetAsync(Ct);
        var t = snap.Revenue.IndexOf(view.Month);
        var paying = snap.Revenue.Accounts.Count(a => a.Total[t] > 0);

        var share = view.AtRisk.Count * 100m / paying;

        var red = view.AtRisk.Count(r => r.Reasons.Contains("red health", StringComparison.Ordinal));
        var usage = view.AtRisk.Count(r => r.Reasons.Contains("usage down", StringComparison.Ordinal));
        var contracted = view.AtRisk.Count(r => r.Reasons.Contains("contracted", StringComparison.Ordinal));
        Assert.True(share is >= 5m and <= 10m, $"{share:0.0} % at risk of {paying} paying (red {red}, usage {usage}, contracted {contracted})");
        Assert.Contains(view.AtRisk, r => r.Reasons.Contains("red health", StringComparison.Ordinal));
        Assert.Contains(view.AtRisk, r => r.Reasons.Contains("contracted", StringComparison.Ordinal));
    }
}
