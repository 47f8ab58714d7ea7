using ExpansionDashboard.Data.Entities;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Data;

public sealed class DashboardDbContext(DbContextOptions<DashboardDbContext> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
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

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(DashboardDbContext).Assembly);
    }
}
