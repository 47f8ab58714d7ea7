using ExpansionDashboard.Metrics.Bands;
using ExpansionDashboard.Metrics.Movements;
using ExpansionDashboard.Metrics.Pipeline;

namespace ExpansionDashboard.Metrics.Alerts;

/// <summary>A threshold a value has crossed: which rule, for what scope (company, a segment), the value and the line.</summary>
public sealed record AlertFinding(string RuleId, string Scope, decimal Value, decimal Threshold, Severity Severity, string Message);

/// <summary>The lines the default alert rules compare against (the contract's defaults).</summary>
public sealed record AlertThresholds(
    decimal NrrT12mBelow = Defaults.NrrStrong,
    decimal GrrT12mBelow = Defaults.GrrAlert,
    decimal ExpansionRateBelow = Defaults.ExpansionRateHealthyLow,
    decimal ContractionAboveAverageMultiple = Defaults.ContractionSpikeMultiple,
    int ContractionAverageMonths = Defaults.ContractionAverageMonths)
{
    public static AlertThresholds Default { get; } = new();
}

/// <summary>The values one evaluation reads: a reporting month's retention, expansion, movements and coverage.</summary>
/// <param name="NrrT12m">Trailing-12-month NRR, % (null without 12 months of history).</param>
/// <param name="GrrT12m">Trailing-12-month GRR, %.</param>
/// <param name="ExpansionRate">The month's expansion rate, %.</param>
/// <param name="Movements">Monthly movements up to and including the reporting month, oldest first.</param>
/// <param name="Coverage">Coverage results (company and per segment) for the quarter.</param>
public sealed record AlertInputs(
    decimal? NrrT12m,
    decimal? GrrT12m,
    decimal? ExpansionRate,
    IReadOnlyList<MonthMovements> Movements,
    IReadOnlyList<CoverageResult> Coverage);

/// <summary>
/// Evaluates the default threshold rules: coverage in the alert or watch band (company and per segment), T12M NRR
/// below 100 %, monthly expansion rate below 2 %, T12M GRR below 90 %, and this month's contraction above 1.5× its
/// average over the previous 6 months. Pure: the caller decides where findings are shown or stored.
/// </summary>
public static class ThresholdAlerts
{
    public const string Coverage = "coverage";
    public const string NrrT12m = "nrr-t12m";
    public const string GrrT12m = "grr-t12m";
    public const string ExpansionRate = "expansion-rate";
    public const string ContractionSpike = "contraction-spike";

    /// <summary>Every rule the inputs break, alerts before watches.</summary>
    public static IReadOnlyList<AlertFinding> Evaluate(AlertInputs inputs, CoverageThresholds coverage, AlertThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(coverage);
        thresholds ??= AlertThresholds.Default;
        var findings = new List<AlertFinding>();
        foreach (var c in inputs.Coverage)
        {
            if (c.Coverage is { } x && c.Band is CoverageBand.Alert or CoverageBand.Watch)
            {
                var scope = c.Segment ?? "Company";
                var line = c.Band == CoverageBand.Alert ? coverage.Alert : coverage.OnTrack;
                findings.Add(new AlertFinding(Coverage, scope, x, line, c.Band == CoverageBand.Alert ? Severity.Alert : Severity.Watch,
                    $"{scope} coverage for {c.Quarter} is {x:0.0}x, below {line:0.0}x"));
            }
        }

        if (inputs.NrrT12m is { } nrr && nrr < thresholds.NrrT12mBelow)
        {
            findings.Add(new AlertFinding(NrrT12m, "Company", nrr, thresholds.NrrT12mBelow, Severity.Alert, $"Trailing-12-month NRR is {nrr:0.0} %, below {thresholds.NrrT12mBelow:0} %"));
        }

        if (inputs.GrrT12m is { } grr && grr < thresholds.GrrT12mBelow)
        {
            findings.Add(new AlertFinding(GrrT12m, "Company", grr, thresholds.GrrT12mBelow, Severity.Alert, $"Trailing-12-month GRR is {grr:0.0} %, below {thresholds.GrrT12mBelow:0} %"));
        }

        if (inputs.ExpansionRate is { } rate && rate < thresholds.ExpansionRateBelow)
        {
            findings.Add(new AlertFinding(ExpansionRate, "Company", rate, thresholds.ExpansionRateBelow, Severity.Watch,
                $"Expansion rate this month is {rate:0.00} %, below {thresholds.ExpansionRateBelow:0} % a month"));
        }

        var m = inputs.Movements;
        if (AlertRules.ContractionAverage(m, thresholds.ContractionAverageMonths) is { } average)
        {
            var now = Math.Abs(m[^1].Contraction);
            var line = average * thresholds.ContractionAboveAverageMultiple;
            if (average > 0 && now > line)
            {
                findings.Add(new AlertFinding(ContractionSpike, "Company", now, line, Severity.Watch,
                    $"Contraction in {m[^1].Month} is {now / average:0.0}× its {thresholds.ContractionAverageMonths}-month average"));
            }
        }

        return findings.OrderByDescending(f => f.Severity).ToList();
    }
}
