using System.Text.Json;

namespace ExpansionDashboard.Data.Settings;

/// <summary>
/// A setting kept as JSON in one StoreMeta row. Saving writes it and bumps the settings version in one transaction (so
/// every view re-judges its values while the metric model, keyed by the data version, stays loaded) and audits the
/// values before and after.
/// </summary>
internal sealed class JsonSetting<T>(string key, T fallback, string auditAction, string auditTarget)
    where T : class
{
    public string Key => key;

    public async Task<T> ReadAsync(DashboardDbContext db, CancellationToken ct)
    {
        var json = await StoreMetaValues.GetAsync(db, key, ct);
        return json is null ? fallback : JsonSerializer.Deserialize<T>(json) ?? fallback;
    }

    public async Task<T> GetAsync(IDbContextFactory<DashboardDbContext> factory, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await ReadAsync(db, ct);
    }

    public async Task SaveAsync(IDbContextFactory<DashboardDbContext> factory, T value, string actor, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var before = await ReadAsync(db, ct);
        await StoreMetaValues.SetAsync(db, key, JsonSerializer.Serialize(value), ct);
        await db.SaveChangesAsync(ct);
        await SettingsVersion.BumpAsync(db, ct);
        await tx.CommitAsync(ct);
        await new Audit.AuditLog(factory, TimeProvider.System).WriteAsync(actor, auditAction, auditTarget, before, value, ct);
    }
}
