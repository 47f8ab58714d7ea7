using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExpansionDashboard.Data.EntityConfigurations;

internal sealed class FxRateConfiguration : IEntityTypeConfiguration<FxRate>
{
    public void Configure(EntityTypeBuilder<FxRate> b)
    {
        b.ToTable("FxRates");
        b.HasIndex(r => new { r.Month, r.Currency }).IsUnique();
        b.Property(r => r.Currency).HasMaxLength(3);
        b.Property(r => r.Rate).HasPrecision(StorePrecision.RatePrecision, StorePrecision.RateScale);
        b.OwnedByImportBatch();
    }
}
