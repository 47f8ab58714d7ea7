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
    IReadOnlyList<ExpansionCandidate> Candidates);
