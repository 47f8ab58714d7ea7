using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExpansionDashboard.Data.EntityConfigurations;

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> b)
    {
        b.ToTable("ImportBatches");
        b.HasIndex(i => i.CreatedUtc);
        b.Property(i => i.Source).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.Status).HasConversion<string>();
    }
}
