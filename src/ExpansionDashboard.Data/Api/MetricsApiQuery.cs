using ExpansionDashboard.Metrics.Movements;
using ExpansionDashboard.Metrics.Summary;

namespace ExpansionDashboard.Data.Api;

/// <summary>
/// One month's movements in API form: contraction and churn are negative; <see cref="Fx"/> is the change exchange rates
/// made (zero with one currency), so New + Reactivation + Expansion + Contraction + Churn + Fx = MRR − previous MRR.
/// </summary>
public sealed record MovementsDto(decimal New, decimal Reactivation, decimal Expansion, decimal Contraction, decimal Churn, decimal Fx)
{
    public static MovementsDto From(MonthMovements m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new(m.New, m.Reactivation, m.Expansion, m.Contraction, m.Churn, m.Fx);
    }
}

/// <summary>
/// The read API's summary for a month; percentages as numbers like 113.08, money unrounded, null when undefined.
/// Every figure is null for a month outside the data (after the <see cref="Horizon"/> or before the first month), and
/// the movements are null for the first month, the opening balance.
/// </summary>
public sealed record MetricsSummary(
    string Month,
    decimal? Mrr,
    decimal? Arr,
    decimal? NrrMonthly,
    decimal? NrrT12m,
    decimal? GrrT12m,
    decimal? LogoRetentionT12m,
    decimal? ExpansionRate,
    decimal? QuickRatio,
    MovementsDto? Movements,
    string? Horizon,
    string Currency);

/// <summary>
/// One month of GET /api/metrics/movements: MRR at the month's rates and the movements from the month before. Null outside
/// the data; the first month has its MRR (the opening balance) but no movements.
/// </summary>
public sealed record MonthMovementsDto(string Month, decimal? Mrr, decimal? PreviousMrr, MovementsDto? Movements);

/// <summary>One cohort row of GET /api/metrics/cohorts; cells not yet reached are null.</summary>
public sealed record CohortRowDto(string Cohort, int Accounts, decimal StartMrr, IReadOnlyList<decimal?> Cells);

public sealed record CohortsDto(string Grain, string Measure, int MaxAge, IReadOnlyList<CohortRowDto> Rows, IReadOnlyList<decimal?> WeightedAverage, IReadOnlyList<decimal?> SimpleAverage);

/// <summary>GET /api/pipeline/coverage: coverage is null when the target is met (or there is no target).</summary>
public sealed record CoverageDto(
    string Quarter, string? Segment, decimal OpenPipeline, decimal ClosedWon, decimal Target, decimal RemainingTarget,
    decimal? Coverage, decimal? GrossCoverage, string Band, decimal WeightedPipeline, decimal ShortfallToOnTrack);

/// <summary>Read-side queries behind the /api/metrics and /api/pipeline routes.</summary>
public sealed class MetricsApiQuery(DashboardSnapshotProvider snapshots, TimeProvider time, SettingsProvider settingsProvider)
{
    public async Task<MetricsSummary> SummaryAsync(Month? month, AccountFilter filter, CancellationToken ct = default)
    {
        var snap = await snapshots.GetAsync(ct);
        var model = snap.Revenue;
        var m = month ?? AsOfMonth.Of(model, time);
        var t = Observed(model, m);
        if (t < 0)
        {
            return new MetricsSummary(m.ToString(), null, null, null, null, null, null, null, null, null, snap.Horizon?.ToString(), snapshots.ReportingCode);
        }

        var s = MonthSummary.Compute(model, m, filter);
        return new MetricsSummary(
            m.ToString(), s.Mrr, s.Arr,
            s.NrrMonthly, s.NrrT12m, s.GrrT12m, s.LogoRetentionT12m,
            s.ExpansionRate, s.QuickRatio,
            s.Movements is null ? null : MovementsDto.From(s.Movements),
            snap.Horizon?.ToString(), snapshots.ReportingCode);
    }

    /// <summary>
    /// Movements for every month from <paramref name="from"/> to <paramref name="to"/>. Months outside the data (after the
    /// horizon, before the first month) carry null figures rather than zeros, so MRR never seems to fall to nothing
    /// without churn; the first month is the opening balance and has no movements.
    /// </summary>
    public async Task<IReadOnlyList<MonthMovementsDto>> MovementsAsync(Month from, Month to, AccountFilter filter, CancellationToken ct = default)
    {
        var model = (await snapshots.GetAsync(ct)).Revenue;
        var byMonth = MrrMovementsMemo.Get(model, filter).ToDictionary(m => m.Month);
        var totals = MrrTotals.ByMonth(model, filter);
        var list = new List<MonthMovementsDto>();
        for (var m = from; m <= to; m = m.AddMonths(1))
        {
            var t = Observed(model, m);
            if (t < 0)
            {
                list.Add(new MonthMovementsDto(m.ToString(), null, null, null));
                continue;
            }

            var mrr = totals[t];
            list.Add(byMonth.TryGetValue(m, out var mv) && t >= 1
                ? new MonthMovementsDto(m.ToString(), mrr, mv.StartMrr, MovementsDto.From(mv))
                : new MonthMovementsDto(m.ToString(), mrr, null, null));
        }

        return list;
    }

    /// <summary>The month's index in the model when the data observed it (from the first month to the horizon, never after the current month), else -1.</summary>
    private int Observed(RevenueModel model, Month m)
    {
        if (model.IsEmpty || m > AsOfMonth.Of(model, time))
        {
            return -1;
        }

        return model.IndexOf(m);
    }

    public async Task<CohortsDto> CohortsAsync(Metrics.Cohorts.CohortGrain grain, Metrics.Cohorts.CohortMeasure measure, AccountFilter filter, CancellationToken ct = default)
    {
        var model = (await snapshots.GetAsync(ct)).Revenue;
        var matrix = Metrics.Cohorts.CohortMatrix.Compute(model, grain, measure, Math.Max(0, model.MonthCount - 1), filter);
        return new CohortsDto(
            grain.ToString().ToLowerInvariant(), measure.ToString().ToLowerInvariant(), matrix.MaxAge,
            matrix.Rows.Select(r => new CohortRowDto(r.Cohort, r.Accounts, r.StartMrr, r.Cells)).ToList(),
            matrix.WeightedAverage ?? [], matrix.SimpleAverage ?? []);
    }

    public async Task<CoverageDto> CoverageAsync(Quarter? quarter, string? segment, CancellationToken ct = default)
    {
        var snap = await snapshots.GetAsync(ct);
        var settings = (await settingsProvider.GetAsync(ct)).Thresholds;
        // The quarter follows the as-of month, so a book that ends in 2016 shows 2016's quarter, not today's.
        var q = quarter ?? AsOfMonth.Of(snap.Revenue, time).Quarter;
        var c = Metrics.Pipeline.PipelineCoverage.Compute(snap.Opportunities, snap.Targets, q, segment, settings.Coverage);
        return new CoverageDto(
            q.ToString(), segment, c.OpenPipeline, c.ClosedWon, c.Target, c.RemainingTarget, c.Coverage, c.GrossCoverage,
            Metrics.Pipeline.CoverageThresholds.Slug(c.Band),
            Metrics.Pipeline.WeightedPipeline.Compute(snap.Opportunities, q, null, segment),
            c.ShortfallTo(settings.CoverageOnTrack));
    }
}
