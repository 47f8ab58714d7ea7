namespace ExpansionDashboard.Web.Shared.Widgets;

/// <summary>Display formatting in the user's culture; data attributes use <see cref="Invariant"/> instead.</summary>
public static class Format
{
    /// <summary>An amount in the reporting currency in the current culture; see <see cref="Widgets.Money"/>.</summary>
    public static string Money(decimal? value, string currency) => Widgets.Money.Format(value, currency);

    public static string Percent(decimal? value, int decimals = 1) =>
        value is { } v ? v.ToString($"N{decimals}", CultureInfo.CurrentCulture) + " %" : "–";

    public static string Multiple(decimal? value) =>
        value is { } v ? v.ToString("0.0", CultureInfo.CurrentCulture) + "x" : "–";

    /// <summary>Unrounded invariant text for data-value attributes and APIs.</summary>
    public static string Invariant(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
