using ExpansionDashboard.Metrics.Movements;

namespace ExpansionDashboard.Data.Overview;

/// <summary>One headline tile: the value, its unit, severity and band word (from the metrics library), and a hint.</summary>
public sealed record KpiView(string Id, string Label, decimal? Value, string Unit, Severity Severity, string? BandLabel, string? Hint);

public sealed record TrendPoint(Month Month, decimal? Value);

/// <summary>One segment's expansion rate in the reporting month, judged against the healthy band.</summary>
public sealed record SegmentExpansion(string Segment, decimal? Rate, Severity Severity);

/// <summary>One headline figure now and a month earlier.</summary>
public sealed record KpiChange(string Id, string Label, decimal? Previous, decimal? Current, string Unit)
{
    /// <summary>Current − previous (percentage points for percentages); null when either side is missing.</summary>
    public decimal? Delta => Current is { } c && Previous is { } p ? c - p : null;
}

/// <summary>An account whose MRR moved most this month.</summary>
public sealed record AccountMover(string AccountId, string Name, string Segment, Metrics.Movements.MovementKind Kind, decimal Previous, decimal Current)
{
    public decimal Change => Current - Previous;
}

/// <summary>What changed since the previous month: the headline deltas, this month's movements and the biggest movers.</summary>
public sealed record MonthChanges(Month Previous, Month Current, IReadOnlyList<KpiChange> Kpis, MonthMovements? Movements, IReadOnlyList<AccountMover> Gainers, IReadOnlyList<AccountMover> Losers);

public sealed record OverviewView(
    bool HasData,
    Month AsOf,
    Quarter Quarter,
    KpiView Mrr,
    KpiView Arr,
    KpiView NrrT12m,
    KpiView GrrT12m,
    KpiView NrrMonthly,
    KpiView LogoRetentionT12m,
    KpiView QuickRatio,
    KpiView ExpansionRate,
    KpiView Coverage,
    CoverageResult CompanyCoverage,
    IReadOnlyList<CoverageResult> SegmentCoverage,
    IReadOnlyList<TrendPoint> MrrTrend,
    IReadOnlyList<TrendPoint> NrrTrend,
    IReadOnlyList<Metrics.Alerts.AlertFinding> Alerts,
    MonthChanges? Changes,
    IReadOnlyList<SegmentExpansion> ExpansionBySegment,
    KpiView MaturityStage);
