using ExpansionDashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExpansionDashboard.Data.EntityConfigurations;

// Table and column names are fixed here because the bulk paths write them with plain SQL.
internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> b)
    {
        b.ToTable("Accounts");
        b.HasIndex(a => a.ExternalId).IsUnique();
        b.Property(a => a.ExternalId).HasMaxLength(200);
        b.Property(a => a.Name).HasMaxLength(500);
        b.HasIndex(a => a.Segment);
        b.HasIndex(a => a.ImportBatchId);
    }
}

internal sealed class RevenueLineConfiguration : IEntityTypeConfiguration<RevenueLine>
{
    public void Configure(EntityTypeBuilder<RevenueLine> b)
    {
        b.ToTable("RevenueLines");
        b.HasIndex(r => new { r.AccountId, r.Month, r.Product, r.Currency }).IsUnique();
        b.Property(r => r.Currency).HasMaxLength(3).HasDefaultValue("");
        b.HasIndex(r => r.Month);
        b.HasIndex(r => r.ImportBatchId);
        b.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.Property(r => r.Product).HasMaxLength(200);
    }
}

internal sealed class OpportunityConfiguration : IEntityTypeConfiguration<Opportunity>
{
    public void Configure(EntityTypeBuilder<Opportunity> b)
    {
        b.ToTable("Opportunities");
        b.HasIndex(o => o.ExternalId).IsUnique();
        b.HasIndex(o => o.ExpectedClose);
        b.HasIndex(o => o.ImportBatchId);
        b.HasOne<Account>().WithMany().HasForeignKey(o => o.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OpportunityStageObservationConfiguration : IEntityTypeConfiguration<OpportunityStageObservation>
{
    public void Configure(EntityTypeBuilder<OpportunityStageObservation> b)
    {
        b.ToTable("OpportunityStageHistory");
        b.HasIndex(h => new { h.OpportunityId, h.SeenOn });
        b.HasIndex(h => h.ImportBatchId);
        b.Property(h => h.Stage).HasMaxLength(20);
        b.HasOne<Opportunity>().WithMany().HasForeignKey(h => h.OpportunityId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlannerScenarioConfiguration : IEntityTypeConfiguration<PlannerScenario>
{
    public void Configure(EntityTypeBuilder<PlannerScenario> b)
    {
        b.ToTable("PlannerScenarios");
        b.Property(p => p.Name).HasMaxLength(120);
        b.Property(p => p.Quarter).HasMaxLength(7);
        b.HasIndex(p => p.Quarter);
    }
}

internal sealed class ExpansionTargetConfiguration : IEntityTypeConfiguration<ExpansionTarget>
{
    public void Configure(EntityTypeBuilder<ExpansionTarget> b)
    {
        b.ToTable("ExpansionTargets");
        b.HasIndex(t => new { t.Quarter, t.Segment }).IsUnique();
        b.Property(t => t.Quarter).HasMaxLength(7);
    }
}

internal sealed class HealthSignalConfiguration : IEntityTypeConfiguration<HealthSignal>
{
    public void Configure(EntityTypeBuilder<HealthSignal> b)
    {
        b.ToTable("HealthSignals");
        b.HasIndex(h => new { h.AccountId, h.Month }).IsUnique();
        b.HasOne<Account>().WithMany().HasForeignKey(h => h.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> b)
    {
        b.ToTable("ImportBatches");
        b.HasIndex(i => i.CreatedUtc);
    }
}

internal sealed class ImportChangeConfiguration : IEntityTypeConfiguration<ImportChange>
{
    public void Configure(EntityTypeBuilder<ImportChange> b)
    {
        b.ToTable("ImportChanges");
        b.HasIndex(c => c.ImportBatchId);
        b.HasOne<ImportBatch>().WithMany().HasForeignKey(c => c.ImportBatchId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.ToTable("ApiKeys");
        b.HasIndex(k => k.Hash).IsUnique();
    }
}

internal sealed class StoreMetaConfiguration : IEntityTypeConfiguration<StoreMeta>
{
    public void Configure(EntityTypeBuilder<StoreMeta> b)
    {
        b.ToTable("StoreMeta");
        b.HasKey(m => m.Key);
    }
}

internal sealed class AlertRuleConfiguration : IEntityTypeConfiguration<AlertRule>
{
    public void Configure(EntityTypeBuilder<AlertRule> b)
    {
        b.ToTable("AlertRules");
        b.Property(r => r.Name).HasMaxLength(200);
        b.Property(r => r.Metric).HasMaxLength(40);
        b.Property(r => r.Segment).HasMaxLength(200);
        b.Property(r => r.Severity).HasMaxLength(10);
        b.Property(r => r.WebhookUrl).HasMaxLength(2000);
    }
}

internal sealed class AlertFiringConfiguration : IEntityTypeConfiguration<AlertFiring>
{
    public void Configure(EntityTypeBuilder<AlertFiring> b)
    {
        b.ToTable("AlertFirings");
        b.HasIndex(f => new { f.RuleId, f.Scope, f.ResolvedUtc });
        b.HasIndex(f => new { f.NotifyState, f.NextAttemptUtc });
        b.HasOne<AlertRule>().WithMany().HasForeignKey(f => f.RuleId).OnDelete(DeleteBehavior.Cascade);
        b.Property(f => f.Scope).HasMaxLength(200);
        b.Property(f => f.Severity).HasMaxLength(10);
        b.Property(f => f.NotifyState).HasMaxLength(10);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditEntries");
        b.HasIndex(e => e.Utc);
        b.HasIndex(e => e.Action);
        b.Property(e => e.Actor).HasMaxLength(256);
        b.Property(e => e.Action).HasMaxLength(64);
        b.Property(e => e.Target).HasMaxLength(512);
    }
}

