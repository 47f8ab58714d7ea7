using ExpansionDashboard.Metrics.Currency;

namespace ExpansionDashboard.Data.Import.Kinds;

/// <summary>A monthly average rate: <paramref name="Rate"/> units of the reporting currency per 1 <paramref name="Currency"/>.</summary>
public sealed record FxRateImportRow(int Line, Month Month, string Currency, decimal Rate) : ImportRow(Line);

/// <summary>Monthly average exchange rates into the reporting currency (a month uses the latest rate at or before it).</summary>
public sealed class FxRatesImport : KindImport<FxRateImportRow>
{
    internal static readonly StoreTable FxRatesTable = new("FxRates", false,
        [new("Month", typeof(DateOnly)), new("Currency", typeof(string)), new("Rate", typeof(decimal))]);

    internal FxRatesImport()
        : base(ImportKind.FxRates, "fx-rates", "FX rates (monthly average)", keyColumns: "month, currency")
    {
    }

    public override IReadOnlyList<ImportColumn> Columns { get; } =
[
    new("month", true, "YYYY-MM; a month uses the latest rate at or before it", "2026-10", ImportValueType.Month),
        new("currency", true, "ISO 4217 code, not the reporting currency", "EUR", ImportValueType.Currency),
        new("rate", true, "units of the reporting currency per 1 unit of the currency (monthly average), above zero", "1.0825", ImportValueType.Number),
    ];

    internal override StoreTable Table => FxRatesTable;

    internal override ImportRow Read(FieldReader r, int line)
    {
        var month = r.Month("month");
        var currency = r.Currency("currency", required: true, keepReporting: true);
        if (currency.Length > 0 && currency == r.Reporting)
        {
            r.Fail("currency", $"{currency} is the reporting currency: its rate is always 1, leave it out of the file", IssueKinds.ReportingCurrencyRate);
        }

        var text = r.Text("rate");
        var rate = r.Decimal("rate", allowNegative: true);
        if (rate <= 0 && ValueParser.TryDecimal(text, r.DecimalComma, out _))
        {
            r.Fail("rate", $"{text} is not above zero: a rate is units of the reporting currency per 1 unit of the currency");
        }

        return new FxRateImportRow(line, month, currency, rate);
    }

    internal override string Key(FxRateImportRow row) => $"{row.Month}\u001f{row.Currency}";

    internal override object?[] Values(FxRateImportRow row) => [row.Month.FirstDay, row.Currency, row.Rate];

    internal override IAsyncEnumerable<RowChange> PlanAsync(PlanContext ctx, CancellationToken ct) =>
        PlanByKeyAsync(ctx, s => $"{Month.Of((DateOnly)s.Values[0]!)}\u001f{FxRates.Normalise((string)s.Values[1]!)}", Key,
            r => $"{r.Month} · {r.Currency}", v => StoredValues.Rate((decimal)v[2]!), ct);
}
