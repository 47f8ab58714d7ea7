using ExpansionDashboard.Metrics.Alerts;
using ExpansionDashboard.Metrics.Bands;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Pipeline;

namespace ExpansionDashboard.Metrics.Tests.Alerts;

public class AlertEvaluationTests
{
    private static readonly AlertRuleDefinition CompanyCoverage = new(1, "Coverage below 2.5x (company)", AlertMetric.Coverage, Scope.Company, 2.5m, AlertSeverity.Alert);
    private static readonly AlertRuleDefinition EachCoverage = new(2, "Coverage below 2.5x (each segment)", AlertMetric.Coverage, Scope.EachSegment, 2.5m, AlertSeverity.Alert);
    private static readonly AlertRuleDefinition Nrr = new(3, "T12M NRR below 100 %", AlertMetric.NrrT12m, Scope.Company, 100m, AlertSeverity.Alert);
    private static readonly AlertRuleDefinition SmbNrr = new(4, "SMB NRR below 95 %", AlertMetric.NrrT12m, Scope.Of("SMB"), 95m, AlertSeverity.Watch);
    private static readonly string[] Segments = ["Enterprise", "SMB"];

    [Fact]
    public void Plan_NoSegmentInView_CompanyEachSegmentAndOneSegmentAsStored()
    {
        var plan = AlertEvaluation.Plan([CompanyCoverage, EachCoverage, Nrr, SmbNrr], Segments);

        Assert.Equal(
            [(1, Scope.Company), (2, Scope.Of("Enterprise")), (2, Scope.Of("SMB")), (3, Scope.Company), (4, Scope.Of("SMB"))],
            plan.Select(p => (p.Rule.Id, p.Scope)));
    }

    [Fact]
    public void Plan_SmbView_SpecificRulesReplaceTheCompanyRuleForTheSameMetric()
    {
        var plan = AlertEvaluation.Plan([CompanyCoverage, EachCoverage, Nrr, SmbNrr], Segments, "SMB");

        // Coverage: the each-segment rule judges SMB, the company rule steps aside; NRR: the SMB rule does.
        Assert.Equal([(2, Scope.Of("SMB")), (4, Scope.Of("SMB"))], plan.Select(p => (p.Rule.Id, p.Scope)));
    }

    [Fact]
    public void Plan_EnterpriseView_CompanyRuleJudgesTheSegmentWhenNoSpecificRuleExists()
    {
        var plan = AlertEvaluation.Plan([CompanyCoverage, Nrr, SmbNrr], Segments, "Enterprise");

        Assert.Equal([(1, Scope.Of("Enterprise")), (3, Scope.Of("Enterprise"))], plan.Select(p => (p.Rule.Id, p.Scope)));
    }

    [Fact]
    public void Evaluate_CoverageBelowLine_FindingWithValuesInItsMessage()
    {
        var f = AlertEvaluation.Evaluate(EachCoverage, Scope.Of("SMB"), new AlertReading(1.94m, "2026-Q4"));

        Assert.NotNull(f);
        Assert.Equal((2, AlertMetric.Coverage, Scope.Of("SMB"), 1.94m, 2.5m, AlertSeverity.Alert, "2026-Q4"), (f.RuleId, f.Metric, f.Scope, f.Value, f.Threshold, f.Severity, f.Period));
        Assert.Equal("SMB coverage for 2026-Q4 is 1.9x, below 2.5x", f.Message);
        Assert.Equal("coverage", f.MetricSlug);
    }

    [Theory]
    [InlineData(2.5, false)]
    [InlineData(3.1, false)]
    [InlineData(null, false)]
    [InlineData(2.49, true)]
    public void Evaluate_OnTheLineAboveOrNoValue_FiresOnlyStrictlyBelow(double? value, bool fires) =>
        Assert.Equal(fires, AlertEvaluation.Evaluate(CompanyCoverage, Scope.Company, new AlertReading((decimal?)value, "2026-Q4")) is not null);

    [Fact]
    public void Message_EachMetric_NamesScopeValueLineAndPeriodInvariantly()
    {
        Assert.Equal("Company trailing-12-month NRR is 98.4 %, below 100 % (2026-11)", AlertEvaluation.Message(AlertMetric.NrrT12m, Scope.Company, 98.44m, 100m, "2026-11"));
        Assert.Equal("Enterprise trailing-12-month GRR is 88.0 %, below 90 % (2026-11)", AlertEvaluation.Message(AlertMetric.GrrT12m, Scope.Of("Enterprise"), 88m, 90m, "2026-11"));
        Assert.Equal("Company expansion rate in 2026-11 is 1.25 %, below 2 % a month", AlertEvaluation.Message(AlertMetric.ExpansionRate, Scope.Company, 1.25m, 2m, "2026-11"));
        Assert.Equal("SMB: 17.5 % of MRR is in red-health accounts, above 15 % (2026-10)", AlertEvaluation.Message(AlertMetric.RedHealthShare, Scope.Of("SMB"), 17.5m, 15m, "2026-10"));
        Assert.Equal("Company contraction in 2026-11 is 1.8× its 6-month average, above 1.5×", AlertEvaluation.Message(AlertMetric.ContractionSpike, Scope.Company, 1.8m, 1.5m, "2026-11"));
    }

    [Fact]
    public void CoverageTile_TargetMetWithoutFinding_GoodAndTargetMet() =>
        Assert.Equal((Severity.Good, "Target met"), AlertEvaluation.CoverageTile(CoverageBand.TargetMet, null));

    [Fact]
    public void CoverageTile_RuleFires_TheRulesSeverityWhateverTheBand()
    {
        var watchRule = EachCoverage with { Threshold = 3.5m, Severity = AlertSeverity.Watch };
        var finding = AlertEvaluation.Evaluate(watchRule, Scope.Company, new AlertReading(3.2m, "2026-Q4"));

        Assert.Equal((Severity.Watch, "Watch"), AlertEvaluation.CoverageTile(CoverageBand.OnTrack, finding));
        Assert.Equal((Severity.Alert, "Alert"), AlertEvaluation.CoverageTile(CoverageBand.Alert, AlertEvaluation.Evaluate(CompanyCoverage, Scope.Company, new AlertReading(2m, "2026-Q4"))));
    }

    [Fact]
    public void CoverageTile_RedBandButNoRuleFires_ReadsWatch() =>
        Assert.Equal((Severity.Watch, "Watch"), AlertEvaluation.CoverageTile(CoverageBand.Alert, null));

    [Fact]
    public void Ordered_MixedFindings_AlertsFirstThenMetricThenCompanyBeforeSegments()
    {
        var a = AlertEvaluation.Evaluate(EachCoverage, Scope.Of("SMB"), new AlertReading(1m, "2026-Q4"))!;
        var b = AlertEvaluation.Evaluate(CompanyCoverage, Scope.Company, new AlertReading(2m, "2026-Q4"))!;
        var c = AlertEvaluation.Evaluate(SmbNrr, Scope.Of("SMB"), new AlertReading(90m, "2026-11"))!;

        Assert.Equal([b, a, c], AlertEvaluation.Ordered([c, a, b]));
    }

    [Fact]
    public void AlertSeverities_Keys_RoundTripAndUnknownIsRefused()
    {
        Assert.Equal(("watch", "alert"), (AlertSeverity.Watch.Key(), AlertSeverity.Alert.Key()));
        Assert.True(AlertSeverities.TryParse("Watch", out var w) && w == AlertSeverity.Watch);
        Assert.False(AlertSeverities.TryParse("loud", out _));
    }
}
