using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExpansionDashboard.Data.EntityConfigurations;

internal sealed class StoreMetaConfiguration : IEntityTypeConfiguration<StoreMeta>
{
    public void Configure(EntityTypeBuilder<StoreMeta> b)
    {
        b.ToTable("StoreMeta");
        b.HasKey(m => m.Key);
    }
}
