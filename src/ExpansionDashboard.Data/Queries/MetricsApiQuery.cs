using ExpansionDashboard.Metrics.Expansion;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Movements;
using ExpansionDashboard.Metrics.Retention;

namespace ExpansionDashboard.Data.Queries;

/// <summary>One month's movements in API form: contraction and churn are negative.</summary>
public sealed record MovementsDto(decimal New, decimal Reactivation, decimal Expansion, decimal Contraction, decimal Churn)
{
    public static MovementsDto From(MonthMovements? m) =>
        m is null ? new(0, 0, 0, 0, 0) : new(m.New, m.Reactivation, m.Expansion, m.Contraction, m.Churn);
}

/// <summary>The read API's summary for a month; percentages as numbers like 113.08, money unrounded, null when undefined.</summary>
public sealed record MetricsSummary(
    string Month,
    decimal Mrr,
    decimal Arr,
    decimal? NrrMonthly,
    decimal? NrrT12m,
    decimal? GrrT12m,
    decimal? LogoRetentionT12m,
    decimal? ExpansionRate,
    decimal? QuickRatio,
    MovementsDto Movements);

/// <summary>Read-side query behind GET /api/metrics/summary.</summary>
public sealed class MetricsApiQuery(DashboardSnapshotProvider snapshots, TimeProvider time)
{
    /// <summary>The as-of month: the latest month with data, but never after the current calendar month.</summary>
    public static Month AsOf(RevenueModel model, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(time);
        var current = Month.Of(time.GetLocalNow().DateTime);
        return model.IsEmpty || model.LastMonth > current ? current : model.LastMonth;
    }

    public async Task<MetricsSummary> SummaryAsync(Month? month, AccountFilter filter, CancellationToken ct = default)
    {
        var model = (await snapshots.GetAsync(ct)).Revenue;
        var m = month ?? AsOf(model, time);
        var t = model.IndexOf(m);
        var mrr = t >= 0 ? model.SelectAt(filter, t).Sum(a => a.Total[t]) : 0m;
        var movements = MrrMovements.Compute(model, filter).FirstOrDefault(x => x.Month == m);
        var monthly = t >= 1 ? RetentionWindow.Compute(model, m.AddMonths(-1), m, filter) : null;
        var t12 = t >= 12 ? RetentionWindow.Compute(model, m.AddMonths(-12), m, filter) : null;
        return new MetricsSummary(
            m.ToString(), mrr, mrr * 12m,
            monthly?.Nrr, t12?.Nrr, t12?.Grr, t12?.LogoRetention,
            movements is null ? null : ExpansionRate.Of(movements),
            movements is null ? null : QuickRatio.Of([movements]),
            MovementsDto.From(movements));
    }
}
