using ExpansionDashboard.Metrics.Currency;

namespace ExpansionDashboard.Data.Import.Kinds;

/// <summary>A monthly MRR snapshot row; <paramref name="Currency"/> is the upper-case ISO code, empty for the reporting currency.</summary>
public sealed record MrrImportRow(int Line, string AccountId, Month Month, string Product, decimal Mrr, int? Seats, string? Plan, ExpansionType? ExpansionType, AccountAttributesRow Attributes, string Currency = "")
    : ImportRow(Line);

/// <summary>Monthly MRR snapshots: one row per account, month, product and currency.</summary>
public sealed class MrrImport : KindImport<MrrImportRow>
{
    /// <summary>RevenueLines, which MRR snapshots and normalised invoice lines both write.</summary>
    internal static readonly StoreTable RevenueLines = new("RevenueLines", true,
    [
        new("Month", typeof(DateOnly)), new("Product", typeof(string)), new("Currency", typeof(string)), new("Mrr", typeof(decimal)),
        new("Seats", typeof(int)), new("Plan", typeof(string)), new("ExpansionType", typeof(string)),
    ]);

    internal MrrImport()
        : base(ImportKind.Mrr, "mrr", "Monthly MRR snapshot", keyColumns: "account_id, month, product, currency")
    {
    }

    public override IReadOnlyList<ImportColumn> Columns { get; } =
[
    new("account_id", true, "account id", "ACC-00001", ImportValueType.Id),
        new("month", true, "YYYY-MM", "2026-10", ImportValueType.Month),
        new("product", true, "product or line name", "Core Platform"),
        new("mrr", true, "monthly recurring revenue in the row's currency, not negative", "1250.00", ImportValueType.Number),
        new("currency", false, "ISO 4217 code; empty for the reporting currency (other currencies need fx-rates)", "USD", ImportValueType.Currency),
        new("seats", false, "whole number of seats", "25", ImportValueType.WholeNumber),
        new("plan", false, "plan or tier", "Plus"),
        new("expansion_type", false, "Seats or Usage marks how an increase on this line counts", "Seats"),
        .. AccountsImport.AttributeColumns,
    ];

    internal override StoreTable Table => RevenueLines;

    internal override AccountUse Accounts => AccountUse.Creates;

    internal override ImportRow Read(FieldReader r, int line) =>
        new MrrImportRow(line, r.Id("account_id"), r.Month("month"), r.Text("product", required: true),
            r.Decimal("mrr", allowNegative: false), r.OptionalInt("seats"), r.Optional("plan"), r.LineType("expansion_type"), r.Attributes(), r.Currency("currency"));

    internal override string Key(MrrImportRow row) => $"{row.AccountId}\u001f{row.Month}\u001f{row.Product}\u001f{row.Currency}";

    // A million rows: the key's parts are hashed as they are, the month by its index (one per month, like its text).
    internal override UInt128 KeyHash(ImportRow row) =>
        row is MrrImportRow m ? new KeyHasher().Add(m.AccountId).Next().Add(m.Month.Index).Next().Add(m.Product).Next().Add(m.Currency).Hash : base.KeyHash(row);

    internal override string AccountOf(MrrImportRow row) => row.AccountId;

    internal override AccountAttributesRow AttributesOf(ImportRow row) => ((MrrImportRow)row).Attributes;

    internal override (string Currency, Month Month, decimal Amount)? Revenue(ImportRow row) => row is MrrImportRow m ? (m.Currency, m.Month, m.Mrr) : null;

    internal override object?[] Values(MrrImportRow row) => [row.Month.FirstDay, row.Product, row.Currency, row.Mrr, row.Seats, row.Plan, row.ExpansionType?.ToString()];

    internal override void Observe(ParsedFile file, ImportRow row) => file.Months.Add(((MrrImportRow)row).Month);

    internal override Month? Horizon(ParsedFile file) => DataHorizon.OfSnapshots(file.Months);

