using System.Text;

namespace ExpansionDashboard.Web.Shared.Widgets;

/// <summary>
/// How an amount is written: "{sign}", "{symbol}" and "{number}" placed as the culture places them. The chart
/// module fills the same templates (with its own compact number), so axes and tooltips read like the page.
/// </summary>
/// <param name="Positive">Template for zero and positive amounts, e.g. "{symbol}{number}" or "{number} {symbol}".</param>
/// <param name="Negative">Template for negative amounts, e.g. "-{symbol}{number}" or "-{number} {symbol}".</param>
/// <param name="Symbol">The reporting currency's symbol in this culture, e.g. "A$", "€", "CHF".</param>
/// <param name="MinorDigits">Decimals of the currency's minor unit (2 for cents, 0 for yen), shown only below <paramref name="WholeUnitsFrom"/>.</param>
/// <param name="WholeUnitsFrom">Amounts at or above this are shown in whole units; the chart tooltips apply the same rule.</param>
public sealed record MoneyPattern(string Positive, string Negative, string Symbol, int MinorDigits = 2, decimal WholeUnitsFrom = Money.WholeUnitsFrom);

/// <summary>
/// The one money formatter, for tables, tiles, inputs and (through <see cref="MoneyPattern"/>) chart tooltips: "$3,214" at
/// or above 1,000, "$678.23" below it, "$0" for nothing. The reporting currency (setting <c>Dashboard:Currency</c>) decides the symbol, the display
/// culture (setting <c>Dashboard:Culture</c> or the browser's) decides digits, separators and where the symbol goes.
/// </summary>
/// <remarks>
/// A culture's own currency symbol is never used for another currency (so an en-US page reporting in AUD shows A$, not
/// $). Dollar, yuan and yen symbols carry their country where a bare "$" or "¥" could be read as another currency; a
/// currency without a well-known symbol shows its ISO code, set off by a space.
/// </remarks>
public static class Money
{
    /// <summary>Amounts at or above this size are shown without minor units (A$1,234 rather than A$1,234.40).</summary>
    public const decimal WholeUnitsFrom = 1000m;

    private const string SymbolSlot = "{symbol}";
    private const string NumberSlot = "{number}";
    private const string SignSlot = "{sign}";

    // Symbols readers recognise outside the currency's home. A bare "$" or "¥" is decided per culture below.
    private static readonly Dictionary<string, string> Symbols = new(StringComparer.Ordinal)
    {
        ["AUD"] = "A$",
        ["NZD"] = "NZ$",
        ["CAD"] = "CA$",
        ["HKD"] = "HK$",
        ["SGD"] = "S$",
        ["MXN"] = "MX$",
        ["BRL"] = "R$",
        ["EUR"] = "€",
        ["GBP"] = "£",
        ["MYR"] = "RM",
        ["INR"] = "₹",
        ["ILS"] = "₪",
        ["KRW"] = "₩",
        ["PHP"] = "₱",
        ["THB"] = "฿",
        ["VND"] = "₫",
        ["NGN"] = "₦",
        ["UAH"] = "₴",
        ["ZAR"] = "R",
    };

    // Currencies without minor units in everyday use (ISO 4217 exponent 0).
    private static readonly HashSet<string> NoMinorUnits = new(StringComparer.Ordinal) { "JPY", "KRW", "VND", "CLP", "ISK", "PYG", "UGX", "XAF", "XOF" };

