namespace ExpansionDashboard.Data.Import;

public enum ImportKind
{
    Accounts,
    Mrr,
    InvoiceLines,
    Opportunities,
    Targets,
    Health,

    /// <summary>Monthly average exchange rates into the reporting currency (slug "fx-rates").</summary>
    FxRates,
}

/// <summary>What a column's values are, as the help and the mapping step describe them.</summary>
public enum ImportValueType
{
    Text,
    Id,
    Month,
    Quarter,
    Date,
    Number,
    WholeNumber,
    Boolean,
    Currency,
}

/// <summary>A column of an import kind: its canonical (header) name, whether a file must have it, its help and type.</summary>
/// <param name="Synonyms">
/// Headers that mean this column in this kind (squashed: lower case, letters and digits), most specific first; null for
/// the mapping suggester's shared list (an opportunity's "name" is the deal's, not the account's).
/// </param>
public sealed record ImportColumn(
    string Name, bool Required, string Description, string Example, ImportValueType Type = ImportValueType.Text, IReadOnlyList<string>? Synonyms = null);

/// <summary>Where a batch came from: decides how it is audited (a form edit is audited by the form, with its values).</summary>
public enum ImportSource
{
    /// <summary>A file uploaded on the import page.</summary>
    File,

    /// <summary>A file posted to <c>POST /api/imports/{kind}</c>.</summary>
    Api,

    /// <summary>A form edit (a target or an opportunity), committed as a one-row file.</summary>
    Form,

    /// <summary>The demo data set.</summary>
    Demo,
}

/// <summary>Whether a batch's rows are in the store (Committed) or were taken back out by a revert (Reverted).</summary>
public enum ImportBatchStatus
{
    Committed,
    Reverted,
}
