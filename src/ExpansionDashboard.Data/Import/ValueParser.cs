namespace ExpansionDashboard.Data.Import;

/// <summary>Strict parsing of CSV values: ISO dates, YYYY-MM months, numbers with a decimal point or (semicolon files) comma.</summary>
public static class ValueParser
{
    public static bool TryDecimal(string text, bool decimalComma, out decimal value)
    {
        value = 0;
        var s = text.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal);
        if (s.Length == 0 || s.Length > 40)
        {
            return false;
        }

        var lastComma = s.LastIndexOf(',');
        var lastDot = s.LastIndexOf('.');
        if (lastComma >= 0 && lastDot >= 0)
        {
            // Both present: the last one is the decimal separator, the other groups thousands.
            s = lastComma > lastDot ? s.Replace(".", "", StringComparison.Ordinal).Replace(',', '.') : s.Replace(",", "", StringComparison.Ordinal);
        }
        else if (lastComma >= 0)
        {
            s = decimalComma ? s.Replace(',', '.') : s.Replace(",", "", StringComparison.Ordinal);
        }

        return decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryInt(string text, out int value) =>
        int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static bool TryDate(string text, out DateOnly value)
    {
        var s = text.AsSpan().Trim();
        if (s.Length == 10 && TryIsoDay(s, out var year, out var month, out var day))
        {
            value = new DateOnly(year, month, day);
            return true;
        }

        return DateOnly.TryParseExact(s, ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    public static bool TryMonth(string text, out Month value)
    {
        value = default;
        var s = text.AsSpan().Trim();

        // The shapes nearly every row has, read from their digits: without the general exact parser.
        if (s.Length == 7 && TryIsoMonth(s, out var y, out var m))
        {
            value = new Month(y, m);
            return true;
        }

        if (s.Length == 10 && TryIsoDay(s, out y, out m, out _))
        {
            value = new Month(y, m);
            return true;
        }

        if (DateOnly.TryParseExact(s, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) || TryDate(text, out d))
        {
            value = Month.Of(d);
            return true;
        }

        return false;
    }

    /// <summary>"yyyy-MM" with a valid month (year 1 to 9999, as the exact parser accepts).</summary>
    private static bool TryIsoMonth(ReadOnlySpan<char> s, out int year, out int month)
    {
        month = 0;
        return Digits(s[..4], out year) && s[4] == '-' && Digits(s.Slice(5, 2), out month) && year >= 1 && month is >= 1 and <= 12;
    }

    /// <summary>"yyyy-MM-dd" naming a day that exists.</summary>
    private static bool TryIsoDay(ReadOnlySpan<char> s, out int year, out int month, out int day)
    {
        day = 0;
        return TryIsoMonth(s[..7], out year, out month) && s[7] == '-' && Digits(s.Slice(8, 2), out day) && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    private static bool Digits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    public static bool TryBool(string text, out bool value)
    {
        switch (text.Trim().ToUpperInvariant())
        {
            case "TRUE" or "YES" or "Y" or "1":
                value = true;
                return true;
            case "FALSE" or "NO" or "N" or "0":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>
    /// ISO 4217 codes: the current list (including funds and precious-metal codes) and the codes retired since 2000 that
    /// old billing exports still carry. A code outside it is almost always a typo or a symbol ("US$", "AU").
    /// </summary>
    private static readonly HashSet<string> CurrencyCodes = new(
        ("AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF " +
         "CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD " +
         "HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL " +
         "MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD " +
         "RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD " +
         "USN UYI UYU UYW UZS VED VES VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XTS XUA XXX YER ZAR " +
         "ZMW ZWG ZWL " +
         "BYR CYP EEK GHC LTL LVL MRO MTL ROL SIT SKK STD TMM TRL VEB VEF ZMK ZWD ZWR").Split(' '),
        StringComparer.Ordinal);

    /// <summary>An ISO 4217 code (any case, trimmed) as upper case; false for anything else.</summary>
    public static bool TryCurrency(string text, out string code)
    {
        code = text.Trim().ToUpperInvariant();
        return code.Length == 3 && CurrencyCodes.Contains(code);
    }

    /// <summary>True for text a spreadsheet would run as a formula; such cells are stored as plain text.</summary>
    public static bool LooksLikeFormula(string text) => text.Length > 0 && text[0] is '=' or '+' or '@' or '\t' or '\r' || (text.Length > 1 && text[0] == '-' && !char.IsDigit(text[1]) && text[1] != '.');
}
