using ExpansionDashboard.Metrics.Billing;
using ExpansionDashboard.Metrics.Cohorts;
using ExpansionDashboard.Metrics.Currency;
using ExpansionDashboard.Metrics.Expansion;
using ExpansionDashboard.Metrics.Forecast;
using ExpansionDashboard.Metrics.Health;
using ExpansionDashboard.Metrics.Movements;
using ExpansionDashboard.Metrics.Pipeline;
using ExpansionDashboard.Metrics.Projections;
using ExpansionDashboard.Metrics.Retention;

namespace ExpansionDashboard.Metrics.Catalogue;

/// <summary>A metric's identity card: the id used by tiles and APIs, its name, definition and unit.</summary>
public sealed record MetricInfo(string Id, string Name, string Definition, string Unit);

/// <summary>Every metric the library computes; docs/metrics.md is checked against this list by a test.</summary>
public static class MetricCatalogue
{
    public static IReadOnlyList<MetricInfo> All { get; } =
    [
        new("invoice-mrr", "Invoice lines to MRR", InvoiceNormalisation.Definition, "MRR"),
        new("horizon", "The data's horizon", DataHorizon.Definition, "month"),
        new("fx", "Currencies and the FX movement", FxRates.Definition, "reporting currency per unit"),
        new("movements", "MRR movements", MrrMovements.Definition, MrrMovements.Unit),
        new("nrr", "Net Revenue Retention", NetRevenueRetention.Definition, NetRevenueRetention.Unit),
        new("grr", "Gross Revenue Retention", GrossRevenueRetention.Definition, GrossRevenueRetention.Unit),
        new("logo-retention", "Logo retention", LogoRetention.Definition, LogoRetention.Unit),
        new("nrr-bridge", "NRR bridge", NrrBridge.Definition, "MRR"),
        new("retention-breakdown", "Retention by group", RetentionBreakdown.Definition, "%"),
        new("expansion-rate", "Expansion rate", ExpansionRate.Definition, ExpansionRate.Unit),
        new("expansion-share", "Expansion share of new ARR", ExpansionShare.Definition, ExpansionShare.Unit),
        new("average-expansion", "Average expansion amount", AverageExpansion.Definition, AverageExpansion.Unit),
        new("quick-ratio", "Quick ratio", QuickRatio.Definition, QuickRatio.Unit),
        new("time-to-first-expansion", "Time to first expansion", TimeToFirstExpansion.Definition, TimeToFirstExpansion.Unit),
        new("expansion-maturity", "Expansion maturity stage", ExpansionMaturity.Definition, "stage 1–5"),
        new("cohorts", "Cohort retention matrix", CohortMatrix.Definition, CohortMatrix.Unit),
        new("coverage", "Pipeline coverage", PipelineCoverage.Definition, PipelineCoverage.Unit),
        new("weighted-pipeline", "Weighted pipeline", WeightedPipeline.Definition, WeightedPipeline.Unit),
        new("win-rate", "Historical win rate and recommended multiple", WinRate.Definition, "% / x"),
        new("stage-conversion", "Historical stage conversion", StageConversion.Definition, StageConversion.Unit),
        new("expansion-forecast", "Expansion forecast", ExpansionForecast.Definition, ExpansionForecast.Unit),
        new("forecast-backtest", "Forecast backtest", ForecastBacktest.Definition, "% error"),
        new("coverage-planner", "What-if coverage planner", CoveragePlanner.Definition, "x / ARR"),
        new("motion-analytics", "Motion analytics", MotionAnalytics.Definition, "% / ARR / days / months"),
        new("segment-nrr-bands", "Segment NRR benchmark bands", SegmentNrrBands.Definition, "%"),
        new("health-score", "Health score", HealthScore.Definition, HealthScore.Unit),
        new("red-health-share", "Red-health share", RedHealthShare.Definition, RedHealthShare.Unit),
        new("at-risk", "At-risk accounts", AtRisk.Definition, AtRisk.Unit),
        new("expansion-candidates", "Expansion candidates", ExpansionCandidates.Definition, ExpansionCandidates.Unit),
        new("month-summary", "Month summary", Summary.MonthSummary.Definition, "MRR / % / x"),
        new("nrr-projection", "NRR compounding projection", NrrProjection.Definition, NrrProjection.Unit),
    ];
}
