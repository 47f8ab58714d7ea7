using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExpansionDashboard.Data.EntityConfigurations;

internal sealed class SavedReviewConfiguration : IEntityTypeConfiguration<SavedReview>
{
    public void Configure(EntityTypeBuilder<SavedReview> b)
    {
        b.ToTable("SavedReviews");
        b.Property(r => r.SavedBy).HasMaxLength(256);
        b.HasIndex(r => r.AsOf);
    }
}
