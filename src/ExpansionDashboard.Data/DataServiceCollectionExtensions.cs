using ExpansionDashboard.Data.Alerts;
using ExpansionDashboard.Data.Demo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ExpansionDashboard.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>Registers the store (SQLite or PostgreSQL), its migrator, the demo seeder and the read side (one query per feature).</summary>
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
        services.AddSingleton<Settings.SettingsProvider>();
        services.AddSingleton<Settings.ThresholdStore>();
        services.AddSingleton<Settings.HealthWeightsStore>();
        services.AddSingleton<Filters.FilterOptionsQuery>();
        services.AddSingleton<Overview.OverviewQuery>();
        services.AddSingleton<Retention.RetentionQuery>();
        services.AddSingleton<Cohorts.CohortsQuery>();
        services.AddSingleton<Expansion.ExpansionQuery>();
        services.AddSingleton<Pipeline.PipelineQuery>();
        services.AddSingleton<Accounts.AccountsQuery>();
        services.AddSingleton<Health.HealthQuery>();
        services.AddSingleton<Forecast.ForecastQuery>();
        services.AddSingleton<Motions.MotionsQuery>();
        services.AddSingleton<Review.ReviewQuery>();
        services.AddSingleton<SavedReviews.SavedReviewStore>();
        services.AddSingleton<Planner.PlannerQuery>();
        services.AddSingleton<Planner.PlannerScenarios>();
        services.AddSingleton<Admin.AdminQuery>();
        services.AddSingleton<Api.MetricsApiQuery>();
        services.AddSingleton<Import.ImportActivity>();
        services.AddSingleton<Import.ImportService>();
        services.AddSingleton<Import.FormEditService>();
        services.AddAlerts();
        services.AddSingleton<Backup.DatabaseBackup>();
        services.AddSingleton<Audit.AuditLog>();
        services.AddSingleton<ReviewLinks.ReviewLinkService>();
        return services;
    }
}
