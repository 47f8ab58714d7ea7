using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExpansionDashboard.Data.EntityConfigurations;

internal sealed class OpportunityConfiguration : IEntityTypeConfiguration<Opportunity>
{
    public void Configure(EntityTypeBuilder<Opportunity> b)
    {
        b.ToTable("Opportunities");
        b.HasIndex(o => o.ExternalId).IsUnique();
        b.HasIndex(o => o.ExpectedClose);
        b.Property(o => o.Type).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.Stage).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.Amount).HasPrecision(StorePrecision.MoneyPrecision, StorePrecision.MoneyScale);
        b.OwnedByImportBatch();
        b.HasOne<Account>().WithMany().HasForeignKey(o => o.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
