using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Pipeline;

namespace ExpansionDashboard.Metrics.Tests.Pipeline;

public class OpportunityHistoryTests
{
    private static readonly Quarter Q = Quarter.Parse("2026-Q4");

    private static OpportunityInput Opp(string id, OpportunityStage stage, decimal amount, string created, string? closed) =>
        new(id, "a", id, OpportunityType.Upsell, stage, amount, Q.FirstDay.AddDays(60), "o", "SMB", DateOnly.Parse(created, System.Globalization.CultureInfo.InvariantCulture),
            closed is null ? null : DateOnly.Parse(closed, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void AsOf_PastDay_LaterOppsGoneLaterClosesReopenedEarlierClosesKept()
    {
        OpportunityInput[] opps =
        [
            Opp("open-old", OpportunityStage.Proposal, 100m, "2026-09-01", null),
            Opp("created-later", OpportunityStage.Qualified, 200m, "2026-11-20", null),
            Opp("won-later", OpportunityStage.ClosedWon, 300m, "2026-10-01", "2026-11-18"),
            Opp("won-before", OpportunityStage.ClosedWon, 400m, "2026-10-01", "2026-11-02"),
        ];

        var then = OpportunityHistory.AsOf(opps, new DateOnly(2026, 11, 16));

        Assert.Equal(["open-old", "won-later", "won-before"], then.Select(o => o.Id));
        Assert.True(then.Single(o => o.Id == "won-later").IsOpen);
        Assert.Equal(OpportunityStage.ClosedWon, then.Single(o => o.Id == "won-before").Stage);
        var target = new TargetInput(Q, null, 1_000m);
        var coverage = PipelineCoverage.Compute(then, [target], Q, null, CoverageThresholds.Default);
        Assert.Equal(400m, coverage.OpenPipeline);
        Assert.Equal(400m, coverage.ClosedWon);
        Assert.Equal(400m / 600m, coverage.Coverage);
    }

    [Fact]
    public void AsOf_Today_EqualsTheCurrentPipeline()
    {
        OpportunityInput[] opps = [Opp("x", OpportunityStage.ClosedLost, 10m, "2026-10-01", "2026-11-01"), Opp("y", OpportunityStage.Engaged, 20m, "2026-10-01", null)];

        Assert.Equal(opps, OpportunityHistory.AsOf(opps, new DateOnly(2026, 11, 23)));
    }
}
