using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExpansionDashboard.Data.EntityConfigurations;

internal static class ImportedRowConfiguration
{
    /// <summary>
    /// The link of an imported row to its batch: indexed, because a revert finds the batch's rows by it, and Restrict,
    /// because a batch goes only after the revert has deleted its rows (a hard delete must not take data with it).
    /// </summary>
    public static void OwnedByImportBatch<T>(this EntityTypeBuilder<T> b)
        where T : class, IImportedRow
    {
        b.HasIndex(r => r.ImportBatchId);
        b.HasOne<ImportBatch>().WithMany().HasForeignKey(r => r.ImportBatchId).OnDelete(DeleteBehavior.Restrict);
    }
}
