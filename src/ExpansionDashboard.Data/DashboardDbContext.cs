using ExpansionDashboard.Data.EntityConfigurations;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using ExpansionDashboard.Data.ReviewLinks;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace ExpansionDashboard.Data;

public sealed class DashboardDbContext(DbContextOptions<DashboardDbContext> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    /// <summary>
    /// What differs between the databases the store can live in (locks, backup, migration steps, raw parameters). Set by
    /// <see cref="StoreDialectOptions.UseStore"/>; a context configured without it cannot migrate, so that fails loudly.
    /// </summary>
    public IStoreDialect Dialect { get; } = options.FindExtension<StoreDialectExtension>()?.Dialect
        ?? throw new InvalidOperationException("The store's options have no dialect: configure them with UseStore(dialect, connectionString).");

    /// <summary>The ASP.NET Core Data Protection key ring (sign-in cookies, antiforgery): in the store, so every app instance on it shares one ring.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<RevenueLine> RevenueLines => Set<RevenueLine>();

    public DbSet<Opportunity> Opportunities => Set<Opportunity>();

    public DbSet<OpportunityStageObservation> OpportunityStageHistory => Set<OpportunityStageObservation>();

    public DbSet<PlannerScenario> PlannerScenarios => Set<PlannerScenario>();

    public DbSet<ExpansionTarget> ExpansionTargets => Set<ExpansionTarget>();

    public DbSet<HealthSignal> HealthSignals => Set<HealthSignal>();

    public DbSet<FxRate> FxRates => Set<FxRate>();

    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();

    public DbSet<ImportChange> ImportChanges => Set<ImportChange>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<StoreMeta> StoreMeta => Set<StoreMeta>();

    public DbSet<AlertRule> AlertRules => Set<AlertRule>();

    public DbSet<AlertFiring> AlertFirings => Set<AlertFiring>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<SavedReview> SavedReviews => Set<SavedReview>();
    public DbSet<ReviewLink> ReviewLinks => Set<ReviewLink>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        configurationBuilder.Properties<Metrics.Model.Month>().HaveConversion<StoreConverters.MonthConverter>();
        configurationBuilder.Properties<Metrics.Model.Quarter>().HaveConversion<StoreConverters.QuarterConverter>().HaveMaxLength(7);
        configurationBuilder.Properties<Metrics.Model.Scope>().HaveConversion<StoreConverters.ScopeConverter>().HaveMaxLength(200);
        configurationBuilder.Properties<Metrics.Alerts.AlertSeverity>().HaveConversion<StoreConverters.AlertSeverityConverter>().HaveMaxLength(10);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(DashboardDbContext).Assembly);
    }
}
