using ExpansionDashboard.Metrics.Alerts;
using ExpansionDashboard.Metrics.Bands;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Movements;
using ExpansionDashboard.Metrics.Pipeline;

namespace ExpansionDashboard.Metrics.Tests.Alerts;

public class ThresholdAlertsTests
{
    private static readonly Quarter Q = Quarter.Parse("2026-Q4");

    private static MonthMovements Month(int i, decimal contraction) =>
        new(new Month(2026, i), 1000m, 0m, 0m, 0m, -contraction, 0m, 1000m - contraction, new ExpansionByType(0m, 0m, 0m, 0m), 0, 0, 0, 0, 0);

    private static CoverageResult Coverage(string? segment, decimal open, decimal target) =>
        PipelineCoverage.Compute(
            [new OpportunityInput("o", "a", "n", OpportunityType.Upsell, OpportunityStage.Proposal, open, Q.FirstDay.AddDays(5), "owner", segment ?? "SMB")],
            [new TargetInput(Q, segment, target)], Q, segment, CoverageThresholds.Default);

    [Fact]
    public void Evaluate_HealthyInputs_NoFindings()
    {
        var inputs = new AlertInputs(105m, 92m, 2.5m, [Month(1, 10m), Month(2, 10m)], [Coverage("SMB", 3_100m, 1_000m)]);

        Assert.Empty(ThresholdAlerts.Evaluate(inputs, CoverageThresholds.Default));
    }

    [Fact]
    public void Evaluate_CoverageBelowAlertLine_RedFindingForTheSegment()
    {
        var inputs = new AlertInputs(null, null, null, [], [Coverage("SMB", 2_400m, 1_000m), Coverage("Enterprise", 2_700m, 1_000m)]);

        var findings = ThresholdAlerts.Evaluate(inputs, CoverageThresholds.Default);

        Assert.Equal(2, findings.Count);
        var smb = findings[0];
        Assert.Equal((ThresholdAlerts.Coverage, "SMB", 2.4m, 2.5m, Severity.Alert), (smb.RuleId, smb.Scope, smb.Value, smb.Threshold, smb.Severity));
        Assert.Equal((ThresholdAlerts.Coverage, "Enterprise", Severity.Watch, 3.0m), (findings[1].RuleId, findings[1].Scope, findings[1].Severity, findings[1].Threshold));
    }

    [Fact]
    public void Evaluate_RetentionAndExpansionBelowLines_OneFindingEach()
    {
        var inputs = new AlertInputs(99.9m, 89.9m, 1.99m, [], []);

        var ids = ThresholdAlerts.Evaluate(inputs, CoverageThresholds.Default).Select(f => f.RuleId).ToHashSet();

        Assert.Equal(new HashSet<string> { ThresholdAlerts.NrrT12m, ThresholdAlerts.GrrT12m, ThresholdAlerts.ExpansionRate }, ids);
    }

    [Fact]
    public void Evaluate_ValuesExactlyOnTheLines_NoFindings()
    {
        var inputs = new AlertInputs(100m, 90m, 2m, [], [Coverage("SMB", 3_000m, 1_000m)]);

        Assert.Empty(ThresholdAlerts.Evaluate(inputs, CoverageThresholds.Default));
    }

    [Theory]
    [InlineData(150, false)]
    [InlineData(151, true)]
    public void Evaluate_ContractionAgainstSixMonthAverage_FiresAboveOnePointFiveTimes(int latest, bool fires)
    {
        // Six previous months averaging 100 (the oldest month, 500, is outside the window).
        var months = new[] { Month(1, 500m), Month(2, 50m), Month(3, 150m), Month(4, 100m), Month(5, 100m), Month(6, 80m), Month(7, 120m), Month(8, latest) };

        var findings = ThresholdAlerts.Evaluate(new AlertInputs(null, null, null, months, []), CoverageThresholds.Default);

        Assert.Equal(fires, findings.Any(f => f.RuleId == ThresholdAlerts.ContractionSpike && f.Threshold == 150m));
    }
}
