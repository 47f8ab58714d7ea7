using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExpansionDashboard.Data.EntityConfigurations;

internal sealed class AlertRuleConfiguration : IEntityTypeConfiguration<AlertRule>
{
    public void Configure(EntityTypeBuilder<AlertRule> b)
    {
        b.ToTable("AlertRules");
        b.Property(r => r.Name).HasMaxLength(200);
        b.Property(r => r.Metric).HasMaxLength(40);
        b.Property(r => r.Segment).HasMaxLength(200);
        b.Property(r => r.WebhookUrl).HasMaxLength(2000);
    }
}
