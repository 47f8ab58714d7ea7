using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExpansionDashboard.Data.EntityConfigurations;

internal sealed class HealthSignalConfiguration : IEntityTypeConfiguration<HealthSignal>
{
    public void Configure(EntityTypeBuilder<HealthSignal> b)
    {
        b.ToTable("HealthSignals");
        b.HasIndex(h => new { h.AccountId, h.Month }).IsUnique();
        b.OwnedByImportBatch();
        b.HasOne<Account>().WithMany().HasForeignKey(h => h.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
