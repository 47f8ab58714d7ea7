using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Data.Tests;

/// <summary>A real SQLite database file per test, migrated like the app does, deleted afterwards.</summary>
public sealed class SqliteTestDatabase : IDbContextFactory<DashboardDbContext>, IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ed-data-tests", Guid.NewGuid().ToString("N"));

    public SqliteTestDatabase()
    {
        ConnectionString = $"Data Source={Path.Combine(_folder, "dashboard.db")}";
    }

    public string ConnectionString { get; }

    public DashboardDbContext CreateDbContext() =>
        new(new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite(ConnectionString).Options);

    public static async Task<SqliteTestDatabase> CreateMigratedAsync()
    {
        var db = new SqliteTestDatabase();
        await new DatabaseMigrator(db).MigrateAsync();
        return db;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
