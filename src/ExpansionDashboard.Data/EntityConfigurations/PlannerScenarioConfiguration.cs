using ExpansionDashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExpansionDashboard.Data.EntityConfigurations;

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
