namespace ExpansionDashboard.Metrics.Model;

/// <summary>How an increase on a revenue line is labelled; the account-level total stays the NRR figure.</summary>
public enum ExpansionType
{
    Upsell,
    CrossSell,
    Seats,
    Usage,
}

/// <summary>The attributes dashboards group accounts by.</summary>
public sealed record AccountAttributes(string Segment, string Industry, string Region, string Csm);

/// <summary>The attributes an account had from <paramref name="From"/> on (until the next change).</summary>
public sealed record AttributeChange(Month From, AccountAttributes Attributes);

/// <summary>
/// An account and its current attributes. <paramref name="History"/>, when given, is the full timeline of its
/// attributes: the first entry also applies to every month before it, the last to every month after it. Group
/// metrics take membership at the start of each window, so an account that moves segment does not distort either.
/// </summary>
public sealed record AccountInput(
    string Id,
    string Name,
    string Segment,
    string Industry,
    string Region,
    string Csm,
    Month? FirstPaidMonth = null,
    IReadOnlyList<AttributeChange>? History = null)
{
    public AccountAttributes Attributes => new(Segment, Industry, Region, Csm);
}

/// <summary>
/// One monthly MRR snapshot for an account and product, in <paramref name="Currency"/> (ISO 4217; null or empty
/// for the reporting currency). <paramref name="LineType"/> is the hint a billing line can carry ("Seats" or
/// "Usage"); an increase without a hint on an existing product is an upsell.
/// </summary>
public sealed record RevenueInput(string AccountId, Month Month, string Product, decimal Mrr, ExpansionType? LineType = null, string? Currency = null);

/// <summary>Filters by account attributes; a null field matches everything.</summary>
public sealed record AccountFilter(string? Segment = null, string? Industry = null, string? Region = null, string? Csm = null)
{
    public static AccountFilter All { get; } = new();

    public bool IsEmpty => Segment is null && Industry is null && Region is null && Csm is null;

    public bool Matches(AccountInput a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return Matches(a.Attributes);
    }

    public bool Matches(AccountAttributes a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return (Segment is null || string.Equals(a.Segment, Segment, StringComparison.OrdinalIgnoreCase)) &&
            (Industry is null || string.Equals(a.Industry, Industry, StringComparison.OrdinalIgnoreCase)) &&
            (Region is null || string.Equals(a.Region, Region, StringComparison.OrdinalIgnoreCase)) &&
            (Csm is null || string.Equals(a.Csm, Csm, StringComparison.OrdinalIgnoreCase));
    }
}
