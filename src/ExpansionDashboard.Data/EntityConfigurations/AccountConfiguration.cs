using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExpansionDashboard.Data.EntityConfigurations;

// Table and column names are fixed here because the bulk paths write them with plain SQL.
internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> b)
    {
        b.ToTable("Accounts");
        b.HasIndex(a => a.ExternalId).IsUnique();
        b.Property(a => a.ExternalId).HasMaxLength(200);
        b.Property(a => a.Name).HasMaxLength(500);
        b.HasIndex(a => a.Segment);
        b.OwnedByImportBatch();
    }
}
