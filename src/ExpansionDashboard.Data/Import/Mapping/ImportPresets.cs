namespace ExpansionDashboard.Data.Import.Mapping;

/// <summary>
/// A known export (Stripe, Chargebee, HubSpot, Salesforce): the headers that identify it, the kind it imports as, and
/// which of its headers feeds each column. Header names are compared squashed (see <see cref="MappingSuggester.Squash"/>),
/// so "Period Start (UTC)" and "period_start" are the same.
/// </summary>
/// <param name="Id">Stable id, e.g. stripe-invoice-line-items.</param>
/// <param name="Name">What the form says: "Recognised: {Name}".</param>
/// <param name="Kind">The import kind the export is.</param>
/// <param name="Signature">Each entry is a set of alternatives; the file must have one header of every entry.</param>
/// <param name="Columns">Canonical column → the export's header alternatives, first present wins.</param>
/// <param name="Values">Canonical column → the export's values translated to ours (its stage names, its deal types).</param>
/// <param name="Note">A sentence for the form: what the preset assumes.</param>
public sealed record ImportPreset(
    string Id,
    string Name,
    ImportKind Kind,
    IReadOnlyList<string[]> Signature,
    IReadOnlyDictionary<string, string[]> Columns,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Values,
    string Note);

/// <summary>A preset recognised in a file, with its mapping resolved to the file's own headers.</summary>
public sealed record RecognisedPreset(ImportPreset Preset, ColumnMapping Mapping);

/// <summary>The presets for common exports, and their recognition from a file's headers.</summary>
public static class ImportPresets
{
    private static readonly Dictionary<string, string> HubSpotStages = new(StringComparer.OrdinalIgnoreCase)
    {
        ["appointmentscheduled"] = "Engaged",
        ["Appointment scheduled"] = "Engaged",
        ["qualifiedtobuy"] = "Qualified",
        ["Qualified to buy"] = "Qualified",
        ["presentationscheduled"] = "Proposal",
        ["Presentation scheduled"] = "Proposal",
        ["decisionmakerboughtin"] = "Negotiation",
        ["Decision maker bought-in"] = "Negotiation",
        ["contractsent"] = "Negotiation",
        ["Contract sent"] = "Negotiation",
        ["closedwon"] = "Closed Won",
        ["closedlost"] = "Closed Lost",
    };

