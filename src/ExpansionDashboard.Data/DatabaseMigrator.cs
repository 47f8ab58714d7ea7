using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Data;

/// <summary>Creates the database file's folder, applies committed migrations and switches SQLite to WAL.</summary>
public sealed class DatabaseMigrator(IDbContextFactory<DashboardDbContext> factory)
{
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        await db.Database.MigrateAsync(ct);

        // WAL lets dashboards keep reading while an import commits.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }
}
