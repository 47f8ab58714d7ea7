using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExpansionDashboard.Data.EntityConfigurations;

internal sealed class RevenueLineConfiguration : IEntityTypeConfiguration<RevenueLine>
{
    public void Configure(EntityTypeBuilder<RevenueLine> b)
    {
        b.ToTable("RevenueLines");
        b.HasIndex(r => new { r.AccountId, r.Month, r.Product, r.Currency }).IsUnique();

        // No index on Month alone: the model loads every line, and an index in month order costs a million-row
        // import about a fifth of its writes.
        b.Property(r => r.Currency).HasMaxLength(3).HasDefaultValue("");
        b.OwnedByImportBatch();
        b.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.Property(r => r.Product).HasMaxLength(200);
        b.Property(r => r.Mrr).HasPrecision(StorePrecision.MoneyPrecision, StorePrecision.MoneyScale);

        // Stored as the type's name. A store written by an older version may hold other text: it reads as "no type", never as an error.
        b.Property(r => r.ExpansionType).HasConversion(t => t == null ? null : t.Value.ToString(), s => ParseType(s));
    }

    private static ExpansionType? ParseType(string? text) =>
        Enum.TryParse<ExpansionType>(text, ignoreCase: true, out var t) && Enum.IsDefined(t) && !char.IsDigit(text![0]) ? t : null;
}
