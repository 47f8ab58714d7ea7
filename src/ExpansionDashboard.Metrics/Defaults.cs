using ExpansionDashboard.Metrics.Retention;

namespace ExpansionDashboard.Metrics;

/// <summary>
/// Every default threshold and band of the metric contract in one place. Settings, alert rules, the read side and
/// the pages refer to these, so changing a default here changes it everywhere (and nowhere else has to agree).
/// Constants, so they can also serve as default parameter values of the threshold records.
/// </summary>
public static class Defaults
{
    /// <summary>Coverage at or above this multiple is on track (x).</summary>
    public const decimal CoverageOnTrack = 3.0m;

    /// <summary>Coverage below this multiple is an alert; between it and <see cref="CoverageOnTrack"/> is watch (x).</summary>
    public const decimal CoverageAlert = 2.5m;

    /// <summary>NRR at or above this is world class (%).</summary>
    public const decimal NrrWorldClass = 120m;

    /// <summary>NRR at or above this is strong (%); also the default T12M NRR alert line.</summary>
    public const decimal NrrStrong = 100m;

    /// <summary>NRR at or above this (and below strong) needs improvement; below it is critical (%).</summary>
    public const decimal NrrNeedsImprovement = 90m;

    /// <summary>The default T12M GRR alert line (%).</summary>
    public const decimal GrrAlert = 90m;

    /// <summary>Expansion rate from this is healthy (% a month).</summary>
    public const decimal ExpansionRateHealthyLow = 2m;

    /// <summary>Top of the healthy expansion-rate band (% a month).</summary>
    public const decimal ExpansionRateHealthyHigh = 4m;

    /// <summary>Expansion rate above this is exceptional (% a month).</summary>
    public const decimal ExpansionRateExceptional = 5m;

    /// <summary>Health score from this is yellow; below it red (0–100).</summary>
    public const decimal HealthYellow = 40m;

    /// <summary>Health score from this is green (0–100): 70 is green on every page.</summary>
    public const decimal HealthGreen = 70m;

    /// <summary>Share of MRR in red-health accounts above which the default alert fires (%).</summary>
    public const decimal RedHealthShareAlert = 15m;

    /// <summary>Plan-limit utilisation from which an account is an expansion candidate whatever its score (0–1).</summary>
    public const double CandidatePlanLimit = 0.8;

    /// <summary>Usage counts as falling when the last two months' trends are both negative and add up to this or less.</summary>
    public const double AtRiskUsageFall = -0.10;

    /// <summary>Contraction above this multiple of its recent average is a spike.</summary>
    public const decimal ContractionSpikeMultiple = 1.5m;

    /// <summary>Months the contraction average is taken over.</summary>
    public const int ContractionAverageMonths = 6;

    /// <summary>Health factor weights (relative).</summary>
    public const decimal WeightUsageTrend = 25m, WeightActiveUsers = 15m, WeightSupportTickets = 10m, WeightNps = 20m,
        WeightPaymentFailures = 15m, WeightExecSponsorChange = 10m, WeightQbrAttended = 5m;

    /// <summary>Segment NRR benchmark bands: Enterprise 110–130 %, SMB 95–110 %.</summary>
    public static IReadOnlyList<SegmentNrrBand> SegmentNrrBands { get; } =
    [
        new("Enterprise", 110m, 130m),
        new("SMB", 95m, 110m),
    ];
}
