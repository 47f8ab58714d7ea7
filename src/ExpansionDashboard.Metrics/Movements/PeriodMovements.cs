namespace ExpansionDashboard.Metrics.Movements;

/// <summary>
/// A period's movements summed: what it added (New + Reactivation + Expansion), the expansion part of that, and what it
/// lost (|Contraction| + |Churn|). The ratios over a period (quick ratio, expansion share) are built from these.
/// </summary>
public readonly record struct PeriodMovements(decimal Added, decimal Expansion, decimal Lost)
{
    /// <summary>Sums the given months.</summary>
    public static PeriodMovements Of(IEnumerable<MonthMovements> months)
    {
        ArgumentNullException.ThrowIfNull(months);
        decimal added = 0, expansion = 0, lost = 0;
        foreach (var m in months)
        {
            added += m.New + m.Reactivation + m.Expansion;
            expansion += m.Expansion;
            lost += Math.Abs(m.Contraction) + Math.Abs(m.Churn);
        }

        return new(added, expansion, lost);
    }
}
