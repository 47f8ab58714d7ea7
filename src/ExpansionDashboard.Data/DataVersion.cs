using ExpansionDashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Data;

/// <summary>
/// A counter in the store that goes up with every data change. Metric caches key on it, so every app
/// instance sharing the database sees a change on its next read.
/// </summary>
public static class DataVersion
{
    public const string Key = "data_version";

    public static async Task<long> GetAsync(DashboardDbContext db, CancellationToken ct = default)
    {
        var row = await db.StoreMeta.AsNoTracking().FirstOrDefaultAsync(m => m.Key == Key, ct);
        return row is null ? 0 : long.Parse(row.Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Increments the version; call inside the transaction that changed the data.</summary>
    public static async Task<long> BumpAsync(DashboardDbContext db, CancellationToken ct = default)
    {
        var row = await db.StoreMeta.FirstOrDefaultAsync(m => m.Key == Key, ct);
        long next;
        if (row is null)
        {
            next = 1;
            db.StoreMeta.Add(new StoreMeta { Key = Key, Value = "1" });
        }
        else
        {
            next = long.Parse(row.Value, System.Globalization.CultureInfo.InvariantCulture) + 1;
            row.Value = next.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await db.SaveChangesAsync(ct);
        return next;
    }
}
