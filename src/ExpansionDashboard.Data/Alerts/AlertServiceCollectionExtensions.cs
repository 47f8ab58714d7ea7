using Microsoft.Extensions.DependencyInjection;

namespace ExpansionDashboard.Data.Alerts;

public static class AlertServiceCollectionExtensions
{
    /// <summary>The alert system: rule store, firing store, delivery outbox, the cross-instance lock and the evaluator.</summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddSingleton<AlertRuleStore>();
        services.AddSingleton<AlertFiringStore>();
        services.AddSingleton<AlertOutbox>();
        services.AddSingleton<StoreLock>();
        services.AddSingleton<AlertEvaluator>();
        return services;
    }
}
