using ExpansionDashboard.Metrics.Billing;

namespace ExpansionDashboard.Data.Import.Kinds;

/// <summary>An invoice line; <paramref name="Currency"/> is the upper-case ISO code, empty for the reporting currency.</summary>
public sealed record InvoiceImportRow(int Line, string AccountId, string Product, DateOnly Start, DateOnly End, decimal Amount, string Currency, decimal? Quantity, AccountAttributesRow Attributes) : ImportRow(Line);

/// <summary>
/// Billing lines over a service period, normalised to monthly revenue (the metrics library's rules) and stored as
/// RevenueLines. The lines of a file are normalised together, so they are kept in memory.
/// </summary>
public sealed class InvoiceLinesImport : KindImport<InvoiceImportRow>
{
    internal InvoiceLinesImport()
        : base(ImportKind.InvoiceLines, "invoice-lines", "Invoice lines (billing)", keyColumns: "account_id, product, service_start, service_end, amount, currency")
    {
    }

    public override IReadOnlyList<ImportColumn> Columns { get; } =
[
    new("account_id", true, "account id", "ACC-00001", ImportValueType.Id),
        new("product", false, "product; Subscription when the export has none", "Core Platform"),
        new("service_start", true, "YYYY-MM-DD, first day of service", "2026-01-01", ImportValueType.Date),
        new("service_end", true, "YYYY-MM-DD, exclusive", "2027-01-01", ImportValueType.Date),
        new("amount", true, "after discounts, before tax, in the line's currency; negative for a credit", "12000.00", ImportValueType.Number),
        new("currency", false, "ISO 4217 code of the amount; empty for the reporting currency (other currencies need fx-rates)", "USD", ImportValueType.Currency),
        new("quantity", false, "units or seats", "10", ImportValueType.Number),
        .. AccountsImport.AttributeColumns,
    ];

    internal override StoreTable Table => MrrImport.RevenueLines;

    internal override AccountUse Accounts => AccountUse.Creates;

    internal override bool KeepsRows => true;

    internal override bool DuplicatesCount => true;

    internal override ImportRow Read(FieldReader r, int line)
    {
        var start = r.Date("service_start");
        var end = r.Date("service_end");
        if (!r.Failed && end <= start)
        {
            r.Fail("service_end", $"service_end {end:yyyy-MM-dd} is not after service_start {start:yyyy-MM-dd} (the end is exclusive)");
        }

        var product = r.Text("product");
        return new InvoiceImportRow(line, r.Id("account_id"), product.Length == 0 ? ImportParser.DefaultProduct : product, start, end, r.Decimal("amount", allowNegative: true),
            r.Currency("currency"), r.OptionalDecimal("quantity"), r.Attributes());
    }

    internal override string Key(InvoiceImportRow row) =>
        $"{row.AccountId}\u001f{row.Product}\u001f{row.Start:yyyy-MM-dd}\u001f{row.End:yyyy-MM-dd}\u001f{row.Amount}\u001f{row.Currency}";

    internal override string AccountOf(InvoiceImportRow row) => row.AccountId;

    internal override AccountAttributesRow AttributesOf(ImportRow row) => ((InvoiceImportRow)row).Attributes;

    /// <summary>An invoice line's month is that of its service start.</summary>
    internal override (string Currency, Month Month, decimal Amount)? Revenue(ImportRow row) => row is InvoiceImportRow i ? (i.Currency, Month.Of(i.Start), i.Amount) : null;

    /// <summary>Invoice lines are stored as the monthly revenue they normalise to, never as lines.</summary>
    internal override object?[] Values(InvoiceImportRow row) => throw new NotSupportedException("Invoice lines are stored as normalised revenue (MrrImport's values).");

    public static InvoiceLineInput ToInput(InvoiceImportRow l) => new(l.AccountId, l.Product, l.Start, l.End, l.Amount, Currency: l.Currency.Length == 0 ? null : l.Currency);

    internal override void Observe(ParsedFile file, ImportRow row)
    {
        var start = ((InvoiceImportRow)row).Start;
        if (file.LatestStart is null || start > file.LatestStart)
        {
            file.LatestStart = start;
        }
    }

    internal override Month? Horizon(ParsedFile file) => file.LatestStart is { } d ? DataHorizon.OfInvoiceLines([d]) : null;

    internal override void AddFileWarnings(ParsedFile file)
    {
        var lines = file.Retained.Cast<InvoiceImportRow>().ToList();
        if (lines.Count == 0)
        {
            return;
        }

        foreach (var group in lines.GroupBy(l => (l.AccountId, l.Product, l.Currency)))
        {
            var ordered = group.OrderBy(l => l.Start).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                // An identical line is already reported as possible double billing; an overlap says nothing more.
                var (line, previous) = (ordered[i], ordered[i - 1]);
                var identical = line.Start == previous.Start && line.End == previous.End && line.Amount == previous.Amount;
                if (!identical && line.Start < previous.End && line.Amount != 0 && previous.Amount != 0)
                {
                    file.Warn(new ImportIssue(ordered[i].Line, "service_start",
                        $"service period overlaps line {ordered[i - 1].Line} for account {group.Key.AccountId}, product {group.Key.Product}: both count in the overlapping months",
                        IssueSeverity.Warning, IssueKinds.OverlappingPeriods));
                }
            }
        }

        var normalised = InvoiceNormalisation.Normalise(lines.Select(ToInput));
        foreach (var negative in normalised.BelowZero)
        {
            file.Warn(new ImportIssue(0, "amount",
                $"account {negative.AccountId} is below zero in {negative.Month} ({negative.Mrr:0.##} {negative.Currency ?? file.Rules.ReportingCurrency}): counted as zero MRR",
                IssueSeverity.Warning, IssueKinds.BelowZero));
        }
    }

    internal override IAsyncEnumerable<RowChange> PlanAsync(PlanContext ctx, CancellationToken ct)
    {
        var rates = ctx.Parsed.Rules.Rates;
        var revenue = InvoiceNormalisation.Normalise(ctx.Parsed.ValidRows().Cast<InvoiceImportRow>().Select(ToInput)).Revenue
            .Select(r => new MrrImportRow(0, r.AccountId, r.Month, r.Product, r.Mrr, null, null, null, AccountAttributesRow.None, RevenuePlanning.StoredCurrency(rates, r.Currency)))
            .ToList();
        return RevenuePlanning.PlanAsync(ctx, revenue, RevenuePlanning.Span(ctx.Parsed, revenue.Select(r => r.Month).ToHashSet()), ct);
    }
}
