namespace ExpansionDashboard.Data.Import;

public enum IssueSeverity
{
    /// <summary>The row (or file) cannot be imported as it is.</summary>
    Error,

    /// <summary>Imported, but worth a look (conflicting attributes, overlaps, gaps, credits below zero).</summary>
    Warning,
}

/// <summary>A data-quality finding: line 0 means the whole file; Column is the canonical column name.</summary>
public sealed record ImportIssue(int Line, string Column, string Reason, IssueSeverity Severity = IssueSeverity.Error)
{
    public override string ToString() => Line > 0 ? $"line {Line}, column {Column}: {Reason}" : $"{(Column.Length > 0 ? Column + ": " : "")}{Reason}";
}
