using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExpansionDashboard.Data.EntityConfigurations;

internal sealed class OpportunityStageObservationConfiguration : IEntityTypeConfiguration<OpportunityStageObservation>
{
    public void Configure(EntityTypeBuilder<OpportunityStageObservation> b)
    {
        b.ToTable("OpportunityStageHistory");
        b.HasIndex(h => new { h.OpportunityId, h.SeenOn });
        b.Property(h => h.Stage).HasConversion<string>().HasMaxLength(20);
        b.OwnedByImportBatch();
        b.HasOne<Opportunity>().WithMany().HasForeignKey(h => h.OpportunityId).OnDelete(DeleteBehavior.Cascade);
    }
}
