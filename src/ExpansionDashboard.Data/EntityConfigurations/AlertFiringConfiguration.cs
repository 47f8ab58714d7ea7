using ExpansionDashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExpansionDashboard.Data.EntityConfigurations;

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
