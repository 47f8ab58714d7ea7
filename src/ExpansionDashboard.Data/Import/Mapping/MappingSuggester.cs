using System.Text;

namespace ExpansionDashboard.Data.Import.Mapping;

/// <summary>A suggested header for a canonical column, with why it was chosen.</summary>
public sealed record ColumnSuggestion(string Column, string Header, int Score, string Reason);

/// <summary>Suggested headers for a kind's columns, and hints worth showing next to them.</summary>
public sealed record MappingSuggestions(IReadOnlyList<ColumnSuggestion> Columns, IReadOnlyList<string> Hints)
{
    public static MappingSuggestions None { get; } = new([], []);

    /// <summary>Canonical column → suggested header.</summary>
    public IReadOnlyDictionary<string, string> Headers => Columns.ToDictionary(c => c.Column, c => c.Header, StringComparer.OrdinalIgnoreCase);

    public string? HeaderFor(string column) => Columns.FirstOrDefault(c => string.Equals(c.Column, column, StringComparison.OrdinalIgnoreCase))?.Header;
}

/// <summary>
/// Suggests which file header holds each canonical column: the exact name first, then known synonyms (in order of
/// preference: an id before a name), then near spellings; sample values must look right for the column (dates for
/// dates, numbers for amounts, ISO codes for currencies). Each header is used at most once, best matches first.
/// </summary>
public static class MappingSuggester
{
    /// <summary>Below this a header is not suggested at all: a blank dropdown is better than a wrong guess.</summary>
    public const int MinimumScore = 50;

    private enum Shape
    {
        Text,
        Date,
        Month,
        Number,
        Currency,
        Quarter,
    }

