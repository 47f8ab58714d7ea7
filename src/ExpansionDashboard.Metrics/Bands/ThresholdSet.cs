using ExpansionDashboard.Metrics.Expansion;
using ExpansionDashboard.Metrics.Health;
using ExpansionDashboard.Metrics.Pipeline;
using ExpansionDashboard.Metrics.Retention;

namespace ExpansionDashboard.Metrics.Bands;

/// <summary>Every band and threshold the dashboards judge values by, as data: defaults from the contract, editable by admins.</summary>
public sealed record ThresholdSet(
    NrrThresholds Nrr,
    CoverageThresholds Coverage,
    ExpansionRateThresholds ExpansionRate,
    HealthThresholds Health,
    StageProbabilities StageProbabilities,
    HealthWeights HealthWeights)
{
    public static ThresholdSet Default { get; } = new(
        NrrThresholds.Default, CoverageThresholds.Default, ExpansionRateThresholds.Default,
        HealthThresholds.Default, StageProbabilities.Default, HealthWeights.Default);
}
