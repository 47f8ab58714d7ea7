namespace ExpansionDashboard.Data.Backup;

/// <summary>
/// A consistent copy of the live store, taken by the store's dialect (SQLite's online backup API: readers and writers
/// keep working while it runs, and the copy is one point in time, a whole import in it or not at all).
/// </summary>
public sealed class DatabaseBackup(IDbContextFactory<DashboardDbContext> factory)
{
    /// <summary>Whether the app can copy its own store (SQLite); a PostgreSQL server is backed up with its own tools (pg_dump).</summary>
    public bool IsSupported
    {
        get
        {
            using var db = factory.CreateDbContext();
            return db.Dialect.SupportsBackup;
        }
    }

    /// <summary>Writes the backup to <paramref name="destinationPath"/> (overwritten) and checks its integrity.</summary>
    public async Task CreateAsync(string destinationPath, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Dialect.BackupAsync(db, destinationPath, ct);
    }
}
