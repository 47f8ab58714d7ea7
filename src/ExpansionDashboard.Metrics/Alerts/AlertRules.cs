namespace ExpansionDashboard.Metrics.Alerts;

/// <summary>What an alert rule watches.</summary>
public enum AlertMetric
{
    /// <summary>Pipeline coverage of a quarter's remaining expansion target (x); fires below the threshold.</summary>
    Coverage,

    /// <summary>Trailing-12-month NRR (%); fires below.</summary>
    NrrT12m,

    /// <summary>The month's expansion rate (% of starting MRR); fires below.</summary>
    ExpansionRate,

    /// <summary>Trailing-12-month GRR (%); fires below.</summary>
    GrrT12m,

    /// <summary>Share of MRR in accounts whose latest health score is red (%); fires above.</summary>
    RedHealthShare,

    /// <summary>The month's contraction ÷ its average over the previous 6 months (×); fires above.</summary>
    ContractionSpike,
}

/// <summary>
/// An alert rule as data. <see cref="Scope"/> is the company, each segment (one evaluation and one firing per segment)
/// or one segment. <see cref="QuarterOffset"/> picks the quarter for coverage rules: 0 the current quarter, 1 the next.
/// </summary>
public sealed record AlertRuleDefinition(int Id, string Name, AlertMetric Metric, Scope Scope, decimal Threshold, AlertSeverity Severity, int QuarterOffset = 0);

/// <summary>The lines the default rules are seeded with.</summary>
public sealed record AlertDefaultLines(decimal CoverageAlert, decimal NrrT12m, decimal ExpansionRate, decimal GrrT12m, decimal RedHealthShare, decimal ContractionSpike);

/// <summary>The rule catalogue: slug, direction and unit per metric, the contract's default rules, and the breach test.</summary>
public static class AlertRules
{
    public const string CoverageSlug = "coverage";
    public const string NrrT12mSlug = "nrr-t12m";
    public const string GrrT12mSlug = "grr-t12m";
    public const string ExpansionRateSlug = "expansion-rate";
    public const string RedHealthShareSlug = "red-health-share";
    public const string ContractionSpikeSlug = "contraction-spike";

    /// <summary>Months of history the contraction spike compares against.</summary>
    public const int ContractionAverageMonths = 6;

    /// <summary>True when the rule fires above its threshold, false when it fires below.</summary>
    public static bool FiresAbove(AlertMetric metric) => metric is AlertMetric.RedHealthShare or AlertMetric.ContractionSpike;

    public static string Unit(AlertMetric metric) => metric switch
    {
        AlertMetric.Coverage => "x",
        AlertMetric.ContractionSpike => "× 6-month average",
        _ => "%",
    };

    /// <summary>The metric's stored name, also the webhook payload's <c>metric</c>.</summary>
    public static string Slug(AlertMetric metric) => metric switch
    {
        AlertMetric.Coverage => CoverageSlug,
        AlertMetric.NrrT12m => NrrT12mSlug,
        AlertMetric.ExpansionRate => ExpansionRateSlug,
        AlertMetric.GrrT12m => GrrT12mSlug,
        AlertMetric.RedHealthShare => RedHealthShareSlug,
        _ => ContractionSpikeSlug,
    };

