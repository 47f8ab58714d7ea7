using System.Data.Common;
using System.Globalization;
using ExpansionDashboard.Data.Import.Writing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Data.Sqlite;

/// <summary>The store in one SQLite file next to the app: one process, one writer at a time, backed up by the app itself.</summary>
public sealed class SqliteStoreDialect : IStoreDialect, IStoreWriterFactory, Snapshot.IRevenueLineReader
{
    public static readonly SqliteStoreDialect Instance = new();

    private SqliteStoreDialect()
    {
    }

    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public string DisplayName => "SQLite";

    public bool SupportsBackup => true;

    public void Configure(DbContextOptionsBuilder options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.UseSqlite(connectionString, o => o.MigrationsAssembly(typeof(SqliteStoreDialect).Assembly.GetName().Name));
    }

    public async Task MigrateAsync(DashboardDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        PrivateStoreFile.Prepare(db.Database.GetConnectionString());
        await db.Database.MigrateAsync(ct);

        // WAL lets dashboards keep reading while an import commits.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }

    /// <summary>SQLite's online backup API: readers and writers keep working, and the copy is one point in time.</summary>
    public async Task BackupAsync(DashboardDbContext db, string destinationPath, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        if (File.Exists(destinationPath))
        {
            File.Delete(destinationPath);
        }

        await using var source = new SqliteConnection(db.Database.GetConnectionString());
        await source.OpenAsync(ct);
        var destinationCs = new SqliteConnectionStringBuilder { DataSource = destinationPath, Pooling = false }.ToString();
        await using var destination = new SqliteConnection(destinationCs);
        await destination.OpenAsync(ct);
        source.BackupDatabase(destination);
        await using var cmd = destination.CreateCommand();

        // The copy is a standalone file: no WAL beside it.
        cmd.CommandText = "PRAGMA journal_mode=DELETE;";
        await cmd.ExecuteNonQueryAsync(ct);
        cmd.CommandText = "PRAGMA integrity_check;";
        var result = (string?)await cmd.ExecuteScalarAsync(ct);
        if (!string.Equals(result, "ok", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The backup failed its integrity check: {result}");
        }
    }

    /// <summary>One process owns a SQLite store, so there is nobody to share the session lock with.</summary>
    public Task<IAsyncDisposable?> TryAcquireSessionLockAsync(DashboardDbContext db, long key, CancellationToken ct) =>
        Task.FromResult<IAsyncDisposable?>(NoLease.Instance);

    /// <summary>SQLite already lets one writer at a time in.</summary>
    public Task AcquireWriteLockAsync(DbConnection connection, DbTransaction transaction, long key, CancellationToken ct) => Task.CompletedTask;

    public object DateParameter(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The text EF Core's SQLite provider writes for a DateTime, so raw and EF writes compare equal.</summary>
    public object TimestampParameter(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    IStoreWriter IStoreWriterFactory.CreateWriter(DbConnection connection, DbTransaction transaction, Microsoft.EntityFrameworkCore.Metadata.IModel model) =>
        new SqlitePlanWriter((SqliteConnection)connection, (SqliteTransaction)transaction);

    void Snapshot.IRevenueLineReader.ReadRevenueLines(DbConnection connection, Action<Snapshot.StoredRevenueLine> line, CancellationToken ct) =>
        SqliteRevenueLineReader.Read((SqliteConnection)connection, line, ct);

    void Snapshot.IRevenueLineReader.ReadMrrLines(DbConnection connection, (DateOnly First, DateOnly After)? months, Action<Snapshot.StoredMrrLine> line, CancellationToken ct) =>
        SqliteRevenueLineReader.ReadMrrLines((SqliteConnection)connection, months, line, ct);

    private sealed class NoLease : IAsyncDisposable
    {
        public static readonly NoLease Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
