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

    public static bool TryDate(string text, out DateOnly value) =>
        DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    public static bool TryMonth(string text, out Month value)
    {
        value = default;
        var s = text.Trim();
        if (DateOnly.TryParseExact(s, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) || TryDate(s, out d))
        {
            value = Month.Of(d);
            return true;
        }

        return false;
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
