using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Pipeline;

namespace ExpansionDashboard.Metrics.Tests.Pipeline;

public class PipelineExtrasTests
{
    private static readonly Quarter Q = new(2026, 4);

    private static OpportunityInput Opp(OpportunityStage stage, decimal amount, DateOnly close, string owner = "Ana", DateOnly? closed = null) =>
        new(Guid.NewGuid().ToString(), "acc", "n", OpportunityType.Upsell, stage, amount, close, owner, "SMB", null, closed);

    [Fact]
    public void Weighted_DefaultProbabilities_AppliedPerStage()
    {
        var opps = new[]
        {
            Opp(OpportunityStage.Identified, 1000m, new DateOnly(2026, 10, 2)),
            Opp(OpportunityStage.Engaged, 1000m, new DateOnly(2026, 10, 2)),
            Opp(OpportunityStage.Qualified, 1000m, new DateOnly(2026, 10, 2)),
            Opp(OpportunityStage.Proposal, 1000m, new DateOnly(2026, 10, 2)),
            Opp(OpportunityStage.Negotiation, 1000m, new DateOnly(2026, 10, 2)),
            Opp(OpportunityStage.Negotiation, 1000m, new DateOnly(2027, 1, 2)),
        };

        Assert.Equal(100m + 200m + 400m + 600m + 800m, WeightedPipeline.Compute(opps, Q));
    }

    [Fact]
    public void WinRate_LastFourClosedQuarters_ByAmountAndRecommendedMultiple()
    {
        var opps = new[]
        {
            Opp(OpportunityStage.ClosedWon, 400m, new DateOnly(2026, 8, 1), closed: new DateOnly(2026, 8, 1)),
            Opp(OpportunityStage.ClosedLost, 600m, new DateOnly(2025, 11, 1), closed: new DateOnly(2025, 11, 1)),
            Opp(OpportunityStage.ClosedWon, 999m, new DateOnly(2025, 9, 1), closed: new DateOnly(2025, 9, 1)),   // 5 quarters back
            Opp(OpportunityStage.ClosedWon, 999m, new DateOnly(2026, 10, 5), closed: new DateOnly(2026, 10, 5)), // current quarter
        };

        var r = WinRate.Compute(opps, Q);

        Assert.Equal(40m, r.WinRate);
        Assert.Equal(2.5m, r.RecommendedMultiple);
        Assert.Equal([new Quarter(2025, 4), new Quarter(2026, 1), new Quarter(2026, 2), new Quarter(2026, 3)], r.Quarters);
    }

    [Fact]
    public void ByOwner_Quarter_OpenWeightedAndWon()
    {
        var opps = new[]
        {
            Opp(OpportunityStage.Proposal, 1000m, new DateOnly(2026, 11, 1), "Ana"),
            Opp(OpportunityStage.ClosedWon, 500m, new DateOnly(2026, 10, 1), "Ana", new DateOnly(2026, 10, 3)),
            Opp(OpportunityStage.Identified, 300m, new DateOnly(2026, 12, 1), "Ben"),
        };

        var rows = PipelineByOwner.Compute(opps, Q);

        Assert.Equal(new OwnerPipeline("Ana", 1000m, 600m, 500m, 1), rows[0]);
        Assert.Equal(new OwnerPipeline("Ben", 300m, 30m, 0m, 1), rows[1]);
    }
}
