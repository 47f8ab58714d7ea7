using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExpansionDashboard.Data.ReviewLinks;

internal sealed class ReviewLinkConfiguration : IEntityTypeConfiguration<ReviewLink>
{
    public void Configure(EntityTypeBuilder<ReviewLink> b)
    {
        b.ToTable("ReviewLinks");
        b.Property(l => l.Name).HasMaxLength(ReviewLinkService.MaxNameLength);
        b.Property(l => l.TokenHash).HasMaxLength(64);
        b.Property(l => l.CreatedBy).HasMaxLength(256);
        b.Property(l => l.RevokedBy).HasMaxLength(256);
        b.HasIndex(l => l.TokenHash).IsUnique();
    }
}
