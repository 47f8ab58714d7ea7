using System.Data.Common;

namespace ExpansionDashboard.Data;

/// <summary>
/// Everything about the store that depends on the database it lives in. Data itself is provider-neutral: each provider
/// project (ExpansionDashboard.Data.Sqlite, ExpansionDashboard.Data.PostgreSql) implements this once, next to its one
/// migration, and the host picks one by the Dashboard:Database:Provider setting. Code in Data reaches it through
/// <see cref="DashboardDbContext.Dialect"/>, so no service has to ask which provider it runs on.
/// </summary>
public interface IStoreDialect
{
    DatabaseProvider Provider { get; }

    /// <summary>The name the status page shows: "SQLite" or "PostgreSQL".</summary>
    string DisplayName { get; }

    /// <summary>Points the options at the provider, its migrations assembly and this dialect.</summary>
    void Configure(DbContextOptionsBuilder options, string connectionString);

    /// <summary>Applies the provider's migration, creating the database (and on SQLite its folder) when needed.</summary>
    Task MigrateAsync(DashboardDbContext db, CancellationToken ct);

    /// <summary>Whether the app can copy its own store (SQLite); a server is backed up with its own tools.</summary>
    bool SupportsBackup { get; }

    /// <summary>Writes a consistent copy of the store to <paramref name="destinationPath"/>; throws <see cref="NotSupportedException"/> when <see cref="SupportsBackup"/> is false.</summary>
    Task BackupAsync(DashboardDbContext db, string destinationPath, CancellationToken ct);

    /// <summary>
    /// A lock one app instance holds across transactions (the alert monitor's round) until the returned lease is
    /// disposed; null when another instance holds it. A store only one process uses always grants it.
    /// </summary>
    Task<IAsyncDisposable?> TryAcquireSessionLockAsync(DashboardDbContext db, long key, CancellationToken ct);

    /// <summary>
    /// Serialises writers (imports, reverts, demo removal) for the rest of <paramref name="transaction"/>. SQLite has a
    /// single writer already and does nothing.
    /// </summary>
    Task AcquireWriteLockAsync(DbConnection connection, DbTransaction transaction, long key, CancellationToken ct);

    /// <summary>The value a raw command parameter takes for a date column (SQLite keeps "yyyy-MM-dd" text).</summary>
    object DateParameter(DateOnly day);

    /// <summary>The value a raw command parameter takes for a UTC timestamp column.</summary>
    object TimestampParameter(DateTime utc);
}
