using ExpansionDashboard.Data.PostgreSql;
using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Data.Tests;

/// <summary>The PostgreSQL dialect and its migration (this project only; the shared suite runs on both providers).</summary>
[Trait(Lanes.Category, Lanes.Store)]
public sealed class PostgreSqlStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Model_HasNoPendingChanges()
    {
        // Design time needs no server: the model is compared with the migration's snapshot.
        using var db = new DashboardDbContext(StoreDialectOptions.For(PostgreSqlStoreDialect.Instance, "Host=localhost;Database=model_check"));
        Assert.False(db.Database.HasPendingModelChanges(), "The model differs from the PostgreSQL migration: re-create Initial (see README, Migrations).");
    }

    [Fact]
    public void Migrations_AreOneInitial()
    {
        using var db = new DashboardDbContext(StoreDialectOptions.For(PostgreSqlStoreDialect.Instance, "Host=localhost;Database=model_check"));
        Assert.Equal(["Initial"], db.Database.GetMigrations().Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]));
    }

    [Fact]
    public async Task Migrate_OnAFreshDatabase_LeavesNoMigrationPendingAndBackupUnsupported()
    {
        await using var store = await TestDatabase.CreateMigratedAsync();
        await using var db = store.CreateDbContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        Assert.False(db.Dialect.SupportsBackup);
        Assert.Equal("PostgreSQL", db.Dialect.DisplayName);
        await Assert.ThrowsAsync<NotSupportedException>(() => db.Dialect.BackupAsync(db, "/tmp/never.db", Ct));
    }
}
