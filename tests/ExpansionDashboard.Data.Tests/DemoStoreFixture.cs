using ExpansionDashboard.Data.Demo;
using ExpansionDashboard.Data.Settings;
using ExpansionDashboard.Data.Snapshot;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ExpansionDashboard.Data.Tests;

/// <summary>The demo store, seeded once for every read-side test in the class (the tests only read).</summary>
public sealed class DemoStoreFixture : IAsyncLifetime
{
    public static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    public TestDatabase Db { get; private set; } = default!;

    public DashboardSnapshotProvider Snapshots { get; private set; } = default!;

    public SettingsProvider Settings => new(Db);

    public async ValueTask InitializeAsync()
    {
        Db = await TestDatabase.CreateMigratedAsync();
        await new DemoDataSeeder(Db, Time, NullLogger<DemoDataSeeder>.Instance).SeedIfEmptyAsync();
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