    /// <summary>An amount in the reporting currency, e.g. "A$1,235", "678,23 €", "-CHF 12.00", "$0"; "–" when there is none.</summary>
    /// <param name="value">The amount; null shows a dash.</param>
    /// <param name="currency">ISO 4217 code of the reporting currency.</param>
    /// <param name="culture">The display culture; the current culture when null.</param>
    public static string Format(decimal? value, string currency, CultureInfo? culture = null)
    {
        if (value is not { } v)
        {
            return "–";
        }

        culture ??= CultureInfo.CurrentCulture;
        var code = Normalise(currency);
        var decimals = Decimals(v, code);
        var number = Math.Abs(v).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), culture);

        // A value that rounds to zero is shown without a sign ("-A$0.00" would be noise).
        var negative = v < 0 && Math.Round(Math.Abs(v), decimals) > 0;
        return Fill(Pattern(code, culture), number, negative, culture);
    }

    /// <summary>
    /// Decimals shown for <paramref name="value"/>: none at or above <see cref="WholeUnitsFrom"/>, for a currency without
    /// minor units, or for an amount that rounds to zero ("$0", not "$0.00"); otherwise the minor unit's two.
    /// </summary>
    public static int Decimals(decimal value, string currency)
    {
        var minor = MinorDigits(currency);
        var abs = Math.Abs(value);
        return abs >= WholeUnitsFrom || Math.Round(abs, minor) == 0m ? 0 : minor;
    }

    /// <summary>Decimals of the currency's minor unit: 2, or 0 for yen, won and the like.</summary>
    public static int MinorDigits(string currency) => NoMinorUnits.Contains(Normalise(currency)) ? 0 : 2;

    /// <summary>
    /// The .NET format string of a money input (a MudNumericField's Format): thousands separators and no cents, since
    /// targets and plans are whole amounts ("1,219,000" rather than "1219000").
    /// </summary>
    public const string InputFormat = "N0";

    /// <summary>The reporting currency's symbol for readers of <paramref name="culture"/>.</summary>
    public static string Symbol(string currency, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        var code = Normalise(currency);
        var home = HomeCurrency(culture);
        return code switch
        {
            "" => "",
            "USD" => home == "USD" ? "$" : "US$",
            "CNY" => home == "CNY" ? "¥" : "CN¥",
            "JPY" => home == "CNY" ? "JP¥" : "¥",
            "CHF" => "CHF",
            _ when Symbols.TryGetValue(code, out var s) => s,
            _ when code == home && culture.NumberFormat.CurrencySymbol is { Length: > 0 } own && own != "¤" => own,
            _ => code,
        };
    }

    /// <summary>Where sign, symbol and number go for <paramref name="currency"/> in <paramref name="culture"/>.</summary>
    public static MoneyPattern Pattern(string currency, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        var symbol = Symbol(currency, culture);
        var nf = culture.NumberFormat;
        var positive = nf.CurrencyPositivePattern switch
        {
            1 => "{number}{symbol}",
            2 => "{symbol} {number}",
            3 => "{number} {symbol}",
            _ => "{symbol}{number}",
        };
        var negative = nf.CurrencyNegativePattern switch
        {
            0 => "({symbol}{number})",
            2 => "{symbol}{sign}{number}",
            3 => "{symbol}{number}{sign}",
            4 => "({number}{symbol})",
            5 => "{sign}{number}{symbol}",
            6 => "{number}{sign}{symbol}",
            7 => "{number}{symbol}{sign}",
            8 => "{sign}{number} {symbol}",
            9 => "{sign}{symbol} {number}",
            10 => "{number} {symbol}{sign}",
            11 => "{symbol} {number}{sign}",
            12 => "{symbol} {sign}{number}",
            13 => "{number}{sign} {symbol}",
            14 => "({symbol} {number})",
            15 => "({number} {symbol})",
            16 => "{symbol}{sign} {number}",
            _ => "{sign}{symbol}{number}",
        };

        // A code such as "CHF" or "SEK" run into the digits is hard to read: it always gets a space.
        if (IsCode(symbol))
        {
            positive = SpaceOut(positive);
            negative = SpaceOut(negative);
        }

        // Non-breaking, so "1.234,50 €" never wraps between number and symbol in a narrow cell.
        return new MoneyPattern(positive.Replace(' ', '\u00a0'), negative.Replace(' ', '\u00a0'), symbol, MinorDigits(currency));
    }

    /// <summary>Puts a formatted number (without sign) into a pattern.</summary>
    public static string Fill(MoneyPattern pattern, string number, bool negative, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        culture ??= CultureInfo.CurrentCulture;
        var template = negative ? pattern.Negative : pattern.Positive;
        return new StringBuilder(template)
            .Replace(SymbolSlot, pattern.Symbol)
            .Replace(SignSlot, culture.NumberFormat.NegativeSign)
            .Replace(NumberSlot, number)
            .ToString();
    }

    private static string Normalise(string? currency) => (currency ?? "").Trim().ToUpperInvariant();

    private static bool IsCode(string symbol) => symbol.Length == 3 && symbol.All(char.IsAsciiLetterUpper);

    private static string SpaceOut(string template)
    {
        // Only between code and digits (or the sign that follows the code): "-CHF 5", "CHF -5", "5 CHF-".
        return template
            .Replace("{symbol}{number}", "{symbol} {number}", StringComparison.Ordinal)
            .Replace("{symbol}{sign}", "{symbol} {sign}", StringComparison.Ordinal)
            .Replace("{number}{symbol}", "{number} {symbol}", StringComparison.Ordinal);
    }

    private static string? HomeCurrency(CultureInfo culture)
    {
        if (culture.IsNeutralCulture || culture.Name.Length == 0)
        {
            // "en" and the invariant culture are read as US English, the .NET default.
            return culture.Name.Length == 0 || culture.Name == "en" ? "USD" : null;
        }

        try
        {
            return new RegionInfo(culture.Name).ISOCurrencySymbol;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