    internal override void AddFileWarnings(ParsedFile file)
    {
        if (file.Months.Count == 0)
        {
            return;
        }

        var min = file.Months.Min();
        var max = file.Months.Max();
        for (var m = min; m <= max; m = m.AddMonths(1))
        {
            if (!file.Months.Contains(m))
            {
                file.Warn(new ImportIssue(0, "month", $"no rows for {m}: every account will show as churned that month", IssueSeverity.Warning, IssueKinds.MonthGap));
            }
        }
    }

    internal override IAsyncEnumerable<RowChange> PlanAsync(PlanContext ctx, CancellationToken ct) =>
        RevenuePlanning.PlanAsync(ctx, ctx.Parsed.ValidRows().Cast<MrrImportRow>(), RevenuePlanning.Span(ctx.Parsed, ctx.Parsed.Months), ct);
}

/// <summary>Revenue rows (snapshots, or invoice lines normalised to months) against the stored RevenueLines.</summary>
internal static class RevenuePlanning
{
    /// <summary>
    /// The stored months a file's rows can meet: its first month to its last, or to its horizon when that is later (the
    /// preview's MRR by month runs to it). Null for a file without rows.
    /// </summary>
    public static (Month First, Month Last)? Span(ParsedFile parsed, IReadOnlyCollection<Month> months)
    {
        if (months.Count == 0)
        {
            return null;
        }

        var last = months.Max();
        return (months.Min(), parsed.Horizon is { } h && h > last ? h : last);
    }

    /// <param name="span">The months the rows fall in (<see cref="Span"/>): only stored lines in them are read, so a year's
    /// file imported into a store of many years reads that year, not the whole table. Null reads every stored line.</param>
    public static async IAsyncEnumerable<RowChange> PlanAsync(
        PlanContext ctx, IEnumerable<MrrImportRow> rows, (Month First, Month Last)? span, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var plan = ctx.Plan;
        var parsed = ctx.Parsed;
        var accounts = ctx.Accounts;
        var rates = parsed.Rules.Rates;
        var externalIds = accounts.Values.ToDictionary(a => a.Id, a => a.ExternalId);
        var stored = ctx.Preview ? new List<RevenueInput>() : null;

        // A million stored lines: kept as compact tuples (the readers share one string per product), not as a value array per row.
        var existing = new Dictionary<(int, int, string, string), (long Id, string Currency, decimal Mrr, int? Seats, string? Plan, string? Type)>();
        void Keep(in StoredMrrLine l)
        {
            // A row stored with the reporting currency's code is the same line as one stored with "".
            existing[(l.AccountId, l.Month.Index, l.Product, StoredCurrency(rates, l.Currency))] = (l.Id, l.Currency, l.Mrr, l.Seats, l.Plan, l.Type);
            stored?.Add(new RevenueInput(externalIds[l.AccountId], l.Month, l.Product, l.Mrr, Currency: l.Currency));
        }

        var months = span is var (first, last) ? (first.FirstDay, last.AddMonths(1).FirstDay) : ((DateOnly, DateOnly)?)null;
        RevenueLineReaders.For(ctx.Dialect).ReadMrrLines(ctx.Connection, months, l => Keep(l), ct);

        var fileRows = ctx.Preview ? new Dictionary<(string Account, int Month, string Product, string Currency), decimal>() : null;
        foreach (var r in rows)
        {
            fileRows?.TryAdd((r.AccountId, r.Month.Index, r.Product, r.Currency), r.Mrr);
            if (accounts.TryGetValue(r.AccountId, out var a) && existing.TryGetValue((a.Id, r.Month.Index, r.Product, r.Currency), out var old))
            {
                // A re-imported snapshot is mostly unchanged rows: they are told apart on the typed values, with no value
                // array or boxed value per row (month and product are the key, so they are the same).
                if (Same(r, old.Currency, old.Mrr, old.Seats, old.Plan, old.Type))
                {
                    plan.Unchanged++;
                    continue;
                }

                var values = ImportKinds.Mrr.Values(r);
                object?[] before = [r.Month.FirstDay, r.Product, old.Currency, old.Mrr, old.Seats, old.Plan, old.Type];

                // The diff shows a few samples: their texts are made only while it still takes them, not per row.
                if (!plan.SamplesFull)
                {
                    plan.Sample(new DiffSample(Label(r), "changed", StoredValues.Money(old.Mrr), StoredValues.Money(r.Mrr)));
                }

                yield return new RowUpdate(old.Id, values, before);
            }
            else
            {
                if (!plan.SamplesFull)
                {
                    plan.Sample(new DiffSample(Label(r), "new", null, StoredValues.Money(r.Mrr)));
                }

                yield return new RowInsert(r.AccountId, ImportKinds.Mrr.Values(r));
            }
        }

        if (stored is not null && fileRows is { Count: > 0 })
        {
            AddMrrByMonth(plan, parsed, stored, fileRows);
        }
    }

