using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Data.Backup;

/// <summary>
/// A consistent copy of the live store through SQLite's online backup API: readers and writers keep working while it
/// runs, and the copy is one point in time (a whole import is in it or not at all).
/// </summary>
public sealed class DatabaseBackup(IDbContextFactory<DashboardDbContext> factory)
{
    /// <summary>Whether the app can copy its own store (SQLite); a PostgreSQL server is backed up with its own tools (pg_dump).</summary>
    public bool IsSupported
    {
        get
        {
            using var db = factory.CreateDbContext();
            return !db.Database.IsPostgreSql();
        }
    }

    /// <summary>Writes the backup to <paramref name="destinationPath"/> (overwritten) and checks its integrity.</summary>
    public async Task CreateAsync(string destinationPath, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        if (File.Exists(destinationPath))
        {
            File.Delete(destinationPath);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        if (db.Database.IsPostgreSql())
        {
            throw new NotSupportedException("The store is on PostgreSQL: back it up with pg_dump (see docs/deploy.md).");
        }

        await using var source = new SqliteConnection(db.Database.GetConnectionString());
        await source.OpenAsync(ct);
        var destinationCs = new SqliteConnectionStringBuilder { DataSource = destinationPath, Pooling = false }.ToString();
        await using (var destination = new SqliteConnection(destinationCs))
        {
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
    }
}
