namespace ExpansionDashboard.Metrics.Health;

/// <summary>One account's stored health signals for one month, as the store loads them; null where the source has no value.</summary>
public sealed record HealthSignalInput(
    string AccountId,
    Month Month,
    double? UsageTrend,
    int? ActiveUsers,
    int? SupportTickets,
    int? Nps,
    int? PaymentFailures,
    bool? ExecSponsorChange,
    bool? QbrAttended,
    double? PlanLimitUtilisation);

/// <summary>One account's health score in a month, with the plan-limit reading candidates use and the usage trend this and last month.</summary>
public sealed record AccountHealth(HealthScoreResult Score, double? PlanLimitUtilisation, double? UsageTrend = null, double? PreviousUsageTrend = null);

/// <summary>Every scored account in one month (the latest with signals on or before the month asked for).</summary>
public sealed record HealthMonth(Month Month, IReadOnlyDictionary<string, AccountHealth> Scores)
{
    /// <summary>
    /// Scores each account in the latest month with signals on or before <paramref name="asOf"/>; the month before
    /// supplies the previous active users (the active-users factor) and the previous usage trend (the at-risk rule).
    /// Null without signals by then.
    /// </summary>
    public static HealthMonth? Latest(IEnumerable<HealthSignalInput> signals, Month asOf, HealthWeights? weights = null, HealthThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var upTo = signals.Where(s => s.Month <= asOf).ToList();
        if (upTo.Count == 0)
        {
            return null;
        }

        var latest = upTo.Max(s => s.Month);
        var previous = latest.AddMonths(-1);
        var before = upTo.Where(s => s.Month == previous).GroupBy(s => s.AccountId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var scores = new Dictionary<string, AccountHealth>(StringComparer.Ordinal);
        foreach (var s in upTo.Where(s => s.Month == latest))
        {
            var prior = before.GetValueOrDefault(s.AccountId);
            scores[s.AccountId] = new AccountHealth(HealthScore.Compute(ToInput(s, prior?.ActiveUsers), weights, thresholds), s.PlanLimitUtilisation, s.UsageTrend, prior?.UsageTrend);
        }

        return new HealthMonth(latest, scores);
    }

    /// <summary>The health input of one month's signals; the previous active users come from the month before, if any.</summary>
    public static HealthInput ToInput(HealthSignalInput s, int? previousActiveUsers)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new HealthInput(s.UsageTrend, s.ActiveUsers, previousActiveUsers, s.SupportTickets, s.Nps, s.PaymentFailures, s.ExecSponsorChange, s.QbrAttended, s.PlanLimitUtilisation);
    }
}
