using ExpansionDashboard.Metrics.Currency;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Pipeline;

namespace ExpansionDashboard.Data.Import;

/// <summary>
/// Validates raw rows of one kind into typed rows; every problem names the line, the column and the reason. Currency codes
/// are upper-cased and the reporting currency (<paramref name="reportingCurrency"/>) is stored as empty, so "AUD" and ""
/// are the same line when AUD is the reporting currency.
/// </summary>
public sealed class ImportParser(ImportKind kind, bool decimalComma, string reportingCurrency = "")
{
    private readonly string _reporting = FxRates.Normalise(reportingCurrency);

    /// <summary>The product of invoice lines whose export has no product column.</summary>
    public const string DefaultProduct = "Subscription";

    private const int MaxIdLength = 200;
    private const int MaxTextLength = 500;

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

        var r = new Reader(raw, decimalComma, issues, _reporting);
        ImportRow? row = kind switch
        {
            ImportKind.Accounts => new AccountImportRow(raw.Line, r.Id("account_id"), r.Text("name", required: true), r.Text("segment"), r.Text("industry"),
                r.Text("region"), r.Text("csm"), r.OptionalMonth("first_paid_month")?.FirstDay),
            ImportKind.Mrr => new MrrImportRow(raw.Line, r.Id("account_id"), r.Month("month"), r.Text("product", required: true),
                r.Decimal("mrr", allowNegative: false), r.OptionalInt("seats"), r.Optional("plan"), r.LineType("expansion_type"), r.Attributes(), r.Currency("currency")),
            ImportKind.InvoiceLines => Invoice(r, raw.Line),
            ImportKind.Opportunities => Opportunity(r, raw.Line),
            ImportKind.Targets => Target(r, raw.Line),
            ImportKind.FxRates => Rate(r, raw.Line),
            _ => new HealthImportRow(raw.Line, r.Id("account_id"), r.Month("month"), r.OptionalInt("active_users"), r.OptionalInt("support_tickets"),
                r.OptionalInt("nps", -100, 100), r.OptionalInt("payment_failures"), r.OptionalBool("exec_sponsor_change"), r.OptionalBool("qbr_attended"),
                r.OptionalDouble("plan_limit_utilisation", 0, 1), r.OptionalDouble("usage_trend", -10, 10)),
        };
        return r.Failed ? null : row;
    }

    private static InvoiceImportRow Invoice(Reader r, int line)
    {
        var start = r.Date("service_start");
        var end = r.Date("service_end");
        if (!r.Failed && end <= start)
        {
            r.Fail("service_end", $"service_end {end:yyyy-MM-dd} is not after service_start {start:yyyy-MM-dd} (the end is exclusive)");
        }

        var product = r.Text("product");
        return new InvoiceImportRow(line, r.Id("account_id"), product.Length == 0 ? DefaultProduct : product, start, end, r.Decimal("amount", allowNegative: true),
            r.Currency("currency"), r.OptionalDecimal("quantity"), r.Attributes());
    }

    private static FxRateImportRow Rate(Reader r, int line)
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

    private static OpportunityImportRow Opportunity(Reader r, int line)
    {
        var typeText = r.Text("type", required: true);
        var stageText = r.Text("stage", required: true);
        var type = "";
        var stage = "";
        if (typeText.Length > 0)
        {
            if (StageNames.TryParseType(typeText, out var t))
            {
                type = t.ToString();
            }
            else
            {
                r.Fail("type", $"'{Short(typeText)}' is not a type: use Upsell, Cross-sell, Seats or Usage");
            }
        }

        if (stageText.Length > 0)
        {
            if (StageNames.TryParse(stageText, out var s))
            {
                stage = s.ToString();
            }
            else
            {
                r.Fail("stage", $"'{Short(stageText)}' is not a stage: use Identified, Engaged, Qualified, Proposal, Negotiation, Closed Won or Closed Lost");
            }
        }

        return new OpportunityImportRow(line, r.Id("opportunity_id"), r.Id("account_id"), r.Text("name", required: true), type, stage,
            r.Decimal("amount", allowNegative: false), r.Date("expected_close"), r.Text("owner"), r.OptionalDate("created"), r.OptionalDate("closed"), r.Attributes());
    }

    private static TargetImportRow Target(Reader r, int line)
    {
        var text = r.Text("quarter", required: true);
        var quarter = "";
        if (text.Length > 0)
        {
            if (Quarter.TryParse(text, out var q))
            {
                quarter = q.ToString();
            }
            else
            {
                r.Fail("quarter", $"'{Short(text)}' is not a quarter in the form YYYY-Qn (e.g. 2026-Q4)");
            }
        }

        // The store spells the company scope one way ("company"), whatever the file left blank or wrote.
        return new TargetImportRow(line, quarter, Scope.Parse(r.Text("segment")).Key, r.Decimal("amount", allowNegative: false));
    }

    internal static string Short(string s) => s.Length > 40 ? s[..40] + "…" : s;

    /// <summary>Reads fields of one row, collecting every problem rather than stopping at the first.</summary>
    private sealed class Reader(RawRow raw, bool decimalComma, List<ImportIssue> issues, string reporting)
    {
        public bool Failed { get; private set; }

        /// <summary>The reporting currency's code, upper case (empty when not set).</summary>
        public string Reporting => reporting;

        public bool DecimalComma => decimalComma;

        public void Fail(string column, string reason, string kind = "")
        {
            Failed = true;
            issues.Add(new ImportIssue(raw.Line, column, reason, IssueSeverity.Error, kind));
        }

        /// <summary>An ISO 4217 code, upper case; empty for none and, unless <paramref name="keepReporting"/>, for the reporting currency.</summary>
        public string Currency(string column, bool required = false, bool keepReporting = false)
        {
            var v = raw.Get(column);
            if (v.Length == 0)
            {
                if (required)
                {
                    Fail(column, "is empty");
                }

                return "";
            }

            if (!ValueParser.TryCurrency(v, out var code))
            {
                Fail(column, $"'{Short(v)}' is not an ISO 4217 currency code (three letters, e.g. USD, EUR, GBP, AUD)", IssueKinds.InvalidCurrency);
                return "";
            }

            return !keepReporting && code == reporting ? "" : code;
        }

        public string Id(string column)
        {
            var v = raw.Get(column);
            if (v.Length == 0)
            {
                Fail(column, "is empty");
            }
            else if (v.Length > MaxIdLength)
            {
                Fail(column, $"is longer than {MaxIdLength} characters");
            }

            return v;
        }

        public string Text(string column, bool required = false)
        {
            var v = raw.Get(column);
            if (required && v.Length == 0)
            {
                Fail(column, "is empty");
            }
            else if (v.Length > MaxTextLength)
            {
                Fail(column, $"is longer than {MaxTextLength} characters");
            }

            return v;
        }

        public string? Optional(string column)
        {
            var v = Text(column);
            return v.Length == 0 ? null : v;
        }

        public decimal Decimal(string column, bool allowNegative)
        {
            var v = raw.Get(column);
            if (v.Length == 0)
            {
                Fail(column, "is empty");
                return 0;
            }

            if (!ValueParser.TryDecimal(v, decimalComma, out var d))
            {
                Fail(column, $"'{Short(v)}' is not a number");
                return 0;
            }

            if (!allowNegative && d < 0)
            {
                Fail(column, $"{v} is negative; only invoice lines may carry credits");
            }

            return d;
        }

        public decimal? OptionalDecimal(string column)
        {
            var v = raw.Get(column);
            if (v.Length == 0)
            {
                return null;
            }

            if (ValueParser.TryDecimal(v, decimalComma, out var d))
            {
                return d;
            }

            Fail(column, $"'{Short(v)}' is not a number");
            return null;
        }

        public int? OptionalInt(string column, int min = 0, int max = int.MaxValue)
        {
            var v = raw.Get(column);
            if (v.Length == 0)
            {
                return null;
            }

            if (!ValueParser.TryInt(v, out var i))
            {
                Fail(column, $"'{Short(v)}' is not a whole number");
                return null;
            }

            if (i < min || i > max)
            {
                Fail(column, max == int.MaxValue ? $"{i} is below {min}" : $"{i} is outside {min}..{max}");
                return null;
            }

            return i;
        }

        public double? OptionalDouble(string column, double min, double max)
        {
            var d = OptionalDecimal(column);
            if (d is null)
            {
                return null;
            }

            if ((double)d < min || (double)d > max)
            {
                Fail(column, $"{d} is outside {min}..{max}");
                return null;
            }

            return (double)d;
        }

        public bool? OptionalBool(string column)
        {
            var v = raw.Get(column);
            if (v.Length == 0)
            {
                return null;
            }

            if (ValueParser.TryBool(v, out var b))
            {
                return b;
            }

            Fail(column, $"'{Short(v)}' is not true or false");
            return null;
        }

        public DateOnly Date(string column)
        {
            var v = raw.Get(column);
            if (v.Length == 0)
            {
                Fail(column, "is empty");
            }
            else if (ValueParser.TryDate(v, out var d))
            {
                return d;
            }
            else
            {
                Fail(column, $"'{Short(v)}' is not a valid date in the form YYYY-MM-DD");
            }

            return default;
        }

        public DateOnly? OptionalDate(string column)
        {
            var v = raw.Get(column);
            if (v.Length == 0)
            {
                return null;
            }

            if (ValueParser.TryDate(v, out var d))
            {
                return d;
            }

            Fail(column, $"'{Short(v)}' is not a valid date in the form YYYY-MM-DD");
            return null;
        }

        public Month Month(string column)
        {
            var v = raw.Get(column);
            if (v.Length == 0)
            {
                Fail(column, "is empty");
            }
            else if (ValueParser.TryMonth(v, out var m))
            {
                return m;
            }
            else
            {
                Fail(column, $"'{Short(v)}' is not a month in the form YYYY-MM");
            }

            return default;
        }

        public Month? OptionalMonth(string column)
        {
            var v = raw.Get(column);
            if (v.Length == 0)
            {
                return null;
            }

            if (ValueParser.TryMonth(v, out var m))
            {
                return m;
            }

            Fail(column, $"'{Short(v)}' is not a month in the form YYYY-MM");
            return null;
        }

        public string? LineType(string column)
        {
            var v = raw.Get(column);
            if (v.Length == 0)
            {
                return null;
            }

            if (StageNames.TryParseType(v, out var t))
            {
                return t.ToString();
            }

            Fail(column, $"'{Short(v)}' is not an expansion type: use Seats, Usage, Upsell or Cross-sell");
            return null;
        }

        public AccountAttributesRow Attributes()
        {
            var row = new AccountAttributesRow(Optional("account_name"), Optional("segment"), Optional("industry"), Optional("region"), Optional("csm"));
            return row.IsEmpty ? AccountAttributesRow.None : row;
        }
    }
}
