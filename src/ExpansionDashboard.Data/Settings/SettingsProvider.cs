namespace ExpansionDashboard.Data.Settings;

/// <summary>The settings every view judges with, as of one settings version.</summary>
public sealed record DashboardSettings(long Version, ThresholdSettings Thresholds, HealthWeights HealthWeights);

/// <summary>
/// Keeps the thresholds and health weights until the settings version moves: a read costs one small query, and an
/// admin's edit shows on the next read of every instance without rebuilding the metric model.
/// </summary>
public sealed class SettingsProvider(IDbContextFactory<DashboardDbContext> factory)
{
    private volatile DashboardSettings? _current;

    public async Task<DashboardSettings> GetAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var version = await SettingsVersion.GetAsync(db, ct);
        if (_current is { } current && current.Version == version)
        {
            return current;
        }

        // Two readers racing here both load the same version; either result is right.
        var loaded = new DashboardSettings(version, await ThresholdStore.ReadAsync(db, ct), await HealthWeightsStore.ReadAsync(db, ct));
        _current = loaded;
        return loaded;
    }
}
