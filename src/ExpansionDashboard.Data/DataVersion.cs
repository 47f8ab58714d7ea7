namespace ExpansionDashboard.Data;

/// <summary>
/// A counter in the store that goes up with every data change. The metric model keys on it, so every app
/// instance sharing the database sees a change on its next read.
/// </summary>
public static class DataVersion
{
    public const string Key = "data_version";

    public static Task<long> GetAsync(DashboardDbContext db, CancellationToken ct = default) => StoreCounter.GetAsync(db, Key, ct);

    /// <summary>Increments the version; call inside the transaction that changed the data.</summary>
    public static Task<long> BumpAsync(DashboardDbContext db, CancellationToken ct = default) => StoreCounter.BumpAsync(db, Key, ct);
}

/// <summary>
/// A counter that goes up with every settings change (thresholds, health weights). Settings are re-read when it moves;
/// the metric model is not rebuilt, since no revenue changed.
/// </summary>
public static class SettingsVersion
{
    public const string Key = "settings_version";

    public static Task<long> GetAsync(DashboardDbContext db, CancellationToken ct = default) => StoreCounter.GetAsync(db, Key, ct);

    /// <summary>Increments the version; call inside the transaction that changed a setting.</summary>
    public static Task<long> BumpAsync(DashboardDbContext db, CancellationToken ct = default) => StoreCounter.BumpAsync(db, Key, ct);
}

/// <summary>A numeric StoreMeta value that only goes up.</summary>
internal static class StoreCounter
{
    public static async Task<long> GetAsync(DashboardDbContext db, string key, CancellationToken ct)
    {
        var row = await db.StoreMeta.AsNoTracking().FirstOrDefaultAsync(m => m.Key == key, ct);
        return row is null ? 0 : long.Parse(row.Value, CultureInfo.InvariantCulture);
    }

    public static async Task<long> BumpAsync(DashboardDbContext db, string key, CancellationToken ct)
    {
        var row = await db.StoreMeta.FirstOrDefaultAsync(m => m.Key == key, ct);
        long next;
        if (row is null)
        {
            next = 1;
            db.StoreMeta.Add(new StoreMeta { Key = key, Value = "1" });
        }
        else
        {
            next = long.Parse(row.Value, CultureInfo.InvariantCulture) + 1;
            row.Value = next.ToString(CultureInfo.InvariantCulture);
        }

        await db.SaveChangesAsync(ct);
        return next;
    }
}
