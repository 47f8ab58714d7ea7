using Microsoft.EntityFrameworkCore.Design;

namespace ExpansionDashboard.Data.Sqlite;

/// <summary>Lets `dotnet ef migrations add X --project src/ExpansionDashboard.Data.Sqlite` build the SQLite model without starting the web app.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<DashboardDbContext>
{
    public DashboardDbContext CreateDbContext(string[] args) =>
        new(StoreDialectOptions.For(SqliteStoreDialect.Instance, "Data Source=design-time.db"));
}
