using Microsoft.EntityFrameworkCore.Design;

namespace ExpansionDashboard.Data.PostgreSql;

/// <summary>Lets `dotnet ef migrations add X --project src/ExpansionDashboard.Data.PostgreSql` build the PostgreSQL model (no server needed).</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<DashboardDbContext>
{
    public DashboardDbContext CreateDbContext(string[] args) =>
        new(StoreDialectOptions.For(PostgreSqlStoreDialect.Instance, "Host=localhost;Database=design_time"));
}
