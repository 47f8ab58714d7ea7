using ExpansionDashboard.Data.Settings;
using ExpansionDashboard.Data.Snapshot;
using Microsoft.Extensions.Time.Testing;

namespace ExpansionDashboard.Data.Tests;

/// <summary>The demo store for read-side tests: a copy of the book seeded once per run (on PostgreSQL, seeded per class).</summary>
public sealed class DemoStoreFixture : IAsyncLifetime
{
    public static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    public TestDatabase Db { get; private set; } = default!;

    public DashboardSnapshotProvider Snapshots { get; private set; } = default!;

    public SettingsProvider Settings => new(Db);

    public async ValueTask InitializeAsync()
    {
        // On SQLite the demo book is seeded once per test run (TestKit) and copied here: the classes sharing it only read.
        Db = await TestDatabase.CreateFromDemoAsync();
        Snapshots = new DashboardSnapshotProvider(Db);
        // The app seeds the default alert rules at start; the Overview and review lists come from them.
        await new Data.Alerts.AlertRuleStore(Db, Time).EnsureDefaultRulesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Snapshots.Dispose();
        await Db.DisposeAsync();
    }
}
