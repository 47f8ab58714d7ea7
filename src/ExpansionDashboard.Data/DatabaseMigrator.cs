namespace ExpansionDashboard.Data;

/// <summary>Applies the provider's committed migration, creating the database if needed (see <see cref="IStoreDialect.MigrateAsync"/>).</summary>
public sealed class DatabaseMigrator(IDbContextFactory<DashboardDbContext> factory)
{
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Dialect.MigrateAsync(db, ct);
    }
}
