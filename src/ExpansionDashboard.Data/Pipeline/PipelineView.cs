using ExpansionDashboard.Metrics.Expansion;

namespace ExpansionDashboard.Data.Pipeline;

public sealed record StageSummary(OpportunityStage Stage, int Count, decimal Amount);

public sealed record PipelineView(
    Quarter Current,
    Quarter Next,
    CoverageResult CurrentCompany,
    CoverageResult NextCompany,
    IReadOnlyList<CoverageResult> CurrentBySegment,
    IReadOnlyList<CoverageResult> NextBySegment,
    IReadOnlyList<StageSummary> OpenByStage,
    decimal WeightedCurrent,
    WinRateResult WinRate,
    decimal OnTrackMultiple,
    IReadOnlyList<OpenOpportunityRow> OpenOpportunities,
    IReadOnlyList<ExpansionCandidate> Candidates,
    IReadOnlyList<OwnerPipeline> ByOwner);

public sealed record OpenOpportunityRow(string Id, string AccountName, string Name, OpportunityType Type, OpportunityStage Stage, decimal Amount, DateOnly ExpectedClose, string Owner)
{
    public string AccountId { get; init; } = "";

    /// <summary>The account is on the at-risk list this month (the deal may be a rescue, or at risk itself).</summary>
    public bool AccountAtRisk { get; init; }
}
