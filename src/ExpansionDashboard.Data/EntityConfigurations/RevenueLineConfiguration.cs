using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExpansionDashboard.Data.EntityConfigurations;

internal sealed class RevenueLineConfiguration : IEntityTypeConfiguration<RevenueLine>
{
    public void Configure(EntityTypeBuilder<RevenueLine> b)
    {
        b.ToTable("RevenueLines");
        b.HasIndex(r => new { r.AccountId, r.Month, r.Product, r.Currency }).IsUnique();
        b.Property(r => r.Currency).HasMaxLength(3).HasDefaultValue("");
        b.HasIndex(r => r.Month);
        b.HasIndex(r => r.ImportBatchId);
        b.HasOne<ImportBatch>().WithMany().HasForeignKey(r => r.ImportBatchId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.Property(r => r.Product).HasMaxLength(200);
        b.Property(r => r.Mrr).HasPrecision(StorePrecision.MoneyPrecision, StorePrecision.MoneyScale);
    }
}
