using ExpansionDashboard.Metrics.Movements;

namespace ExpansionDashboard.Metrics.Expansion;

/// <summary>
/// Expansion share of new ARR over a period: Expansion ÷ (New + Reactivation + Expansion) × 100. Unit: percent.
/// Null when the period added no revenue.
/// </summary>
public static class ExpansionShare
{
    public const string Definition = "Expansion MRR ÷ (New + Reactivation + Expansion MRR) over the period × 100.";

    public const string Unit = "%";

    /// <summary>The share over the given months.</summary>
    public static decimal? Of(IEnumerable<MonthMovements> months)
    {
        var period = PeriodMovements.Of(months);
        return period.Added > 0 ? period.Expansion / period.Added * 100m : null;
    }
}

/// <summary>
/// Expansion-maturity stage 1–5 from expansion share of new ARR and NRR: 5 when ≥ 70 % and ≥ 130 %, 4 when
/// ≥ 60 % and ≥ 120 %, 3 when ≥ 40 % and ≥ 115 %, 2 when ≥ 20 % and ≥ 105 %, else 1. Both conditions must hold.
/// </summary>
public static class ExpansionMaturity
{
    public const string Definition = "Stage 1–5 from expansion share of new ARR and trailing-12-month NRR (both thresholds must be met).";

    private static readonly (int Stage, decimal Share, decimal Nrr)[] Stages = [(5, 70m, 130m), (4, 60m, 120m), (3, 40m, 115m), (2, 20m, 105m)];

    /// <summary>The stage; 1 when either input is unknown.</summary>
    public static int Stage(decimal? expansionSharePercent, decimal? nrrPercent)
    {
        if (expansionSharePercent is not { } share || nrrPercent is not { } nrr)
        {
            return 1;
        }

        foreach (var s in Stages)
        {
            if (share >= s.Share && nrr >= s.Nrr)
            {
                return s.Stage;
            }
        }

        return 1;
    }
}
