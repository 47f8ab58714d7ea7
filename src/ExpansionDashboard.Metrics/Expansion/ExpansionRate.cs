using ExpansionDashboard.Metrics.Movements;

namespace ExpansionDashboard.Metrics.Expansion;

/// <summary>Expansion-rate thresholds in percent a month; healthy is 2–4 %, above 5 % exceptional.</summary>
public sealed record ExpansionRateThresholds(decimal HealthyLow = Defaults.ExpansionRateHealthyLow, decimal HealthyHigh = Defaults.ExpansionRateHealthyHigh, decimal Exceptional = Defaults.ExpansionRateExceptional)
{
    public static ExpansionRateThresholds Default { get; } = new();

    public Severity Classify(decimal? rate) => rate switch
    {
        null => Severity.None,
        var r when r >= HealthyLow => Severity.Good,
        _ => Severity.Watch,
    };
}

/// <summary>
/// Expansion rate for month t: account-level expansion MRR in t ÷ total MRR in t-1 × 100. Unit: percent per month.
/// </summary>
public static class ExpansionRate
{
    public const string Definition = "Expansion MRR in month t ÷ starting MRR (total MRR in t-1) × 100.";

    public const string Unit = "% per month";

    /// <summary>The rate from one month's movements; null when the starting MRR is zero.</summary>
    public static decimal? Of(MonthMovements movements)
    {
        ArgumentNullException.ThrowIfNull(movements);
        return movements.StartMrr > 0 ? movements.Expansion / movements.StartMrr * 100m : null;
    }

    /// <summary>Convenience: the rate for one month of the model.</summary>
    public static decimal? Compute(RevenueModel model, Month month, AccountFilter? filter = null)
    {
        var m = MrrMovements.ComputeMonth(model, month, filter);
        return m is null ? null : Of(m);
    }
}

/// <summary>Quick ratio: (New + Reactivation + Expansion) ÷ |Contraction + Churn|. Unit: ratio.</summary>
public static class QuickRatio
{
    public const string Definition = "(New + Reactivation + Expansion) ÷ (|Contraction| + |Churn|).";

    public const string Unit = "ratio";

    /// <summary>The quick ratio over the given months; null when there were no losses.</summary>
    public static decimal? Of(IEnumerable<MonthMovements> months)
    {
        var period = PeriodMovements.Of(months);
        return period.Lost > 0 ? period.Added / period.Lost : null;
    }
}
