using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Data;

/// <summary>Applies the provider's committed migrations (creating the database if needed); on SQLite also creates the file's folder and switches to WAL.</summary>
public sealed class DatabaseMigrator(IDbContextFactory<DashboardDbContext> factory)
{
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (db.Database.IsPostgreSql())
        {
            await db.Database.MigrateAsync(ct);
            return;
        }

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
