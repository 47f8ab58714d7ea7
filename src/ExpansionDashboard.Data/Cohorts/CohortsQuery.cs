using ExpansionDashboard.Metrics.Cohorts;

namespace ExpansionDashboard.Data.Cohorts;

/// <summary>The Cohorts page: the heatmap and the accounts behind one of its cells.</summary>
public sealed class CohortsQuery(DashboardSnapshotProvider snapshots, TimeProvider time)
{
    /// <summary>
    /// The cohort heatmap: every cohort, with ages up to the data's span (from the oldest cohort's first month to the
    /// as-of month). A null cell is an age no member had reached by then: past the data's end.
    /// </summary>
    /// <param name="grain">Period of first payment (used when <paramref name="by"/> is first-paid).</param>
    /// <param name="measure">Revenue or logos.</param>
    /// <param name="filter">Group filter, membership at first payment.</param>
    /// <param name="by">Rows by first-paid period, segment or industry.</param>
    /// <param name="asOfMonth">Hide everything after this month; null for the latest month.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<CohortMatrixResult> MatrixAsync(
        CohortGrain grain, CohortMeasure measure, AccountFilter? filter = null, CohortDimension by = CohortDimension.FirstPaid, Month? asOfMonth = null, CancellationToken ct = default)
    {
        var model = (await snapshots.GetAsync(ct)).Revenue;
        var through = AsOfMonth.Of(model, time, asOfMonth);
        var last = model.IsEmpty || through < model.FirstMonth ? 0 : Math.Min(model.MonthCount - 1, through - model.FirstMonth);
        return TrimUnreachedAges(CohortMatrix.Compute(model, grain, measure, Math.Max(0, last), filter, by, through));
    }

    /// <summary>Drops the trailing ages no cohort has reached (a filter can leave only young cohorts).</summary>
    private static CohortMatrixResult TrimUnreachedAges(CohortMatrixResult m)
    {
        var lastReached = m.Rows.Count == 0 ? 0 : m.Rows.Max(r => LastIndexWithValue(r.Cells));
        if (lastReached >= m.MaxAge)
        {
            return m;
        }

        var n = Math.Max(0, lastReached) + 1;
        return m with
        {
            Rows = m.Rows.Select(r => r with { Cells = r.Cells.Take(n).ToList() }).ToList(),
            MaxAge = n - 1,
            WeightedAverage = m.WeightedAverage?.Take(n).ToList(),
            SimpleAverage = m.SimpleAverage?.Take(n).ToList(),
        };
    }

    private static int LastIndexWithValue(IReadOnlyList<decimal?> cells)
    {
        for (var i = cells.Count - 1; i >= 0; i--)
        {
            if (cells[i] is not null)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The accounts of one cohort cell: members (by the same rules as <see cref="CohortMatrix"/>) that have reached
    /// <paramref name="age"/> by the as-of month, largest start first.
    /// </summary>
    public async Task<IReadOnlyList<CohortAccountRow>> AccountsAsync(
        CohortGrain grain, string cohort, int age, AccountFilter? filter = null, CohortDimension by = CohortDimension.FirstPaid, Month? asOfMonth = null,
        CancellationToken ct = default)
    {
        var model = (await snapshots.GetAsync(ct)).Revenue;
        var last = model.IndexOf(AsOfMonth.Of(model, time, asOfMonth));
        if (last < 0)
        {
            last = model.MonthCount - 1;
        }

        return model.Accounts
            .Select(a => (Series: a, First: CohortMatrix.FirstPaidIndex(model, a)))
            .Where(x => x.First >= 0 && x.First + age <= last)
            .Select(x => (x.Series, x.First, Attrs: x.Series.HasHistory ? x.Series.AttributesAt(x.First) : x.Series.Account.Attributes))
            .Where(x => (filter is null || filter.Matches(x.Attrs)) && by switch
            {
                CohortDimension.Segment => string.Equals(x.Attrs.Segment, cohort, StringComparison.Ordinal),
                CohortDimension.Industry => string.Equals(x.Attrs.Industry, cohort, StringComparison.Ordinal),
                _ => CohortMatrix.Label(model.MonthAt(x.First), grain) == cohort,
            })
            .Select(x => new CohortAccountRow(x.Series.Account.Id, x.Series.Account.Name, x.Attrs.Segment, model.MonthAt(x.First).ToString(),
                x.Series.Total[x.First], x.Series.Total[x.First + age]))
            .OrderByDescending(r => r.StartMrr)
            .ToList();
    }
}
