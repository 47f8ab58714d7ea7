using ExpansionDashboard.Metrics.Bands;

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
/// An alert rule as data. <see cref="Segment"/> is the scope: null for the whole company, <see cref="EverySegment"/>
/// for one evaluation (and one firing) per segment, or a segment name. <see cref="QuarterOffset"/> picks the
/// quarter for coverage rules: 0 the current quarter, 1 the next.
/// </summary>
public sealed record AlertRuleDefinition(int Id, string Name, AlertMetric Metric, string? Segment, decimal Threshold, Severity Severity, int QuarterOffset = 0)
{
    public const string EverySegment = "*";
}

/// <summary>The rule catalogue: direction and unit per metric, the contract's default rules, and the breach test.</summary>
public static class AlertRules
{
    /// <summary>True when the rule fires above its threshold, false when it fires below.</summary>
    public static bool FiresAbove(AlertMetric metric) => metric is AlertMetric.RedHealthShare or AlertMetric.ContractionSpike;

    public static string Unit(AlertMetric metric) => metric switch
    {
        AlertMetric.Coverage => "x",
        AlertMetric.ContractionSpike => "× 6-month average",
        _ => "%",
    };

    public static string Slug(AlertMetric metric) => metric switch
    {
        AlertMetric.Coverage => ThresholdAlerts.Coverage,
        AlertMetric.NrrT12m => ThresholdAlerts.NrrT12m,
        AlertMetric.ExpansionRate => ThresholdAlerts.ExpansionRate,
        AlertMetric.GrrT12m => ThresholdAlerts.GrrT12m,
        AlertMetric.RedHealthShare => "red-health-share",
        _ => ThresholdAlerts.ContractionSpike,
    };

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

    /// <summary>The contract's default rules: coverage below 2.5x per segment and for the company (current quarter),
    /// T12M NRR below 100 %, monthly expansion rate below 2 %, GRR below 90 %, red-health revenue above 15 %, and
    /// contraction above 1.5× its 6-month average.</summary>
    public static IReadOnlyList<AlertRuleDefinition> Defaults { get; } =
    [
        new(0, "Coverage below 2.5x (company)", AlertMetric.Coverage, null, Metrics.Defaults.CoverageAlert, Severity.Alert),
        new(0, "Coverage below 2.5x (each segment)", AlertMetric.Coverage, AlertRuleDefinition.EverySegment, Metrics.Defaults.CoverageAlert, Severity.Alert),
        new(0, "T12M NRR below 100 %", AlertMetric.NrrT12m, null, Metrics.Defaults.NrrStrong, Severity.Alert),
        new(0, "Expansion rate below 2 % a month", AlertMetric.ExpansionRate, null, Metrics.Defaults.ExpansionRateHealthyLow, Severity.Watch),
        new(0, "GRR below 90 %", AlertMetric.GrrT12m, null, Metrics.Defaults.GrrAlert, Severity.Alert),
        new(0, "Red-health revenue above 15 %", AlertMetric.RedHealthShare, null, Metrics.Defaults.RedHealthShareAlert, Severity.Watch),
        new(0, "Contraction spike above 1.5× average", AlertMetric.ContractionSpike, null, Metrics.Defaults.ContractionSpikeMultiple, Severity.Watch),
    ];

    /// <summary>This month's contraction ÷ its average over the <paramref name="months"/> before (null without enough history or with no earlier contraction).</summary>
    public static decimal? ContractionRatio(IReadOnlyList<Movements.MonthMovements> upToMonth, int months = 6) =>
        ContractionAverage(upToMonth, months) is { } average && average > 0 ? Math.Abs(upToMonth[^1].Contraction) / average : null;

    /// <summary>The average contraction (positive) over the <paramref name="months"/> before the last month; null without enough history.</summary>
    public static decimal? ContractionAverage(IReadOnlyList<Movements.MonthMovements> upToMonth, int months = 6)
    {
        ArgumentNullException.ThrowIfNull(upToMonth);
        return upToMonth.Count <= months ? null : upToMonth.Skip(upToMonth.Count - 1 - months).Take(months).Average(m => Math.Abs(m.Contraction));
    }
}
