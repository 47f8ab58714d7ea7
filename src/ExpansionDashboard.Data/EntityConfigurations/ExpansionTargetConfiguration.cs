using ExpansionDashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExpansionDashboard.Data.EntityConfigurations;

internal sealed class ExpansionTargetConfiguration : IEntityTypeConfiguration<ExpansionTarget>
{
    public void Configure(EntityTypeBuilder<ExpansionTarget> b)
    {
        b.ToTable("ExpansionTargets");
        b.HasIndex(t => new { t.Quarter, t.Segment }).IsUnique();
        b.Property(t => t.Quarter).HasMaxLength(7);
    }
}
