using System.Globalization;

namespace ExpansionDashboard.Web.Components.Widgets;

/// <summary>Display formatting in the user's culture; data attributes use <see cref="Invariant"/> instead.</summary>
public static class Format
{
    public static string Money(decimal? value, string currency)
    {
        if (value is not { } v)
        {
            return "–";
        }

        var nf = (NumberFormatInfo)CultureInfo.CurrentCulture.NumberFormat.Clone();
        nf.CurrencySymbol = CurrencySymbol(currency);
        return v.ToString(Math.Abs(v) >= 1000m ? "C0" : "C2", nf);
    }

    public static string Percent(decimal? value, int decimals = 1) =>
        value is { } v ? v.ToString($"N{decimals}", CultureInfo.CurrentCulture) + " %" : "–";

    public static string Multiple(decimal? value) =>
        value is { } v ? v.ToString("0.0", CultureInfo.CurrentCulture) + "x" : "–";

    /// <summary>Unrounded invariant text for data-value attributes and APIs.</summary>
    public static string Invariant(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string CurrencySymbol(string currency) => currency switch
    {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "AUD" => "A$",
        "CAD" => "C$",
        "JPY" => "¥",
        _ => currency + " ",
    };
}
