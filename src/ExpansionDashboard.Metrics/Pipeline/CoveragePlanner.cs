namespace ExpansionDashboard.Metrics.Pipeline;

/// <summary>The inputs of a what-if: a quarter's target, what closed won so far, open pipeline, extra pipeline to add and the win rate (percent).</summary>
public sealed record PlanInputs(decimal Target, decimal ClosedWon, decimal OpenPipeline, decimal ExtraPipeline, decimal WinRate);

/// <summary>What a what-if implies. Money is ARR; coverage and multiples are "x".</summary>
public sealed record PlanResult(
    decimal RemainingTarget,
    decimal Pipeline,
    decimal? Coverage,
    CoverageBand Band,
    decimal? RecommendedMultiple,
    decimal NeededForOnTrack,
    decimal? NeededForRecommended,
    decimal ExpectedClose,
    decimal ExpectedGap)
{
    /// <summary>Expected won (closed won + pipeline × win rate) ÷ target × 100; null without a target.</summary>
    public decimal? ExpectedAttainment { get; init; }
}

/// <summary>
/// The what-if coverage planner. Coverage = (open + extra pipeline) ÷ (target − closed won), banded with the coverage
/// thresholds; recommended multiple = 100 ÷ win rate; pipeline needed = max(0, multiple × remaining target − pipeline)
/// for the on-track line (3.0x by default) and for the recommended multiple; expected close = closed won + pipeline ×
/// win rate, and its gap to the target.
/// </summary>
public static class CoveragePlanner
{
    public const string Definition = "(Open + extra pipeline) ÷ (target − closed won); needed = multiple × remaining − pipeline; expected = won + pipeline × win rate.";

    public static PlanResult Compute(PlanInputs inputs, CoverageThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        thresholds ??= CoverageThresholds.Default;
        var target = Math.Max(0m, inputs.Target);
        var won = Math.Max(0m, inputs.ClosedWon);
        var pipeline = Math.Max(0m, inputs.OpenPipeline) + Math.Max(0m, inputs.ExtraPipeline);
        var winRate = Math.Clamp(inputs.WinRate, 0m, 100m);
        var remaining = Math.Max(0m, target - won);
        var (coverage, band) = PipelineCoverage.Judge(target, won, pipeline, thresholds);
        decimal? multiple = winRate > 0 ? 100m / winRate : null;
        var expected = won + pipeline * winRate / 100m;
        return new PlanResult(
            remaining, pipeline, coverage, band, multiple,
            PipelineCoverage.Shortfall(band, thresholds.OnTrack, remaining, pipeline),
            multiple is { } m ? PipelineCoverage.Shortfall(band, m, remaining, pipeline) : band == CoverageBand.TargetMet ? 0m : null,
            expected, expected - target)
        {
            ExpectedAttainment = target > 0 ? expected / target * 100m : null,
        };
    }
}
