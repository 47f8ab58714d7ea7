using ExpansionDashboard.Metrics.Health;
using ExpansionDashboard.Metrics.Movements;
using ExpansionDashboard.Metrics.Pipeline;
using ExpansionDashboard.Metrics.Retention;

namespace ExpansionDashboard.Metrics.Summary;

/// <summary>What the month's coverage and red-health share are judged from; without it those two stay null.</summary>
/// <param name="Opportunities">The pipeline.</param>
/// <param name="Targets">Expansion targets.</param>
/// <param name="Coverage">Coverage bands (the admin's).</param>
/// <param name="Health">The scored health month (the latest on or before the month), null without signals.</param>
/// <param name="Quarter">The quarter coverage is judged for; null for the month's own quarter.</param>
public sealed record SummaryContext(
    IReadOnlyList<OpportunityInput> Opportunities,
    IReadOnlyList<TargetInput> Targets,
    CoverageThresholds? Coverage = null,
    HealthMonth? Health = null,
    Quarter? Quarter = null);

/// <summary>
/// A month's headline figures, computed once for Overview, Review, the read API and alerts. Money in the reporting
/// currency, percentages as numbers like 113.08; a figure is null when it is undefined (no history, no starting MRR).
/// </summary>
/// <param name="Month">The month.</param>
/// <param name="Observed">Whether the model holds the month (false: every figure is null).</param>
/// <param name="Mrr">MRR of the filtered accounts in the month.</param>
/// <param name="Arr">12 × MRR.</param>
/// <param name="NrrMonthly">NRR from the month before to this month.</param>
/// <param name="T12m">The trailing-12-month retention window (NRR, GRR, logo retention), null with under 12 months of history.</param>
/// <param name="Movements">This month's movements, null for the model's first month (the opening balance).</param>
/// <param name="ExpansionRate">Expansion MRR ÷ starting MRR × 100.</param>
/// <param name="QuickRatio">Gains ÷ losses this month.</param>
/// <param name="Coverage">Pipeline coverage of the quarter for the filter's segment (company without one); null without a context.</param>
/// <param name="RedHealthShare">Share of scored MRR in red-health accounts; null without scores.</param>
public sealed record MonthSummary(
    Month Month,
    bool Observed,
    decimal? Mrr,
    decimal? Arr,
    decimal? NrrMonthly,
    RetentionWindow? T12m,
    MonthMovements? Movements,
    decimal? ExpansionRate,
    decimal? QuickRatio,
    CoverageResult? Coverage,
    decimal? RedHealthShare)
{
    public const string Definition = "A month's MRR, ARR, NRR (month and T12M), GRR, logo retention, movements, expansion rate, quick ratio, coverage and red-health share, computed once.";

    public decimal? NrrT12m => T12m?.Nrr;

    public decimal? GrrT12m => T12m?.Grr;

    public decimal? LogoRetentionT12m => T12m?.LogoRetention;

    /// <summary>
    /// The summary of <paramref name="month"/> for the accounts <paramref name="filter"/> selects (membership at the start of
    /// each window). Pass <paramref name="movements"/> when they are already computed for the same model and filter.
    /// </summary>
    public static MonthSummary Compute(
        RevenueModel model, Month month, AccountFilter? filter = null, SummaryContext? context = null, IReadOnlyList<MonthMovements>? movements = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var t = model.IsEmpty ? -1 : model.IndexOf(month);
        var coverage = context is null ? null
            : PipelineCoverage.Compute(context.Opportunities, context.Targets, context.Quarter ?? month.Quarter, filter?.Segment, context.Coverage);
        var redShare = context?.Health is { } health ? Health.RedHealthShare.Compute(health, model, filter) : null;
        if (t < 0)
        {
            return new MonthSummary(month, false, null, null, null, null, null, null, null, coverage, redShare);
        }

        var mrr = model.SelectAt(filter, t).Sum(a => a.Total[t]);
        // One month's movements: the summary never needs the whole series (a pass over every month of a million rows).
        var moved = t < 1 ? null : movements is null ? MrrMovements.ComputeMonth(model, month, filter) : movements.FirstOrDefault(m => m.Month == month);
        return new MonthSummary(
            month, true, mrr, mrr * 12m,
            t >= 1 ? RetentionWindow.Compute(model, month.AddMonths(-1), month, filter).Nrr : null,
            t >= 12 ? RetentionWindow.Compute(model, month.AddMonths(-12), month, filter) : null,
            moved,
            moved is null ? null : Expansion.ExpansionRate.Of(moved),
            moved is null ? null : Expansion.QuickRatio.Of([moved]),
            coverage, redShare);
    }
}