    /// <summary>
    /// Whether a file row holds what its stored line holds: the same as <see cref="StoredValues.Same"/> on the two value
    /// arrays (ordinal texts, decimals by value so 1200 equals 1200.00), compared field by field.
    /// </summary>
    internal static bool Same(MrrImportRow row, string currency, decimal mrr, int? seats, string? plan, string? type) =>
        row.Mrr == mrr && row.Seats == seats && string.Equals(row.Currency, currency, StringComparison.Ordinal)
        && string.Equals(row.Plan, plan, StringComparison.Ordinal) && string.Equals(TypeText(row.ExpansionType), type, StringComparison.Ordinal);

    /// <summary>The stored text of a line type (its name), without a string made per row.</summary>
    private static string? TypeText(ExpansionType? type) => type switch
    {
        null => null,
        ExpansionType.Upsell => nameof(ExpansionType.Upsell),
        ExpansionType.CrossSell => nameof(ExpansionType.CrossSell),
        ExpansionType.Seats => nameof(ExpansionType.Seats),
        ExpansionType.Usage => nameof(ExpansionType.Usage),
        _ => type.ToString(),
    };

    /// <summary>The store's currency code for a row: empty for the reporting currency, else the upper-case ISO code.</summary>
    public static string StoredCurrency(FxRates rates, string? currency) => rates.IsReporting(currency) ? "" : FxRates.Normalise(currency);

    private static string Label(MrrImportRow r) => $"{r.AccountId} · {r.Month} · {r.Product}{(r.Currency.Length == 0 ? "" : " · " + r.Currency)}";

    /// <summary>
    /// Total MRR per month before and after, in the reporting currency at each month's stored rates, for every month of the
    /// file's span (its first month to its horizon), through the metrics library's model (credits below zero count as
    /// zero, currencies convert month by month).
    /// </summary>
    private static void AddMrrByMonth(
        PlanTally plan, ParsedFile parsed, List<RevenueInput> stored, Dictionary<(string Account, int Month, string Product, string Currency), decimal> file)
    {
        var first = Month.FromIndex(file.Keys.Min(k => k.Month));
        var last = parsed.Horizon is { } h && h >= first ? h : Month.FromIndex(file.Keys.Max(k => k.Month));
        var rates = parsed.Rules.Rates;
        var after = new List<RevenueInput>(stored.Count + file.Count);
        foreach (var r in stored)
        {
            if (!file.ContainsKey((r.AccountId, r.Month.Index, r.Product, StoredCurrency(rates, r.Currency))))
            {
                after.Add(r);
            }
        }

        after.AddRange(file.Select(kv => new RevenueInput(kv.Key.Account, Month.FromIndex(kv.Key.Month), kv.Key.Product, kv.Value,
            Currency: kv.Key.Currency.Length == 0 ? null : kv.Key.Currency)));
        var beforeModel = RevenueModel.Build([], stored, first, last, rates);
        var afterModel = RevenueModel.Build([], after, first, last, rates);
        for (var m = first; m <= last; m = m.AddMonths(1))
        {
            plan.MrrByMonth.Add(new MonthMrrChange(m.ToString(), Total(beforeModel, m), Total(afterModel, m)));
        }
    }

    private static decimal Total(RevenueModel model, Month month)
    {
        var i = model.IndexOf(month);
        return i < 0 ? 0m : model.Accounts.Sum(a => a.Total[i]);
    }
}
