using ExpansionDashboard.Data.Alerts;
using ExpansionDashboard.Data.Overview;
using ExpansionDashboard.Data.Pipeline;
using ExpansionDashboard.Metrics.Alerts;

namespace ExpansionDashboard.Data.Review;

/// <summary>A headline number of the deck now and as it read a week earlier.</summary>
public sealed record ReviewNumber(string Id, string Label, decimal? Value, decimal? WeekAgo, string Unit, Severity Severity, string? Band, string? Note)
{
    public decimal? Change => Value is { } v && WeekAgo is { } w ? v - w : null;
}

public sealed record SegmentReviewRow(string Segment, int Accounts, decimal Mrr, decimal? NrrT12m, decimal? GrrT12m, decimal? LogoRetentionT12m, decimal? ExpansionRate, CoverageResult Coverage);

/// <summary>Everything the weekly review deck shows, as of one day.</summary>
public sealed record ReviewDeck(
    DateOnly Date,
    bool HasData,
    Month Month,
    Quarter Quarter,
    IReadOnlyList<ReviewNumber> Numbers,
    IReadOnlyList<TrendPoint> NrrTrend,
    NrrBridgeResult? Bridge,
    IReadOnlyList<SegmentReviewRow> Segments,
    CoverageResult CompanyCoverage,
    IReadOnlyList<CoverageResult> SegmentCoverage,
    IReadOnlyList<AlertFinding> CoverageFindings,
    decimal OnTrack,
    IReadOnlyList<OpenOpportunityRow> TopOpportunities,
    IReadOnlyList<AtRiskAccount> AtRisk,
    IReadOnlyList<AlertFiringRow> OpenAlerts)
{
    /// <summary>The NRR bands the deck was judged with (the admin's), for its chart and segment table.</summary>
    public NrrThresholds Nrr { get; init; } = NrrThresholds.Default;

    /// <summary>The segment NRR benchmark bands in force (the admin's).</summary>
    public IReadOnlyList<SegmentNrrBand> NrrBands { get; init; } = SegmentNrrBands.Default;
}
