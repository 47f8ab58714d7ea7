namespace ExpansionDashboard.Metrics.Retention;

/// <summary>
/// The cohort sums behind NRR, GRR and logo retention for a window from <see cref="Start"/> to <see cref="End"/>:
/// the cohort is every selected account with MRR above zero in the start month.
/// </summary>
public sealed record RetentionWindow(
    Month Start,
    Month End,
    decimal StartMrr,
    decimal EndMrr,
    decimal RetainedMrrCapped,
    int CohortSize,
    int RetainedLogos)
{
    /// <summary>Sums the cohort for the window. Months outside the model count as zero MRR.</summary>
    /// <remarks>Once per model, window and filter (<see cref="ModelMemo"/>): a page and its alerts ask for the same windows many times.</remarks>
    public static RetentionWindow Compute(RevenueModel model, Month start, Month end, AccountFilter? filter = null) =>
        ModelMemo.Get(model, (nameof(RetentionWindow), start, end, ModelMemo.Key(filter)), () => Sum(model, start, end, filter));

    private static RetentionWindow Sum(RevenueModel model, Month start, Month end, AccountFilter? filter)
    {
        decimal startMrr = 0, endMrr = 0, capped = 0;
        int size = 0, retained = 0;
        foreach (var m in RetentionCohort.Of(model, start, end, filter))
        {
            size++;
            startMrr += m.Start;
            endMrr += m.End;
            capped += Math.Min(m.Start, m.End);
            if (m.End > 0)
            {
                retained++;
            }
        }

        return new RetentionWindow(start, end, startMrr, endMrr, capped, size, retained);
    }

    /// <summary>End ÷ Start × 100, or null when the cohort had no MRR.</summary>
    public decimal? Nrr => StartMrr > 0 ? EndMrr / StartMrr * 100m : null;

    /// <summary>Σ min(End, Start) ÷ Start × 100, or null when the cohort had no MRR.</summary>
    public decimal? Grr => StartMrr > 0 ? RetainedMrrCapped / StartMrr * 100m : null;

    /// <summary>Retained logos ÷ cohort size × 100, or null for an empty cohort.</summary>
    public decimal? LogoRetention => CohortSize > 0 ? (decimal)RetainedLogos / CohortSize * 100m : null;
}

/// <summary>A value per month; null where the metric is undefined (no cohort, no start MRR).</summary>
public sealed record MonthValue(Month Month, decimal? Value);
