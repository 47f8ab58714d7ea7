using ExpansionDashboard.Metrics.Expansion;

namespace ExpansionDashboard.Data.Health;

/// <summary>The Health page: scored accounts by band, the at-risk list and the expansion candidates, each with its reason.</summary>
public sealed record HealthView(
    bool HasScores,
    Month Month,
    int Green,
    int Yellow,
    int Red,
    decimal? RedShareOfMrr,
    HealthWeights Weights,
    IReadOnlyList<AtRiskAccount> AtRisk,
    IReadOnlyList<ExpansionCandidate> Candidates)
{
    /// <summary>Open pipeline per account (the sum of its open opportunities), so the at-risk list can flag a deal on a risky account.</summary>
    public IReadOnlyDictionary<string, decimal> OpenPipelineByAccount { get; init; } = new Dictionary<string, decimal>(StringComparer.Ordinal);
}
