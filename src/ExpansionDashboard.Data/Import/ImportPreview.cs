namespace ExpansionDashboard.Data.Import;

/// <summary>A sample line of the diff: the natural key, what happens, and the values before and after.</summary>
public sealed record DiffSample(string Key, string Change, string? Before, string? After);

/// <summary>
/// The revenue rows of one currency in a file: how many, their amount in that currency (MRR for snapshots, billed amount
/// for invoice lines) and that amount in the reporting currency at each row's month's rate (an invoice line's service
/// start month); null when some row of the currency has no rate.
/// </summary>
public sealed record CurrencyTotal(string Currency, int Rows, decimal Amount, decimal? InReportingCurrency);

/// <summary>
/// The one set of counts preview, commit result and import history all show. File rows: <see cref="RowsRead"/> =
/// <see cref="RowsValid"/> + <see cref="RowsRejected"/>. Store rows of the kind's table: <see cref="Inserted"/>,
/// <see cref="Updated"/>, <see cref="Unchanged"/> — for invoice lines these are the account-month-product MRR rows the
/// lines spread into, so they differ from the file's row count. <see cref="NewAccounts"/> are accounts created beside
/// them and are never counted in <see cref="Inserted"/>, except by an accounts file, whose inserted rows are accounts.
/// </summary>
public sealed record ImportCounts(int RowsRead, int RowsValid, int RowsRejected, int Inserted, int Updated, int Unchanged, int NewAccounts);

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
    IReadOnlyList<MonthMrrChange> MrrByMonth,
    IReadOnlyList<CurrencyTotal> CurrencyTotals,
    IReadOnlyList<IssueGroup> WarningGroups,
    IReadOnlyList<IssueGroup> ErrorGroups,
    string? Horizon = null)
{
    /// <summary>The counts the commit result and the batch row repeat (see <see cref="ImportCounts"/>).</summary>
    public ImportCounts Counts => new(RowsRead, RowsValid, RowsRejected, New, Changed, Unchanged, NewAccounts);

    /// <summary>Problems with the file itself (empty, binary, missing columns): nothing can be imported.</summary>
    public bool FileRejected => RowsRead == 0 || MissingColumns.Count > 0 || Errors.Any(e => e.Line == 0 && e.Severity == IssueSeverity.Error);

    /// <summary>Committable as it is: valid rows and no errors.</summary>
    public bool CanCommit => !FileRejected && RowsValid > 0 && ErrorCount == 0;

    /// <summary>Committable if the admin chooses to skip the rejected rows.</summary>
    public bool CanCommitSkippingRejected => !FileRejected && RowsValid > 0;
}

/// <summary>The outcome of a commit: the batch and the same counts its preview and its history row show.</summary>
public sealed record ImportOutcome(long BatchId, string Kind, ImportCounts Counts, ImportPreview Preview)
{
    public int RowsRead => Counts.RowsRead;

    public int Inserted => Counts.Inserted;

    public int Updated => Counts.Updated;

    public int Unchanged => Counts.Unchanged;

    public int Rejected => Counts.RowsRejected;

    public int NewAccounts => Counts.NewAccounts;
}

/// <summary>A refusal with a message fit to show the admin (nothing was written).</summary>
public sealed class ImportRejectedException(string message, ImportPreview? preview = null) : Exception(message)
{
    public ImportPreview? Preview { get; } = preview;
}
