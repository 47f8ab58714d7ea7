namespace ExpansionDashboard.Data.Import;

/// <summary>A sample line of the diff: the natural key, what happens, and the values before and after.</summary>
public sealed record DiffSample(string Key, string Change, string? Before, string? After);

/// <summary>Total MRR of a month before and after the import (metric model: account-months below zero count as zero).</summary>
public sealed record MonthMrrChange(string Month, decimal Before, decimal After)
{
    public decimal Change => After - Before;
}

/// <summary>
/// What an import would do, before anything is written: counts, the data-quality report and the diff against the
/// store. Errors list rejected rows (line, column, reason); warnings never block.
/// </summary>
public sealed record ImportPreview(
    string Kind,
    string FileName,
    string Delimiter,
    IReadOnlyList<string> Headers,
    IReadOnlyDictionary<string, string> Mapping,
    IReadOnlyList<string> MissingColumns,
    int RowsRead,
    int RowsValid,
    int RowsRejected,
    int ErrorCount,
    int WarningCount,
    IReadOnlyList<ImportIssue> Errors,
    IReadOnlyList<ImportIssue> Warnings,
    IReadOnlyList<IReadOnlyDictionary<string, string>> FirstRows,
    int New,
    int Changed,
    int Unchanged,
    int NewAccounts,
    IReadOnlyList<DiffSample> Samples,
    IReadOnlyList<MonthMrrChange> MrrByMonth)
{
    /// <summary>Problems with the file itself (empty, binary, missing columns): nothing can be imported.</summary>
    public bool FileRejected => RowsRead == 0 || MissingColumns.Count > 0 || Errors.Any(e => e.Line == 0 && e.Severity == IssueSeverity.Error);

    /// <summary>Committable as it is: valid rows and no errors.</summary>
    public bool CanCommit => !FileRejected && RowsValid > 0 && ErrorCount == 0;

    /// <summary>Committable if the admin chooses to skip the rejected rows.</summary>
    public bool CanCommitSkippingRejected => !FileRejected && RowsValid > 0;
}

/// <summary>The outcome of a commit or revert.</summary>
public sealed record ImportOutcome(long BatchId, string Kind, int RowsRead, int Inserted, int Updated, int Unchanged, int Rejected, int NewAccounts, ImportPreview Preview);

/// <summary>A refusal with a message fit to show the admin (nothing was written).</summary>
public sealed class ImportRejectedException(string message, ImportPreview? preview = null) : Exception(message)
{
    public ImportPreview? Preview { get; } = preview;
}
