namespace ExpansionDashboard.Metrics.Currency;

/// <summary>
/// One monthly average exchange rate: <paramref name="Rate"/> units of the reporting currency per 1 unit of
/// <paramref name="Currency"/> (ISO 4217) in <paramref name="Month"/>.
/// </summary>
public sealed record FxRateInput(Month Month, string Currency, decimal Rate);

/// <summary>A month for which a currency had no rate at or before it, so its rows could not be converted.</summary>
public sealed record MissingRate(string Currency, Month Month);

/// <summary>
/// The rates that turn revenue in other currencies into the reporting currency. A month uses the latest rate at or
/// before it; the reporting currency itself (and an empty code) is always 1. Unit: reporting currency per unit.
/// </summary>
public sealed class FxRates
{
    /// <summary>The contract's rule, shown in docs and the metric catalogue.</summary>
    public const string Definition =
        "Rate = units of the reporting currency per 1 unit of the row's currency (monthly average); a month uses the latest rate at or before it. " +
        "MRR of month t uses t's rates; movements of t are at constant currency (both months at t-1's rates) and the rest of the change is FX.";

    private readonly Dictionary<string, (int Month, decimal Rate)[]> _byCurrency;

    public FxRates(string reportingCurrency, IEnumerable<FxRateInput>? rates = null)
    {
        ReportingCurrency = Normalise(reportingCurrency);
        _byCurrency = (rates ?? [])
            .Where(r => r.Rate > 0 && !IsReportingCode(Normalise(r.Currency)))
            .GroupBy(r => Normalise(r.Currency), StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.GroupBy(r => r.Month.Index).Select(m => (m.Key, m.Last().Rate)).OrderBy(x => x.Key).ToArray(),
                StringComparer.Ordinal);
    }

    /// <summary>Rates for a book in one currency: every row is taken as it is.</summary>
    public static FxRates None { get; } = new("");

    /// <summary>The reporting currency's ISO code, upper case (empty when the book does not name one).</summary>
    public string ReportingCurrency { get; }

    /// <summary>Currencies with at least one rate.</summary>
    public IReadOnlyCollection<string> Currencies => _byCurrency.Keys;

    /// <summary>Upper-case, trimmed ISO code; empty for null or blank.</summary>
    public static string Normalise(string? currency) => string.IsNullOrWhiteSpace(currency) ? "" : currency.Trim().ToUpperInvariant();

    /// <summary>Whether rows in <paramref name="currency"/> need no conversion (empty = the reporting currency).</summary>
    public bool IsReporting(string? currency) => IsReportingCode(Normalise(currency));

    /// <summary>The rate for <paramref name="month"/> (latest at or before it); 1 for the reporting currency; null when none exists.</summary>
    public decimal? RateAt(string? currency, Month month)
    {
        var code = Normalise(currency);
        if (IsReportingCode(code))
        {
            return 1m;
        }

        if (!_byCurrency.TryGetValue(code, out var list))
        {
            return null;
        }

        // Binary search for the last entry at or before the month.
        int lo = 0, hi = list.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (list[mid].Month <= month.Index)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found < 0 ? null : list[found].Rate;
    }

    private bool IsReportingCode(string code) => code.Length == 0 || string.Equals(code, ReportingCurrency, StringComparison.Ordinal);
}
