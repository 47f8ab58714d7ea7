using ExpansionDashboard.Metrics.Cohorts;
using ExpansionDashboard.Metrics.Movements;
using ExpansionDashboard.Metrics.Retention;

namespace ExpansionDashboard.Metrics.Engine;

/// <summary>Everything the dashboards show, computed from one model.</summary>
public sealed record FullRecomputeResult(
    IReadOnlyList<MonthMovements> Movements,
    IReadOnlyDictionary<string, IReadOnlyList<MonthMovements>> MovementsBySegment,
    IReadOnlyList<RetentionWindow> Monthly,
    IReadOnlyList<RetentionWindow> Trailing12,
    IReadOnlyDictionary<Dimension, IReadOnlyDictionary<string, IReadOnlyList<RetentionWindow>>> Trailing12ByGroup,
    IReadOnlyList<CohortMatrixResult> Cohorts);

/// <summary>
/// The full recompute after a data change: movements for every month (company and per segment), monthly and
/// trailing-12-month retention windows (NRR, GRR and logo retention together), T12M windows per segment,
/// industry, region and CSM, and cohort matrices by month, quarter and year for revenue and logos. Independent
/// parts run in parallel.
/// </summary>
public static class FullRecompute
{
    public static FullRecomputeResult Run(RevenueModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        IReadOnlyList<MonthMovements> movements = [];
        IReadOnlyDictionary<string, IReadOnlyList<MonthMovements>> bySegment = new Dictionary<string, IReadOnlyList<MonthMovements>>();
        IReadOnlyList<RetentionWindow> monthly = [];
        IReadOnlyList<RetentionWindow> t12 = [];
        var byGroup = new Dictionary<Dimension, IReadOnlyDictionary<string, IReadOnlyList<RetentionWindow>>>();
        IReadOnlyList<CohortMatrixResult> cohorts = [];
        var segments = model.Accounts.Select(a => a.Account.Segment).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        Dimension[] dims = [Dimension.Segment, Dimension.Industry, Dimension.Region, Dimension.Csm];
        var dimResults = new IReadOnlyDictionary<string, IReadOnlyList<RetentionWindow>>[dims.Length];
        var maxAge = Math.Max(0, model.MonthCount - 1);

        Parallel.Invoke(
            () => movements = MrrMovements.Compute(model),
            () => bySegment = segments.ToDictionary(s => s, s => MrrMovements.Compute(model, new AccountFilter(Segment: s)), StringComparer.OrdinalIgnoreCase),
            () => monthly = RetentionSeries.Windows(model, 1),
            () => t12 = RetentionSeries.Windows(model, 12),
            () =>
            {
                for (var i = 0; i < dims.Length; i++)
                {
                    dimResults[i] = RetentionSeries.WindowsByGroup(model, 12, dims[i]);
                }
            },
            () => cohorts = CohortMatrix.ComputeAll(model, maxAge));

        for (var i = 0; i < dims.Length; i++)
        {
            byGroup[dims[i]] = dimResults[i];
        }

        return new FullRecomputeResult(movements, bySegment, monthly, t12, byGroup, cohorts);
    }
}
