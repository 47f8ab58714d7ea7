namespace ExpansionDashboard.Data.Entities;

/// <summary>A row an import batch (a file, the API, a form edit or the demo) may have created; reverting that batch deletes it.</summary>
public interface IImportedRow
{
    /// <summary>The batch that created the row; null for rows no batch owns.</summary>
    long? ImportBatchId { get; }
}
