using ExpansionDashboard.Data.Import.Kinds;
using ExpansionDashboard.Metrics.Currency;

namespace ExpansionDashboard.Data.Import;

/// <summary>
/// Validates raw rows of one kind into typed rows (the kind's class reads the fields); every problem names the line, the
/// column and the reason. Currency codes are upper-cased and the reporting currency (<paramref name="reportingCurrency"/>)
/// is stored as empty, so "AUD" and "" are the same line when AUD is the reporting currency.
/// </summary>
public sealed class ImportParser(ImportKind kind, bool decimalComma, string reportingCurrency = "")
{
    private readonly string _reporting = FxRates.Normalise(reportingCurrency);
    private readonly KindImport _kind = ImportKinds.Get(kind);

    /// <summary>The product of invoice lines whose export has no product column.</summary>
    public const string DefaultProduct = "Subscription";

    internal const int MaxIdLength = 200;
    internal const int MaxTextLength = 500;

    /// <summary>Parses a row; returns null when it has errors (added to <paramref name="issues"/>).</summary>
    public ImportRow? Parse(RawRow raw, List<ImportIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(issues);
        if (raw.Error is not null)
        {
            issues.Add(new ImportIssue(raw.Line, "", raw.Error));
            return null;
        }

        var r = new FieldReader(raw, decimalComma, issues, _reporting);
        var row = _kind.Read(r, raw.Line);
        return r.Failed ? null : row;
    }

    internal static string Short(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
