namespace ExpansionDashboard.Data;

/// <summary>Reads and writes one StoreMeta key/value (settings, markers, mappings), so callers do not repeat the find-or-add.</summary>
internal static class StoreMetaValues
{
    public static async Task<string?> GetAsync(DashboardDbContext db, string key, CancellationToken ct) =>
        (await db.StoreMeta.AsNoTracking().FirstOrDefaultAsync(m => m.Key == key, ct))?.Value;

    /// <summary>Sets the value (or removes the key for null) in the context; the caller saves. Returns the value it replaced.</summary>
    public static async Task<string?> SetAsync(DashboardDbContext db, string key, string? value, CancellationToken ct)
    {
        var row = await db.StoreMeta.FirstOrDefaultAsync(m => m.Key == key, ct);
        var before = row?.Value;
        if (value is null)
        {
            if (row is not null)
            {
                db.StoreMeta.Remove(row);
            }
        }
        else if (row is null)
        {
            db.StoreMeta.Add(new StoreMeta { Key = key, Value = value });
        }
        else
        {
            row.Value = value;
        }

        return before;
    }
}
