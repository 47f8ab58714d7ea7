using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExpansionDashboard.Data.EntityConfigurations;

internal sealed class ExpansionTargetConfiguration : IEntityTypeConfiguration<ExpansionTarget>
{
    public void Configure(EntityTypeBuilder<ExpansionTarget> b)
    {
        b.ToTable("ExpansionTargets");
        b.Property(t => t.Scope).HasColumnName("Segment");
        b.HasIndex(t => new { t.Quarter, t.Scope }).IsUnique();
        b.Property(t => t.Amount).HasPrecision(StorePrecision.MoneyPrecision, StorePrecision.MoneyScale);
        b.OwnedByImportBatch();
    }
}
