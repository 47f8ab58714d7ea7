using ExpansionDashboard.Data.Alerts;
using ExpansionDashboard.Data.Overview;
using ExpansionDashboard.Data.Pipeline;
using ExpansionDashboard.Metrics.Alerts;

namespace ExpansionDashboard.Data.Review;

/// <summary>
/// A headline number of the deck now and as it read one period earlier. The period is the figure's own: a monthly or
/// trailing-12-month figure can only move from one month to the next, so it is compared with last month; coverage is
/// rebuilt from the pipeline of any day, so it is compared with a week ago.
/// </summary>
/// <param name="Since">What <paramref name="Previous"/> is: "last month" or "last week".</param>
public sealed record ReviewNumber(string Id, string Label, decimal? Value, decimal? Previous, string Since, string Unit, Severity Severity, string? Band, string? Note)
{
    public const string LastMonth = "last month";
    public const string LastWeek = "last week";

    public decimal? Change => Value is { } v && Previous is { } w ? v - w : null;
}

/// <param name="ExpansionRatePrevious">The segment's expansion rate the month before, for "vs last month".</param>
public sealed record SegmentReviewRow(string Segment, int Accounts, decimal Mrr, decimal? NrrT12m, decimal? GrrT12m, decimal? LogoRetentionT12m, decimal? ExpansionRate, CoverageResult Coverage,
    decimal? ExpansionRatePrevious = null);

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

    /// <summary>The data version the deck was built from: the projector polls it and reloads when the data moves.</summary>
    public long DataVersion { get; init; }

    /// <summary>The segment NRR benchmark bands in force (the admin's).</summary>
    public IReadOnlyList<SegmentNrrBand> NrrBands { get; init; } = SegmentNrrBands.Default;
}
