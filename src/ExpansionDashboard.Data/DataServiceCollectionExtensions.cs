using ExpansionDashboard.Data.Demo;
using ExpansionDashboard.Data.Queries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ExpansionDashboard.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>Registers the store, its migrator, the demo seeder and the read-side query services.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="connectionString">Resolves the connection string when the store is first used.</param>
    /// <param name="dialect">Resolves the store's dialect (a provider project's, picked by the host's settings).</param>
    public static IServiceCollection AddDashboardData(
        this IServiceCollection services, Func<IServiceProvider, string> connectionString, Func<IServiceProvider, IStoreDialect> dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        services.AddDbContextFactory<DashboardDbContext>((sp, o) => o.UseStore(dialect(sp), connectionString(sp)));
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContext());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new ReportingCurrency("USD"));
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<DemoDataSeeder>();
        services.AddSingleton<DemoDataRemover>();
        services.AddSingleton<DashboardSnapshotProvider>();
        services.AddSingleton<OverviewQuery>();
        services.AddSingleton<PageQueries>();
        services.AddSingleton<ExpansionQuery>();
        services.AddSingleton<MetricsApiQuery>();
        services.AddSingleton<Import.ImportService>();
        services.AddSingleton<Import.FormEditService>();
        services.AddSingleton<Settings.ThresholdStore>();
        services.AddSingleton<Settings.HealthWeightsStore>();
        services.AddSingleton<HealthQuery>();
        services.AddSingleton<Alerts.AlertService>();
        services.AddSingleton<ReviewQuery>();
        services.AddSingleton<ForecastQuery>();
        services.AddSingleton<PlannerService>();
        services.AddSingleton<Backup.DatabaseBackup>();
        services.AddSingleton<Audit.AuditLog>();
        return services;
    }
}
