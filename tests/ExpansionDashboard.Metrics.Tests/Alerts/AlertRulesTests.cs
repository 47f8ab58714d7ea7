using ExpansionDashboard.Metrics.Alerts;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Movements;

namespace ExpansionDashboard.Metrics.Tests.Alerts;

public class AlertRulesTests
{
    [Theory]
    [InlineData(AlertMetric.Coverage, 2.49, 2.5, true)]
    [InlineData(AlertMetric.Coverage, 2.5, 2.5, false)]
    [InlineData(AlertMetric.NrrT12m, 99.99, 100, true)]
    [InlineData(AlertMetric.GrrT12m, 90, 90, false)]
    [InlineData(AlertMetric.ExpansionRate, 1.2, 2, true)]
    [InlineData(AlertMetric.RedHealthShare, 15.01, 15, true)]
    [InlineData(AlertMetric.RedHealthShare, 14, 15, false)]
    [InlineData(AlertMetric.ContractionSpike, 1.5, 1.5, false)]
    [InlineData(AlertMetric.ContractionSpike, 1.51, 1.5, true)]
    public void Breaches_ValueAgainstLine_FiresStrictlyPastTheLineInTheMetricsDirection(AlertMetric metric, double value, double line, bool fires) =>
        Assert.Equal(fires, AlertRules.Breaches(metric, (decimal)value, (decimal)line));

    [Fact]
    public void Breaches_NoValue_NeverFires()
    {
        Assert.False(AlertRules.Breaches(AlertMetric.Coverage, null, 2.5m));
        Assert.False(AlertRules.Breaches(AlertMetric.RedHealthShare, null, 0.1m));
    }

    [Fact]
    public void Defaults_ContractsRules_WithTheirLinesAndSeverities()
    {
        var d = AlertRules.Defaults;

        Assert.Contains(d, r => r.Metric == AlertMetric.Coverage && r.Scope == Scope.EachSegment && r.Threshold == 2.5m && r.Severity == AlertSeverity.Alert);
        Assert.Contains(d, r => r.Metric == AlertMetric.Coverage && r.Scope.IsCompany && r.Threshold == 2.5m);
        Assert.Contains(d, r => r.Metric == AlertMetric.NrrT12m && r.Threshold == 100m);
        Assert.Contains(d, r => r.Metric == AlertMetric.ExpansionRate && r.Threshold == 2m);
        Assert.Contains(d, r => r.Metric == AlertMetric.GrrT12m && r.Threshold == 90m);
        Assert.Contains(d, r => r.Metric == AlertMetric.RedHealthShare && r.Threshold == 15m);
        Assert.Contains(d, r => r.Metric == AlertMetric.ContractionSpike && r.Threshold == 1.5m);
        Assert.Equal(Enum.GetValues<AlertMetric>().Length, d.Select(r => r.Metric).Distinct().Count());
    }

    [Fact]
    public void ContractionRatio_SixMonthAverage_ExcludesTheCurrentMonth()
    {
        static MonthMovements M(int i, decimal c) =>
            new(new Month(2026, i), 0m, 0m, 0m, 0m, -c, 0m, 0m, new ExpansionByType(0m, 0m, 0m, 0m), 0, 0, 0, 0, 0);
        var months = new[] { M(1, 999m), M(2, 50m), M(3, 150m), M(4, 100m), M(5, 100m), M(6, 80m), M(7, 120m), M(8, 180m) };

        Assert.Equal(1.8m, AlertRules.ContractionRatio(months));
        Assert.Null(AlertRules.ContractionRatio(months.Take(6).ToList()));
    }
}
