using ExpansionDashboard.Metrics.Cohorts;

namespace ExpansionDashboard.Metrics.Expansion;

/// <summary>Time to first expansion for one first-paid cohort.</summary>
public sealed record TimeToFirstExpansionRow(string Cohort, int Accounts, int Expanded, decimal? MedianMonths, decimal? AverageMonths)
{
    public decimal? ShareExpanded => Accounts > 0 ? (decimal)Expanded / Accounts * 100m : null;
}

/// <summary>
/// Months from an account's first paid month to its first month with an Expansion movement (account level), by
/// first-paid cohort. Accounts that never expanded count in the cohort size but not in the median or average.
/// </summary>
public static class TimeToFirstExpansion
{
    public const string Definition = "Months from first paid month to the first month with an Expansion movement, median and mean per first-paid cohort.";

    public const string Unit = "months";

    /// <param name="model">The revenue model.</param>
    /// <param name="grain">Cohort period.</param>
    /// <param name="filter">Group filter by current attributes.</param>
    /// <param name="through">The last month seen (a reproducible past view); null for all data.</param>
    public static IReadOnlyList<TimeToFirstExpansionRow> Compute(RevenueModel model, CohortGrain grain = CohortGrain.Quarter, AccountFilter? filter = null, Month? through = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var end = through is { } th ? Math.Min(model.MonthCount, th - model.FirstMonth + 1) : model.MonthCount;
        var groups = new SortedDictionary<string, (int Accounts, List<int> Months)>(StringComparer.Ordinal);
        foreach (var a in model.Select(filter))
        {
            var first = a.FirstPaidIndex;
            if (first < 0 || first >= end)
            {
                continue;
            }

            var key = CohortMatrix.Label(model.MonthAt(first), grain);
            groups.TryGetValue(key, out var g);
            g.Months ??= [];
            g.Accounts++;
            for (var t = first + 1; t < end; t++)
            {
                if (a.Total[t] > a.Total[t - 1] && a.Total[t - 1] > 0)
                {
                    g.Months.Add(t - first);
                    break;
                }
            }

            groups[key] = g;
        }

        return groups.Select(kv => new TimeToFirstExpansionRow(
            kv.Key, kv.Value.Accounts, kv.Value.Months.Count, Statistics.Median(kv.Value.Months.Select(m => (decimal)m)),
            kv.Value.Months.Count > 0 ? (decimal)kv.Value.Months.Sum() / kv.Value.Months.Count : null)).ToList();
    }
}
