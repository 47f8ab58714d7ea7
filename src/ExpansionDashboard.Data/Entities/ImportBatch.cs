namespace ExpansionDashboard.Data.Entities;

/// <summary>One import (or the demo seed): who, when, what, and counts; its changes make it revertible.</summary>
public sealed class ImportBatch
{
    public long Id { get; set; }

    public required string Kind { get; set; }

    public string FileName { get; set; } = "";

    /// <summary>Where the batch came from (a file upload, the API, a form edit, the demo); decides how it is audited.</summary>
    public Import.ImportSource Source { get; set; } = Import.ImportSource.File;

    public string CreatedBy { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    public int RowsRead { get; set; }

    public int RowsInserted { get; set; }

    public int RowsUpdated { get; set; }

    public int RowsRejected { get; set; }

    public Import.ImportBatchStatus Status { get; set; } = Import.ImportBatchStatus.Committed;

    public DateTime? RevertedUtc { get; set; }

    public string? ReportJson { get; set; }

    /// <summary>
    /// The data's horizon this batch's revenue rows set (first day of the month): an mrr file's latest month, an
    /// invoice-lines file's latest service-start month. Null for batches that carry no revenue.
    /// </summary>
    public DateOnly? HorizonMonth { get; set; }
}
