using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Pipeline;

namespace ExpansionDashboard.Metrics.Tests.Pipeline;

public class PipelineCoverageTests
{
    private static readonly Quarter Q = new(2026, 4);

    private static OpportunityInput Opp(string id, OpportunityStage stage, decimal amount, DateOnly close, string segment = "SMB", DateOnly? closed = null) =>
        new(id, "acc", id, OpportunityType.Upsell, stage, amount, close, "Owner", segment, null, closed);

    [Fact]
    public void Compute_OpenAndWonInQuarter_CoverageIsOpenOverRemaining()
    {
        var opps = new[]
        {
            Opp("o1", OpportunityStage.Qualified, 200_000m, new DateOnly(2026, 11, 15)),
            Opp("o2", OpportunityStage.Negotiation, 120_000m, new DateOnly(2026, 12, 31)),
            Opp("o3", OpportunityStage.Proposal, 999_000m, new DateOnly(2027, 1, 1)),   // next quarter: not counted
            Opp("w1", OpportunityStage.ClosedWon, 50_000m, new DateOnly(2026, 10, 1), closed: new DateOnly(2026, 10, 20)),
            Opp("w2", OpportunityStage.ClosedWon, 70_000m, new DateOnly(2026, 12, 1), closed: new DateOnly(2026, 9, 30)), // closed last quarter
            Opp("l1", OpportunityStage.ClosedLost, 80_000m, new DateOnly(2026, 11, 1), closed: new DateOnly(2026, 11, 2)),
        };
        var targets = new[] { new TargetInput(Q, null, 150_000m) };

        var r = PipelineCoverage.Compute(opps, targets, Q);

        Assert.Equal(320_000m, r.OpenPipeline);
        Assert.Equal(50_000m, r.ClosedWon);
        Assert.Equal(100_000m, r.RemainingTarget);
        Assert.Equal(3.2m, r.Coverage);
        Assert.Equal(320_000m / 150_000m, r.GrossCoverage);
        Assert.Equal(CoverageBand.OnTrack, r.Band);
        Assert.Equal(2, r.OpenCount);
    }

    [Theory]
    [InlineData(300, CoverageBand.OnTrack)]
    [InlineData(299, CoverageBand.Watch)]
    [InlineData(250, CoverageBand.Watch)]
    [InlineData(249, CoverageBand.Alert)]
    public void Compute_Bands_FollowDefaults(int open, CoverageBand expected)
    {
        var opps = new[] { Opp("o", OpportunityStage.Identified, open, new DateOnly(2026, 10, 5)) };

        var r = PipelineCoverage.Compute(opps, [new TargetInput(Q, null, 100m)], Q);

        Assert.Equal(expected, r.Band);
    }

    [Fact]
    public void Compute_ClosedWonReachesTarget_TargetMetWithoutRatio()
    {
        var opps = new[]
        {
            Opp("w", OpportunityStage.ClosedWon, 200m, new DateOnly(2026, 10, 5), closed: new DateOnly(2026, 10, 5)),
            Opp("o", OpportunityStage.Engaged, 10m, new DateOnly(2026, 10, 5)),
        };

        var r = PipelineCoverage.Compute(opps, [new TargetInput(Q, null, 200m)], Q);

        Assert.Equal(CoverageBand.TargetMet, r.Band);
        Assert.Null(r.Coverage);
        Assert.Equal(0.05m, r.GrossCoverage);
        Assert.Equal("target-met", CoverageThresholds.Slug(r.Band));
    }

    [Fact]
    public void Compute_Segment_UsesSegmentTargetAndOpportunities()
    {
        var opps = new[]
        {
            Opp("a", OpportunityStage.Identified, 100m, new DateOnly(2026, 10, 5), "Enterprise"),
            Opp("b", OpportunityStage.Identified, 900m, new DateOnly(2026, 10, 5), "SMB"),
        };
        var targets = new[] { new TargetInput(Q, "Enterprise", 50m), new TargetInput(Q, "SMB", 100m) };

        var ent = PipelineCoverage.Compute(opps, targets, Q, "Enterprise");
        var all = PipelineCoverage.Compute(opps, targets, Q);

        Assert.Equal(2m, ent.Coverage);
        Assert.Equal(CoverageBand.Alert, ent.Band);
        Assert.Equal(150m, all.Target);
        Assert.Equal(1000m / 150m, all.Coverage);
    }

    [Fact]
    public void Compute_NoTarget_NoTargetBand()
    {
        var r = PipelineCoverage.Compute([Opp("a", OpportunityStage.Identified, 100m, new DateOnly(2026, 10, 5))], [], Q);

        Assert.Equal(CoverageBand.NoTarget, r.Band);
        Assert.Null(r.Coverage);
    }

    [Fact]
    public void ShortfallTo_AlertBand_IsMoneyToReachMultiple()
    {
        var r = PipelineCoverage.Compute([Opp("a", OpportunityStage.Identified, 200m, new DateOnly(2026, 10, 5))], [new TargetInput(Q, null, 100m)], Q);

        Assert.Equal(100m, r.ShortfallTo(3.0m));
    }

    [Theory]
    [InlineData("Closed Won", OpportunityStage.ClosedWon)]
    [InlineData("closed-lost", OpportunityStage.ClosedLost)]
    [InlineData("Negotiation", OpportunityStage.Negotiation)]
    public void StageNames_TryParse_AcceptsContractSpellings(string text, OpportunityStage expected)
    {
        Assert.True(StageNames.TryParse(text, out var stage));
        Assert.Equal(expected, stage);
    }
}
