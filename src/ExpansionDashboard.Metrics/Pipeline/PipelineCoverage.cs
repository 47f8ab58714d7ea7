namespace ExpansionDashboard.Metrics.Pipeline;

public enum CoverageBand
{
    [Band("No target", Severity.None)] NoTarget,
    [Band("Alert", Severity.Alert)] Alert,
    [Band("Watch", Severity.Watch)] Watch,
    [Band("On track", Severity.Good)] OnTrack,
    [Band("Target met", Severity.Good)] TargetMet,
}

/// <summary>Coverage bands (multiples); defaults from the contract, editable by an admin.</summary>
public sealed record CoverageThresholds(decimal OnTrack = Defaults.CoverageOnTrack, decimal Alert = Defaults.CoverageAlert)
{
    public static CoverageThresholds Default { get; } = new();

    public CoverageBand Classify(decimal? coverage, bool targetMet) => targetMet
        ? CoverageBand.TargetMet
        : Band.Classify(coverage, CoverageBand.NoTarget, CoverageBand.Alert, (OnTrack, CoverageBand.OnTrack), (Alert, CoverageBand.Watch));

    public static Severity SeverityOf(CoverageBand band) => Band.SeverityOf(band);

    /// <summary>The band's word for people: On track, Watch, Alert, Target met, No target.</summary>
    public static string Label(CoverageBand band) => Band.Word(band);

    /// <summary>The API's band names: on-track, watch, alert, target-met (and no-target).</summary>
    public static string Slug(CoverageBand band) => Band.Slug(band);
}

/// <summary>Coverage of one quarter (and optionally one segment).</summary>
public sealed record CoverageResult(
    Quarter Quarter,
    string? Segment,
    decimal OpenPipeline,
    decimal ClosedWon,
    decimal Target,
    decimal RemainingTarget,
    decimal? Coverage,
    decimal? GrossCoverage,
    CoverageBand Band,
    int OpenCount)
{
    /// <summary>Pipeline still needed to reach <paramref name="multiple"/> × the remaining target (0 when already there).</summary>
    public decimal ShortfallTo(decimal multiple) => PipelineCoverage.Shortfall(Band, multiple, RemainingTarget, OpenPipeline);
}

/// <summary>
/// Expansion pipeline coverage for a quarter: open pipeline (opportunities not closed whose expected close
/// is in the quarter) ÷ remaining target (target − closed won in the quarter). When closed won reaches the
/// target the quarter is "target met" and has no ratio. Gross coverage = open pipeline ÷ full target.
/// Unit: multiple ("3.2x").
/// </summary>
public static class PipelineCoverage
{
    public const string Definition =
        "Open pipeline expected to close in the quarter ÷ (quarter's expansion target − closed won in the quarter).";

    public const string Unit = "x (multiple)";

    /// <summary>
    /// Coverage for <paramref name="quarter"/>. With a <paramref name="segment"/> only that segment's
    /// opportunities and target count; without one, all opportunities and the company target (a null-segment
    /// target, or the sum of segment targets when no company target exists).
    /// </summary>
    public static CoverageResult Compute(
        IEnumerable<OpportunityInput> opportunities,
        IEnumerable<TargetInput> targets,
        Quarter quarter,
        string? segment = null,
        CoverageThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(opportunities);
        ArgumentNullException.ThrowIfNull(targets);
        thresholds ??= CoverageThresholds.Default;

        decimal open = 0, won = 0;
        var openCount = 0;
        foreach (var o in opportunities)
        {
            if (segment is not null && !string.Equals(o.Segment, segment, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (o.IsOpen)
            {
                if (quarter.Contains(o.ExpectedClose))
                {
                    open += o.Amount;
                    openCount++;
                }
            }
            else if (o.Stage == OpportunityStage.ClosedWon && quarter.Contains(o.CloseDay))
            {
                won += o.Amount;
            }
        }

        var target = TargetFor(targets, quarter, segment);
        var (coverage, band) = Judge(target, won, open, thresholds);
        decimal? gross = target > 0 ? open / target : null;
        return new CoverageResult(quarter, segment, open, won, target, target - won, coverage, gross, band, openCount);
    }

    /// <summary>
    /// Coverage = open ÷ (target − won) and its band; "target met" (no ratio) once won reaches the target, "no target"
    /// without one. The one rule behind the Pipeline page, the alerts and the what-if planner.
    /// </summary>
    internal static (decimal? Coverage, CoverageBand Band) Judge(decimal target, decimal won, decimal open, CoverageThresholds thresholds)
    {
        var remaining = target - won;
        var met = target > 0 && won >= target;
        decimal? coverage = !met && remaining > 0 ? open / remaining : null;
        return (coverage, target <= 0 ? CoverageBand.NoTarget : thresholds.Classify(coverage, met));
    }

    /// <summary>Pipeline still needed to reach <paramref name="multiple"/> × the remaining target (0 when met, without a target, or already there).</summary>
    internal static decimal Shortfall(CoverageBand band, decimal multiple, decimal remaining, decimal open) =>
        band is CoverageBand.TargetMet or CoverageBand.NoTarget ? 0m : Math.Max(0m, multiple * remaining - open);

    private static decimal TargetFor(IEnumerable<TargetInput> targets, Quarter quarter, string? segment)
    {
        var inQuarter = targets.Where(t => t.Quarter == quarter).ToList();
        if (segment is not null)
        {
            return inQuarter.Where(t => string.Equals(t.Segment, segment, StringComparison.OrdinalIgnoreCase)).Sum(t => t.Amount);
        }

        var company = inQuarter.Where(t => string.IsNullOrEmpty(t.Segment)).ToList();
        return company.Count > 0 ? company.Sum(t => t.Amount) : inQuarter.Sum(t => t.Amount);
    }
}
