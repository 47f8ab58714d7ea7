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

/// <summary>A column of an import kind: its canonical (header) name and whether a file must have it.</summary>
public sealed record ImportColumn(string Name, bool Required, string Description, string Example);

/// <summary>The canonical columns of each kind. Headers match case-insensitively; extra columns are ignored.</summary>
public static class ImportSchemas
{
    private static readonly ImportColumn[] AccountAttributes =
    [
        new("account_name", false, "creates an unknown account with this name", "Acme Health"),
        new("segment", false, "account segment for a new account", "Enterprise"),
        new("industry", false, "account industry for a new account", "Healthcare"),
        new("region", false, "account region for a new account", "EMEA"),
        new("csm", false, "CSM owner for a new account", "Ava Thompson"),
    ];

    public static string Slug(ImportKind kind) => kind switch
    {
        ImportKind.InvoiceLines => "invoice-lines",
        ImportKind.FxRates => "fx-rates",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>The kind as the import form lists it.</summary>
    public static string Label(ImportKind kind) => kind switch
    {
        ImportKind.Accounts => "Accounts (CRM)",
        ImportKind.Mrr => "Monthly MRR snapshot",
        ImportKind.InvoiceLines => "Invoice lines (billing)",
        ImportKind.Opportunities => "Expansion opportunities",
        ImportKind.Targets => "Expansion targets",
        ImportKind.FxRates => "FX rates (monthly average)",
        _ => "Health signals",
    };

    public static bool TryParse(string? slug, out ImportKind kind)
    {
        foreach (var k in Enum.GetValues<ImportKind>())
        {
            if (string.Equals(Slug(k), slug?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }

    public static IReadOnlyList<ImportColumn> Columns(ImportKind kind) => kind switch
    {
        ImportKind.Accounts =>
        [
            new("account_id", true, "unique id from CRM or billing", "ACC-00001"),
            new("name", true, "account name", "Acme Health"),
            new("segment", false, "Enterprise, Mid-Market, SMB or your own label", "Enterprise"),
            new("industry", false, "industry", "Healthcare"),
            new("region", false, "region", "EMEA"),
            new("csm", false, "CSM owner", "Ava Thompson"),
            new("first_paid_month", false, "YYYY-MM; derived from revenue when empty", "2024-03"),
        ],
        ImportKind.Mrr =>
        [
            new("account_id", true, "account id", "ACC-00001"),
            new("month", true, "YYYY-MM", "2026-10"),
            new("product", true, "product or line name", "Core Platform"),
            new("mrr", true, "monthly recurring revenue in the row's currency, not negative", "1250.00"),
            new("currency", false, "ISO 4217 code; empty for the reporting currency (other currencies need fx-rates)", "USD"),
            new("seats", false, "whole number of seats", "25"),
            new("plan", false, "plan or tier", "Plus"),
            new("expansion_type", false, "Seats or Usage marks how an increase on this line counts", "Seats"),
            .. AccountAttributes,
        ],
        ImportKind.InvoiceLines =>
        [
            new("account_id", true, "account id", "ACC-00001"),
            new("product", false, "product; Subscription when the export has none", "Core Platform"),
            new("service_start", true, "YYYY-MM-DD, first day of service", "2026-01-01"),
            new("service_end", true, "YYYY-MM-DD, exclusive", "2027-01-01"),
            new("amount", true, "after discounts, before tax, in the line's currency; negative for a credit", "12000.00"),
            new("currency", false, "ISO 4217 code of the amount; empty for the reporting currency (other currencies need fx-rates)", "USD"),
            new("quantity", false, "units or seats", "10"),
            .. AccountAttributes,
        ],
        ImportKind.Opportunities =>
        [
            new("opportunity_id", true, "unique id from CRM", "OPP-00001"),
            new("account_id", true, "account id", "ACC-00001"),
            new("name", true, "opportunity name", "Acme – seat expansion"),
            new("type", true, "Upsell, Cross-sell, Seats or Usage", "Upsell"),
            new("stage", true, "Identified, Engaged, Qualified, Proposal, Negotiation, Closed Won or Closed Lost", "Proposal"),
            new("amount", true, "ARR, not negative", "24000"),
            new("expected_close", true, "YYYY-MM-DD", "2026-12-15"),
            new("owner", false, "owner", "Ava Thompson"),
            new("created", false, "YYYY-MM-DD", "2026-09-01"),
            new("closed", false, "YYYY-MM-DD, for closed deals", ""),
            .. AccountAttributes,
        ],
        ImportKind.Targets =>
        [
            new("quarter", true, "YYYY-Qn", "2026-Q4"),
            new("segment", false, "empty for the whole company", "SMB"),
            new("amount", true, "expansion target in ARR, not negative", "250000"),
        ],
        ImportKind.FxRates =>
        [
            new("month", true, "YYYY-MM; a month uses the latest rate at or before it", "2026-10"),
            new("currency", true, "ISO 4217 code, not the reporting currency", "EUR"),
            new("rate", true, "units of the reporting currency per 1 unit of the currency (monthly average), above zero", "1.0825"),
        ],
        _ =>
        [
            new("account_id", true, "an existing account id", "ACC-00001"),
            new("month", true, "YYYY-MM", "2026-10"),
            new("active_users", false, "whole number", "42"),
            new("support_tickets", false, "whole number", "3"),
            new("nps", false, "-100 to 100", "35"),
            new("payment_failures", false, "whole number", "0"),
            new("exec_sponsor_change", false, "true/false", "false"),
            new("qbr_attended", false, "true/false", "true"),
            new("plan_limit_utilisation", false, "0 to 1", "0.82"),
            new("usage_trend", false, "change in usage, e.g. -0.1 for -10 %", "0.05"),
        ],
    };

    /// <summary>A template file: the header and one example row.</summary>
    public static string Template(ImportKind kind)
    {
        var cols = Columns(kind);
        return string.Join(",", cols.Select(c => c.Name)) + "\n" + string.Join(",", cols.Select(c => c.Example.Contains(',', StringComparison.Ordinal) ? $"\"{c.Example}\"" : c.Example)) + "\n";
    }
}
