using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExpansionDashboard.Data.EntityConfigurations;

internal sealed class PlannerScenarioConfiguration : IEntityTypeConfiguration<PlannerScenario>
{
    public void Configure(EntityTypeBuilder<PlannerScenario> b)
    {
        b.ToTable("PlannerScenarios");
        b.Property(p => p.Name).HasMaxLength(120);
        b.Property(p => p.Scope).HasColumnName("Segment");
        b.Property(p => p.Target).HasPrecision(StorePrecision.MoneyPrecision, StorePrecision.MoneyScale);
        b.Property(p => p.ExtraPipeline).HasPrecision(StorePrecision.MoneyPrecision, StorePrecision.MoneyScale);
        b.Property(p => p.WinRate).HasPrecision(StorePrecision.PercentPrecision, StorePrecision.PercentScale);
        b.HasIndex(p => p.Quarter);
    }
}