    private static readonly Dictionary<string, string> SalesforceStages = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Prospecting"] = "Identified",
        ["Qualification"] = "Qualified",
        ["Needs Analysis"] = "Engaged",
        ["Value Proposition"] = "Proposal",
        ["Id. Decision Makers"] = "Proposal",
        ["Perception Analysis"] = "Proposal",
        ["Proposal/Price Quote"] = "Proposal",
        ["Negotiation/Review"] = "Negotiation",
    };

    /// <summary>Every preset, in the order they are tried (most specific signature first).</summary>
    public static IReadOnlyList<ImportPreset> All { get; } =
    [
        new(
            "stripe-invoice-line-items",
            "Stripe invoice line items",
            ImportKind.InvoiceLines,
            [["invoiceid", "invoice"], ["periodstart", "lineitemperiodstart"], ["periodend", "lineitemperiodend"], ["amount", "lineitemamount"], ["currency"], ["proration", "prorated"], ["customer", "customerid"]],
            new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
            {
                ["account_id"] = ["customerid", "customer"],
                ["account_name"] = ["customername", "customerdescription", "customeremail"],
                ["product"] = ["productname", "priceproductname", "planname", "description"],
                ["service_start"] = ["periodstart", "lineitemperiodstart"],
                ["service_end"] = ["periodend", "lineitemperiodend"],
                ["amount"] = ["amountexcludingtax", "amount", "lineitemamount"],
                ["currency"] = ["currency"],
                ["quantity"] = ["quantity"],
            },
            new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.OrdinalIgnoreCase),
            "Line amounts before tax in the line's currency (Stripe's decimal export, not cents); the period end is the next period's start."),
        new(
            "chargebee-invoices",
            "Chargebee invoices (line items)",
            ImportKind.InvoiceLines,
            [["invoicenumber", "invoiceid"], ["customerid"], ["lineitemdatefrom", "datefrom"], ["lineitemdateto", "dateto"], ["lineitemamount", "amount"]],
            new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
            {
                ["account_id"] = ["customerid"],
                ["account_name"] = ["customercompany", "customername", "customeremail"],
                ["product"] = ["lineitementityid", "entityid", "planid", "lineitemdescription", "description"],
                ["service_start"] = ["lineitemdatefrom", "datefrom"],
                ["service_end"] = ["lineitemdateto", "dateto"],
                ["amount"] = ["lineitemamount", "amount"],
                ["currency"] = ["currency", "currencycode"],
                ["quantity"] = ["lineitemquantity", "quantity"],
            },
            new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.OrdinalIgnoreCase),
            "One row per invoice line item; Date From/Date To are the service period."),
        new(
            "hubspot-deals",
            "HubSpot deals",
            ImportKind.Opportunities,
            [["recordid", "dealid"], ["dealname"], ["dealstage"], ["closedate"]],
            new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
            {
                ["opportunity_id"] = ["recordid", "dealid"],
                ["account_id"] = ["associatedcompanyids", "associatedcompanyid", "associatedcompany"],
                ["account_name"] = ["associatedcompany"],
                ["name"] = ["dealname"],
                ["type"] = ["dealtype"],
                ["stage"] = ["dealstage"],
                ["amount"] = ["annualrecurringrevenue", "amount"],
                ["expected_close"] = ["closedate"],
                ["owner"] = ["dealowner"],
                ["created"] = ["createdate"],
            },
            new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.OrdinalIgnoreCase)
            {
                ["stage"] = HubSpotStages,
                ["type"] = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
                {
                    ["existingbusiness"] = "Upsell",
                    ["Existing Business"] = "Upsell",
                },
            },
            "HubSpot's default pipeline stages are translated (Contract sent → Negotiation…); Existing Business deals count as Upsell."),
        new(
            "salesforce-opportunities",
            "Salesforce opportunity report",
            ImportKind.Opportunities,
            [["opportunityname"], ["stage"], ["closedate"], ["accountname", "accountid"], ["opportunityowner", "opportunityid"]],
            new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
            {
                ["opportunity_id"] = ["opportunityid", "opportunityid18"],
                ["account_id"] = ["accountid", "accountname"],
                ["account_name"] = ["accountname"],
                ["name"] = ["opportunityname"],
                ["type"] = ["type", "opportunitytype"],
                ["stage"] = ["stage"],
                ["amount"] = ["amount", "annualcontractvalue"],
                ["expected_close"] = ["closedate"],
                ["owner"] = ["opportunityowner"],
                ["created"] = ["createddate"],
            },
            new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.OrdinalIgnoreCase)
            {
                ["stage"] = SalesforceStages,
                ["type"] = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
                {
                    ["Existing Customer - Upgrade"] = "Upsell",
                    ["Existing Business"] = "Upsell",
                    ["Existing Customer - Cross-sell"] = "Cross-sell",
                },
            },
            "Salesforce's standard stages are translated (Proposal/Price Quote → Proposal…); Existing Customer - Upgrade counts as Upsell."),
    ];

    /// <summary>The first preset whose signature the headers carry, with its mapping onto those headers; null when none.</summary>
    public static RecognisedPreset? Recognise(IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var byKey = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var h in headers)
        {
            byKey.TryAdd(MappingSuggester.Squash(h), h);
        }

        foreach (var preset in All)
        {
            if (!preset.Signature.All(alternatives => alternatives.Any(byKey.ContainsKey)))
            {
                continue;
            }

            var mapped = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (column, alternatives) in preset.Columns)
            {
                // A header feeds one column, except that an account's name may also serve as its id when there is no id.
                var key = alternatives.FirstOrDefault(a => byKey.ContainsKey(a) && (!used.Contains(a) || column == "account_name"));
                if (key is not null)
                {
                    mapped[column] = byKey[key];
                    used.Add(key);
                }
            }

            return new RecognisedPreset(preset, new ColumnMapping(
                mapped,
                new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase),
                preset.Values));
        }

        return null;
    }
}
