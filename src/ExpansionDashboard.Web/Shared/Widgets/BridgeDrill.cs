using ExpansionDashboard.Metrics.Retention;

namespace ExpansionDashboard.Web.Shared.Widgets;

/// <summary>
/// The NRR bridge's drill-downs as they stand in the URL: <c>bridge:upsell</c>, <c>bridge:cross-sell</c>, <c>bridge:seats</c>,
/// <c>bridge:usage</c>, <c>bridge:contraction</c>, <c>bridge:churn</c>, and <c>bridge:expansion</c> for every expansion type at once.
/// </summary>
public static class BridgeDrill
{
    public const string Prefix = "bridge:";
    public const string AllExpansion = "expansion";
    private const string ExpansionLabel = "Expansion: ";

    /// <summary>The URL slug of a bar ("Expansion: Cross-sell" → "cross-sell").</summary>
    public static string Slug(string label) =>
        (IsExpansion(label) ? label[ExpansionLabel.Length..] : label).ToLowerInvariant().Replace(' ', '-');

    public static bool IsExpansion(string label) => label.StartsWith(ExpansionLabel, StringComparison.Ordinal);

    /// <summary>
    /// The bar or bars a drill value names, merged per account, largest first; null when the value names none.
    /// </summary>
    public static (string Title, IReadOnlyList<BridgeAccount> Accounts)? Resolve(NrrBridgeResult bridge, string? drill)
    {
        ArgumentNullException.ThrowIfNull(bridge);
        if (drill is null || !drill.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var slug = drill[Prefix.Length..].ToLowerInvariant();
        var bars = slug == AllExpansion
            ? bridge.Bars.Where(b => IsExpansion(b.Label)).ToList()
            : bridge.Bars.Where(b => Slug(b.Label) == slug).ToList();
        if (bars.Count == 0)
        {
            return null;
        }

        var title = slug == AllExpansion ? "Expansion (all types)" : bars[0].Label;
        var accounts = bars.SelectMany(b => b.Accounts)
            .GroupBy(a => a.AccountId)
            .Select(g => g.First() with { Amount = g.Sum(a => a.Amount) })
            .OrderByDescending(a => Math.Abs(a.Amount))
            .ToList();
        return (title, accounts);
    }
}
