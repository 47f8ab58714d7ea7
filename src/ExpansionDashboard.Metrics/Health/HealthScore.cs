namespace ExpansionDashboard.Metrics.Health;

/// <summary>One month's health signals for an account; null where the source has no value.</summary>
public sealed record HealthInput(
    double? UsageTrend,
    int? ActiveUsers,
    int? PreviousActiveUsers,
    int? SupportTickets,
    int? Nps,
    int? PaymentFailures,
    bool? ExecSponsorChange,
    bool? QbrAttended,
    double? PlanLimitUtilisation = null);

/// <summary>Factor weights (relative; they need not sum to 100). Admins can edit them.</summary>
public sealed record HealthWeights(
    decimal UsageTrend = Defaults.WeightUsageTrend,
    decimal ActiveUsers = Defaults.WeightActiveUsers,
    decimal SupportTickets = Defaults.WeightSupportTickets,
    decimal Nps = Defaults.WeightNps,
    decimal PaymentFailures = Defaults.WeightPaymentFailures,
    decimal ExecSponsorChange = Defaults.WeightExecSponsorChange,
    decimal QbrAttended = Defaults.WeightQbrAttended)
{
    public static HealthWeights Default { get; } = new();
}

/// <summary>Health bands: red below <see cref="Yellow"/>, yellow below <see cref="Green"/>, green from it.</summary>
public sealed record HealthThresholds(decimal Yellow = Defaults.HealthYellow, decimal Green = Defaults.HealthGreen)
{
    public static HealthThresholds Default { get; } = new();

    public HealthBand Classify(decimal score) => Band.Classify(score, HealthBand.Red, HealthBand.Red, (Green, HealthBand.Green), (Yellow, HealthBand.Yellow));

    public static Severity SeverityOf(HealthBand band) => Band.SeverityOf(band);
}

public enum HealthBand
{
    [Band("Red", Severity.Alert)] Red,
    [Band("Yellow", Severity.Watch)] Yellow,
    [Band("Green", Severity.Good)] Green,
}

/// <summary>A factor's sub-score (0–100), its weight and how many points of the final score it contributed.</summary>
public sealed record HealthFactor(string Name, decimal SubScore, decimal Weight, decimal Points, string Reading);

public sealed record HealthScoreResult(decimal Score, HealthBand Band, IReadOnlyList<HealthFactor> Factors);

/// <summary>
/// Health score 0–100: the weighted mean of factor sub-scores (each 0–100) over the factors the month has data
/// for; missing factors drop out and the remaining weights are rescaled. Each factor's points show what moved it.
/// </summary>
public static class HealthScore
{
    public const string Definition = "Weighted mean of factor sub-scores (usage trend, active users, tickets, NPS, payment failures, sponsor change, QBR) on 0–100.";

    public const string Unit = "score 0–100";

    public static HealthScoreResult Compute(HealthInput input, HealthWeights? weights = null, HealthThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        weights ??= HealthWeights.Default;
        thresholds ??= HealthThresholds.Default;
        var parts = new List<(string Name, decimal Sub, decimal Weight, string Reading)>();

        if (input.UsageTrend is { } trend)
        {
            // -30 % or worse → 0, flat → 50, +30 % or better → 100.
            parts.Add(("Usage trend", Clamp(50m + (decimal)trend * 100m / 0.6m), weights.UsageTrend, $"{trend:+0.0%;-0.0%;0%} usage"));
        }

        if (input.ActiveUsers is { } users && input.PreviousActiveUsers is { } before && before > 0)
        {
            var change = (decimal)(users - before) / before;
            parts.Add(("Active users", Clamp(50m + change * 250m), weights.ActiveUsers, $"{users} active users ({change:+0%;-0%;0%})"));
        }

        if (input.SupportTickets is { } tickets)
        {
            parts.Add(("Support tickets", Clamp(100m - tickets * 12.5m), weights.SupportTickets, $"{tickets} tickets"));
        }

        if (input.Nps is { } nps)
        {
            parts.Add(("NPS", Clamp((nps + 100m) / 2m), weights.Nps, $"NPS {nps}"));
        }

        if (input.PaymentFailures is { } failures)
        {
            parts.Add(("Payment failures", failures <= 0 ? 100m : failures == 1 ? 40m : 0m, weights.PaymentFailures, $"{failures} failed payments"));
        }

        if (input.ExecSponsorChange is { } sponsor)
        {
            parts.Add(("Executive sponsor", sponsor ? 0m : 100m, weights.ExecSponsorChange, sponsor ? "sponsor changed" : "sponsor unchanged"));
        }

        if (input.QbrAttended is { } qbr)
        {
            parts.Add(("QBR", qbr ? 100m : 30m, weights.QbrAttended, qbr ? "QBR attended" : "no QBR"));
        }

        var totalWeight = parts.Sum(p => p.Weight);
        if (totalWeight <= 0)
        {
            return new HealthScoreResult(0m, HealthBand.Red, []);
        }

        var factors = parts.Select(p => new HealthFactor(p.Name, p.Sub, p.Weight, p.Sub * p.Weight / totalWeight, p.Reading)).ToList();
        var score = factors.Sum(f => f.Points);
        return new HealthScoreResult(score, thresholds.Classify(score), factors.OrderBy(f => f.SubScore).ToList());
    }

    private static decimal Clamp(decimal v) => Math.Clamp(v, 0m, 100m);
}
