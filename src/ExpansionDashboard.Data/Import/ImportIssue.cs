namespace ExpansionDashboard.Data.Import;

public enum IssueSeverity
{
    /// <summary>The row (or file) cannot be imported as it is.</summary>
    Error,

    /// <summary>Imported, but worth a look (conflicting attributes, overlaps, gaps, credits below zero).</summary>
    Warning,
}

/// <summary>
/// A data-quality finding: line 0 means the whole file; Column is the canonical column name. <paramref name="Kind"/> is a
/// stable code (see <see cref="IssueKinds"/>) that groups findings of the same sort; when none is given it is derived
/// from the column ("column amount"), so errors in one column group together.
/// </summary>
public sealed record ImportIssue(int Line, string Column, string Reason, IssueSeverity Severity = IssueSeverity.Error, string Kind = "")
{
    /// <summary>The group code: the given kind, or one derived from the column.</summary>
    public string Kind { get; init; } = Kind.Length > 0 ? Kind : IssueKinds.ForColumn(Column);

    public override string ToString() => Line > 0
        ? Column.Length > 0 ? $"line {Line}, column {Column}: {Reason}" : $"line {Line}: {Reason}"
        : $"{(Column.Length > 0 ? Column + ": " : "")}{Reason}";
}

/// <summary>Findings of one kind: how many, and the first examples (the full list is the preview's Errors or Warnings).</summary>
public sealed record IssueGroup(string Kind, string Title, int Count, IReadOnlyList<ImportIssue> Examples)
{
    /// <summary>Examples kept per group.</summary>
    public const int MaxExamples = 20;
}

/// <summary>The stable kind codes of import findings and their titles, so a thousand alike findings read as one group.</summary>
public static class IssueKinds
{
    public const string DoubleBilling = "double billing";
    public const string OverlappingPeriods = "overlapping periods";
    public const string BelowZero = "below zero";
    public const string MixedCurrencies = "mixed currencies";
    public const string MissingFxRate = "missing fx rate";
    public const string InvalidCurrency = "invalid currency";
    public const string ReportingCurrencyRate = "reporting currency rate";
    public const string Duplicate = "duplicate";
    public const string ConflictingAttributes = "conflicting attributes";
    public const string Formula = "formula";
    public const string MonthGap = "month gap";
    public const string UnnamedAccount = "unnamed account";
    public const string UnknownAccount = "unknown account";
    public const string File = "file";
    public const string Encoding = "encoding";
    public const string ColumnPrefix = "column ";

    /// <summary>The kind of a finding that names only its column.</summary>
    public static string ForColumn(string column) => string.IsNullOrEmpty(column) ? File : ColumnPrefix + column;

    /// <summary>A heading for a group of findings of <paramref name="kind"/>.</summary>
    public static string Title(string kind) => kind switch
    {
        DoubleBilling => "Identical lines, both counted: check for double billing",
        OverlappingPeriods => "Service periods that overlap for the same account and product",
        BelowZero => "Account-months below zero after credits (counted as zero)",
        MixedCurrencies => "The file mixes currencies",
        MissingFxRate => "No FX rate for the row's currency and month",
        InvalidCurrency => "Not an ISO 4217 currency code",
        ReportingCurrencyRate => "Rates for the reporting currency itself",
        Duplicate => "Duplicate rows (same natural key)",
        ConflictingAttributes => "Accounts with different attributes on different rows",
        Formula => "Values that look like spreadsheet formulas",
        MonthGap => "Months with no rows",
        UnnamedAccount => "New accounts without a name",
        UnknownAccount => "Accounts the store does not have",
        File => "The file",
        Encoding => "Text that is not valid UTF-8, or NUL characters",
        _ when kind.StartsWith(ColumnPrefix, StringComparison.Ordinal) => $"Column {kind[ColumnPrefix.Length..]}",
        _ => kind,
    };
}
