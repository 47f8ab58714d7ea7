namespace ExpansionDashboard.Data.Alerts;

/// <summary>
/// A lock across app instances sharing one store, so one monitor round runs at a time. The provider decides what a
/// lock is (<see cref="IStoreDialect.TryAcquireSessionLockAsync"/>): an advisory lock on PostgreSQL, always granted on
/// SQLite (one node).
/// </summary>
public sealed class StoreLock(IDbContextFactory<DashboardDbContext> factory)
{
    /// <summary>The key one monitor round holds ("ExpAlrt").</summary>
    public const long AlertMonitorKey = 0x457870416C7274;

    /// <summary>The lease for <paramref name="key"/>, or null when another instance holds it.</summary>
    public async Task<IAsyncDisposable?> TryAcquireAsync(long key, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Dialect.TryAcquireSessionLockAsync(db, key, ct);
    }
}
