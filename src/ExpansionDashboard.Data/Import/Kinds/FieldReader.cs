namespace ExpansionDashboard.Data.Import.Kinds;

/// <summary>Reads fields of one row, collecting every problem rather than stopping at the first.</summary>
internal sealed class FieldReader(RawRow raw, bool decimalComma, List<ImportIssue> issues, string reporting)
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
            Fail(column, $"'{ImportParser.Short(v)}' is not an ISO 4217 currency code (three letters, e.g. USD, EUR, GBP, AUD)", IssueKinds.InvalidCurrency);
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
        else if (v.Length > ImportParser.MaxIdLength)
        {
            Fail(column, $"is longer than {ImportParser.MaxIdLength} characters");
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
        else if (v.Length > ImportParser.MaxTextLength)
        {
            Fail(column, $"is longer than {ImportParser.MaxTextLength} characters");
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
            Fail(column, $"'{ImportParser.Short(v)}' is not a number");
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

        Fail(column, $"'{ImportParser.Short(v)}' is not a number");
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
            Fail(column, $"'{ImportParser.Short(v)}' is not a whole number");
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

        Fail(column, $"'{ImportParser.Short(v)}' is not true or false");
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
            Fail(column, $"'{ImportParser.Short(v)}' is not a valid date in the form YYYY-MM-DD");
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

        Fail(column, $"'{ImportParser.Short(v)}' is not a valid date in the form YYYY-MM-DD");
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
            Fail(column, $"'{ImportParser.Short(v)}' is not a month in the form YYYY-MM");
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

        Fail(column, $"'{ImportParser.Short(v)}' is not a month in the form YYYY-MM");
        return null;
    }

    public ExpansionType? LineType(string column)
    {
        var v = raw.Get(column);
        if (v.Length == 0)
        {
            return null;
        }

        if (StageNames.TryParseType(v, out var t))
        {
            return MotionAnalytics.ToExpansionType(t);
        }

        Fail(column, $"'{ImportParser.Short(v)}' is not an expansion type: use Seats, Usage, Upsell or Cross-sell");
        return null;
    }

    public AccountAttributesRow Attributes()
    {
        var row = new AccountAttributesRow(Optional("account_name"), Optional("segment"), Optional("industry"), Optional("region"), Optional("csm"));
        return row.IsEmpty ? AccountAttributesRow.None : row;
    }
}