    // Synonyms in squashed form (lower case, letters and digits only), most specific first. Shared across kinds; a
    // column of a kind may give its own (ImportColumn.Synonyms), which replace these.
    private static readonly Dictionary<string, string[]> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        ["account_id"] =
        [
            "accountid", "customerid", "custorgid", "custid", "orgid", "organizationid", "organisationid", "companyid", "clientid",
            "associatedcompanyids", "associatedcompanyid", "customer", "account", "org", "organization", "organisation", "company",
            "client", "customername", "accountname", "companyname", "name",
        ],
        ["account_name"] = ["accountname", "customername", "companyname", "organizationname", "organisationname", "orgname", "customercompany", "associatedcompany", "name", "company", "customer"],
        ["name"] = ["name", "accountname", "customername", "companyname", "organizationname", "organization", "company"],
        ["service_start"] = ["servicestart", "validfrom", "periodstart", "startdate", "servicestartdate", "serviceperiodstart", "lineitemdatefrom", "datefrom", "from", "start", "begin", "begins"],
        ["service_end"] = ["serviceend", "validto", "periodend", "enddate", "serviceenddate", "serviceperiodend", "lineitemdateto", "dateto", "to", "end", "until", "expires"],
        ["amount"] =
        [
            "amount", "amountexcltax", "amountexcludingtax", "amountexvat", "lineamount", "lineitemamount", "netamount", "amountnet",
            "subtotal", "totalexcltax", "value", "price", "revenue",
        ],
        ["currency"] = ["currency", "currencycode", "curr", "isocurrency", "ccy"],
        ["mrr"] = ["mrr", "mrramount", "monthlyrecurringrevenue", "monthlyrevenue", "recurringrevenue", "revenue", "amount"],
        ["month"] = ["month", "period", "billingmonth", "snapshotmonth", "revenuemonth", "date"],
        ["product"] = ["product", "productname", "item", "itemname", "planname", "lineitemdescription", "description", "sku", "service", "entityid"],
        ["seats"] = ["seats", "licenses", "licences", "users", "quantity", "computers", "units"],
        ["quantity"] = ["quantity", "qty", "lineitemquantity", "seats", "units", "licenses", "licences", "computers", "users"],
        ["plan"] = ["plan", "plantier", "tier", "planid", "edition"],
        ["expansion_type"] = ["expansiontype"],
        ["segment"] = ["segment", "customersegment", "marketsegment", "size"],
        ["industry"] = ["industry", "vertical", "sector"],
        ["region"] = ["region", "geo", "territory", "country", "billingcountry", "market"],
        ["csm"] = ["csm", "csmowner", "customersuccessmanager", "accountmanager", "accountowner"],
        ["first_paid_month"] = ["firstpaidmonth", "firstpaid", "customersince"],
        ["opportunity_id"] = ["opportunityid", "recordid", "dealid", "oppid", "id"],
        ["type"] = ["type", "dealtype", "opportunitytype"],
        ["stage"] = ["stage", "dealstage", "stagename", "opportunitystage"],
        ["expected_close"] = ["expectedclose", "closedate", "expectedclosedate", "estimatedclosedate"],
        ["owner"] = ["owner", "dealowner", "opportunityowner", "ownername", "salesman", "salesperson", "rep"],
        ["created"] = ["created", "createdate", "createddate", "createdat", "datecreated"],
        ["closed"] = ["closed", "closeddate", "dateclosed", "closedat"],
        ["quarter"] = ["quarter", "fiscalquarter", "period"],
        ["rate"] = ["rate", "fxrate", "exchangerate", "conversionrate"],
    };

    /// <summary>Suggests a header for every column of <paramref name="kind"/> the file seems to hold.</summary>
    public static MappingSuggestions Suggest(ImportKind kind, FileProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.Headers.Count == 0)
        {
            return MappingSuggestions.None;
        }

        var definition = Kinds.ImportKinds.Get(kind);
        var columns = definition.Columns;
        var headers = profile.Headers.Select(h => (Header: h, Key: Squash(h), Samples: profile.SamplesOf(h))).ToList();
        var hasCurrencyColumn = headers.Any(h => h.Key is "currency" or "currencycode" or "ccy" || (LooksLike(Shape.Currency, h.Samples) && Common["currency"].Contains(h.Key)));
        var candidates = new List<ColumnSuggestion>();
        foreach (var column in columns)
        {
            foreach (var (header, key, samples) in headers)
            {
                var (score, reason) = Score(column, key, samples);

                // A column named after a currency (AUD, USD…) beside a currency column holds amounts already converted:
                // taking it as the amount together with the currency would convert it a second time.
                if (hasCurrencyColumn && IsCurrencyCode(key) && column.Name is "amount" or "mrr")
                {
                    score = 0;
                }

                if (score >= MinimumScore)
                {
                    candidates.Add(new ColumnSuggestion(column.Name, header, score, reason));
                }
            }
        }

        // Exact names first, then required columns, best pairs first: a file with only "name" needs it as the account id more than as the
        // account's name; a file with CustOrgID and name gives the id to the id and the name to the name.
        var required = columns.Where(c => c.Required).Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var chosen = new List<ColumnSuggestion>();
        var usedColumns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var usedHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in candidates.OrderByDescending(c => c.Score >= 100).ThenByDescending(c => required.Contains(c.Column)).ThenByDescending(c => c.Score))
        {
            if (!usedColumns.Contains(c.Column) && !usedHeaders.Contains(c.Header))
            {
                usedColumns.Add(c.Column);
                usedHeaders.Add(c.Header);
                chosen.Add(c);
            }
        }

        var ordered = columns.Select(c => chosen.FirstOrDefault(s => string.Equals(s.Column, c.Name, StringComparison.OrdinalIgnoreCase)))
            .OfType<ColumnSuggestion>().ToList();
        return new MappingSuggestions(ordered, Hints(definition, headers.Select(h => (h.Header, h.Key)).ToList(), ordered, hasCurrencyColumn));
    }

    /// <summary>Letters and digits only, lower case, without a "(UTC)"-style suffix: "Period Start (UTC)" → "periodstart".</summary>
    public static string Squash(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var text = header.Trim().Trim('\uFEFF');
        var paren = text.IndexOf('(', StringComparison.Ordinal);
        if (paren > 0)
        {
            text = text[..paren];
        }

        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
        }

        return sb.Length > 0 ? sb.ToString() : header.Trim().ToLowerInvariant();
    }

    private static (int Score, string Reason) Score(ImportColumn definition, string key, IReadOnlyList<string> samples)
    {
        var column = definition.Name;
        var canonical = Squash(column);
        var synonyms = definition.Synonyms ?? Common.GetValueOrDefault(column, [canonical]);
        int score;
        string reason;
        if (key == canonical)
        {
            (score, reason) = (100, "same name");
        }
        else if (synonyms.ToList().IndexOf(key) is var at and >= 0)
        {
            // Earlier synonyms are more specific (customer_id before name); the spread keeps an id ahead of a name.
            (score, reason) = (95 - Math.Min(at, 30), "known name for " + column);
        }
        else
        {
            var best = synonyms.Prepend(canonical).Where(s => s.Length >= 4).Select(s => Similarity(key, s)).DefaultIfEmpty(0).Max();
            if (best < 0.8)
            {
                return (0, "");
            }

            (score, reason) = ((int)Math.Round(50 + (best - 0.8) * 100), "similar name");
        }

        var shape = ShapeOf(column);
        if (samples.Count == 0)
        {
            score -= 10;
        }
        else if (shape != Shape.Text && !LooksLike(shape, samples))
        {
            score -= 45;
            reason += $" (but its values do not look like {ShapeName(shape)})";
        }

        return (score, reason);
    }

    private static List<string> Hints(Kinds.KindImport kind, IReadOnlyList<(string Header, string Key)> headers, IReadOnlyList<ColumnSuggestion> chosen, bool hasCurrencyColumn)
    {
        var hints = new List<string>();
        var amount = chosen.FirstOrDefault(c => c.Column is "amount" or "mrr" && kind.IsRevenue);
        var currency = chosen.FirstOrDefault(c => c.Column == "currency");
        if (hasCurrencyColumn)
        {
            foreach (var (header, _) in headers.Where(h => IsCurrencyCode(h.Key)))
            {
                hints.Add($"{header} looks like the amounts already converted to {header.Trim().ToUpperInvariant()}. " +
                    $"{(amount is null ? "The amount" : $"{amount.Column} ← {amount.Header}")} is suggested with currency ← {currency?.Header ?? "the currency column"} instead: " +
                    $"taking {header} with a currency would convert it twice. Each currency needs a rate (an fx-rates import).");
            }
        }

        return hints;
    }

    private static Shape ShapeOf(string column) => column switch
    {
        "service_start" or "service_end" or "expected_close" or "created" or "closed" => Shape.Date,
        "month" or "first_paid_month" => Shape.Month,
        "amount" or "mrr" or "rate" or "seats" or "quantity" => Shape.Number,
        "currency" => Shape.Currency,
        "quarter" => Shape.Quarter,
        _ => Shape.Text,
    };

    private static string ShapeName(Shape shape) => shape switch
    {
        Shape.Date => "dates",
        Shape.Month => "months",
        Shape.Number => "numbers",
        Shape.Currency => "currency codes",
        Shape.Quarter => "quarters",
        _ => "text",
    };

    private static bool LooksLike(Shape shape, IReadOnlyList<string> samples) => samples.Count > 0 && samples.All(s => shape switch
    {
        Shape.Date => LooksLikeDate(s),
        Shape.Month => LooksLikeDate(s) || DateOnly.TryParseExact(s.Trim(), ["yyyy-MM", "yyyy/MM", "MM/yyyy", "MMM yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        Shape.Number => ValueParser.TryDecimal(s.TrimStart('$', '€', '£').Replace("%", "", StringComparison.Ordinal), false, out _),
        Shape.Currency => s.Trim().Length == 3 && s.Trim().All(char.IsAsciiLetter),
        Shape.Quarter => s.Contains('Q', StringComparison.OrdinalIgnoreCase),
        _ => true,
    });

    private static bool LooksLikeDate(string s) =>
        ValueParser.TryDate(s, out _)
        || DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out _)
        || DateTime.TryParse(s, CultureInfo.GetCultureInfo("en-GB"), DateTimeStyles.AllowWhiteSpaces, out _);

    /// <summary>An ISO 4217 code that .NET knows (AUD, USD, EUR…), compared on the squashed header.</summary>
    private static bool IsCurrencyCode(string key) => key.Length == 3 && KnownCurrencies.Value.Contains(key.ToUpperInvariant());

    private static readonly Lazy<HashSet<string>> KnownCurrencies = new(() =>
        CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Select(c =>
            {
                try
                {
                    return new RegionInfo(c.Name).ISOCurrencySymbol;
                }
                catch (ArgumentException)
                {
                    return "";
                }
            })
            .Where(s => s.Length == 3)
            .Concat(["AUD", "USD", "EUR", "GBP", "NZD", "CNY", "JPY", "CAD", "CHF", "SEK", "NOK", "DKK", "INR", "SGD", "HKD", "ZAR", "BRL", "MXN"])
            .ToHashSet(StringComparer.Ordinal));

    /// <summary>1 − normalised Levenshtein distance.</summary>
    private static double Similarity(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return 1.0 - (double)previous[b.Length] / Math.Max(a.Length, b.Length);
    }
}
