namespace ExpansionDashboard.Data.Entities;

/// <summary>
/// The values a row had before an import batch changed it, so reverting the batch restores them exactly.
/// Rows the batch created are found by their ImportBatchId instead.
/// </summary>
public sealed class ImportChange
{
    public long Id { get; set; }

    public long ImportBatchId { get; set; }

    /// <summary>Table name, e.g. RevenueLines.</summary>
    public required string TableName { get; set; }

    public long RowId { get; set; }

    /// <summary>Column → previous value, as JSON.</summary>
    public required string BeforeJson { get; set; }
}
