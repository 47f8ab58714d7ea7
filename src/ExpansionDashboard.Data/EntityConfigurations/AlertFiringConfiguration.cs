using ExpansionDashboard.Data.Alerts;
using ExpansionDashboard.Metrics.Alerts;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExpansionDashboard.Data.EntityConfigurations;

internal sealed class AlertFiringConfiguration : IEntityTypeConfiguration<AlertFiring>
{
    public void Configure(EntityTypeBuilder<AlertFiring> b)
    {
        b.ToTable("AlertFirings");
        b.HasIndex(f => new { f.RuleId, f.Scope, f.ResolvedUtc });
        b.HasIndex(f => new { f.NotifyState, f.NextAttemptUtc });

        // Rules are deleted softly; Restrict makes sure no hard delete can take a firing's history with it.
        b.HasOne<AlertRule>().WithMany().HasForeignKey(f => f.RuleId).OnDelete(DeleteBehavior.Restrict);
        b.Property(f => f.Scope).HasMaxLength(200);
        b.Property(f => f.NotifyState).HasMaxLength(10).HasConversion(s => s.Key(), s => NotifyStates.Parse(s));
    }
}