    /// <summary>Reads a stored slug (any case).</summary>
    public static bool TryParse(string? slug, out AlertMetric metric)
    {
        foreach (var m in Enum.GetValues<AlertMetric>())
        {
            if (string.Equals(Slug(m), slug?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                metric = m;
                return true;
            }
        }

        metric = default;
        return false;
    }

    public static string Describe(AlertMetric metric) => metric switch
    {
        AlertMetric.Coverage => "Pipeline coverage below",
        AlertMetric.NrrT12m => "T12M NRR below",
        AlertMetric.ExpansionRate => "Monthly expansion rate below",
        AlertMetric.GrrT12m => "T12M GRR below",
        AlertMetric.RedHealthShare => "Share of MRR in red-health accounts above",
        _ => "Contraction this month above its 6-month average ×",
    };

    /// <summary>
    /// Whether <paramref name="value"/> breaks the rule: strictly below (or above) the threshold. No value (no
    /// target, no history) never fires; a value exactly on the line does not fire.
    /// </summary>
    public static bool Breaches(AlertMetric metric, decimal? value, decimal threshold) =>
        value is { } v && (FiresAbove(metric) ? v > threshold : v < threshold);

    /// <summary>The lines of the default rules, from the metrics library's one <see cref="Metrics.Defaults"/>.</summary>
    public static AlertDefaultLines DefaultLines() => new(
        CoverageAlert: Metrics.Defaults.CoverageAlert, NrrT12m: Metrics.Defaults.NrrStrong, ExpansionRate: Metrics.Defaults.ExpansionRateHealthyLow,
        GrrT12m: Metrics.Defaults.GrrAlert, RedHealthShare: Metrics.Defaults.RedHealthShareAlert, ContractionSpike: Metrics.Defaults.ContractionSpikeMultiple);

    /// <summary>The contract's default rules: coverage below 2.5x per segment and for the company (current quarter),
    /// T12M NRR below 100 %, monthly expansion rate below 2 %, GRR below 90 %, red-health revenue above 15 %, and
    /// contraction above 1.5× its 6-month average. Seeded into a store once; from then on the stored rules rule.</summary>
    public static IReadOnlyList<AlertRuleDefinition> Defaults { get; } = BuildDefaults(DefaultLines());

    private static List<AlertRuleDefinition> BuildDefaults(AlertDefaultLines l) =>
    [
        new(0, FormattableString.Invariant($"Coverage below {l.CoverageAlert:0.0#}x (company)"), AlertMetric.Coverage, Scope.Company, l.CoverageAlert, AlertSeverity.Alert),
        new(0, FormattableString.Invariant($"Coverage below {l.CoverageAlert:0.0#}x (each segment)"), AlertMetric.Coverage, Scope.EachSegment, l.CoverageAlert, AlertSeverity.Alert),
        new(0, FormattableString.Invariant($"T12M NRR below {l.NrrT12m:0.##} %"), AlertMetric.NrrT12m, Scope.Company, l.NrrT12m, AlertSeverity.Alert),
        new(0, FormattableString.Invariant($"Expansion rate below {l.ExpansionRate:0.##} % a month"), AlertMetric.ExpansionRate, Scope.Company, l.ExpansionRate, AlertSeverity.Watch),
        new(0, FormattableString.Invariant($"GRR below {l.GrrT12m:0.##} %"), AlertMetric.GrrT12m, Scope.Company, l.GrrT12m, AlertSeverity.Alert),
        new(0, FormattableString.Invariant($"Red-health revenue above {l.RedHealthShare:0.##} %"), AlertMetric.RedHealthShare, Scope.Company, l.RedHealthShare, AlertSeverity.Watch),
        new(0, FormattableString.Invariant($"Contraction spike above {l.ContractionSpike:0.0#}× average"), AlertMetric.ContractionSpike, Scope.Company, l.ContractionSpike, AlertSeverity.Watch),
    ];

    /// <summary>This month's contraction ÷ its average over the <paramref name="months"/> before (null without enough history or with no earlier contraction).</summary>
    public static decimal? ContractionRatio(IReadOnlyList<Movements.MonthMovements> upToMonth, int months = ContractionAverageMonths) =>
        ContractionAverage(upToMonth, months) is { } average && average > 0 ? Math.Abs(upToMonth[^1].Contraction) / average : null;

    /// <summary>The average contraction (positive) over the <paramref name="months"/> before the last month; null without enough history.</summary>
    public static decimal? ContractionAverage(IReadOnlyList<Movements.MonthMovements> upToMonth, int months = ContractionAverageMonths)
    {
        ArgumentNullException.ThrowIfNull(upToMonth);
        return upToMonth.Count <= months ? null : upToMonth.Skip(upToMonth.Count - 1 - months).Take(months).Average(m => Math.Abs(m.Contraction));
    }
}
