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

/// <summary>One month of GET /api/metrics/movements.</summary>
public sealed record MonthMovementsDto(string Month, MovementsDto Movements);

/// <summary>One cohort row of GET /api/metrics/cohorts; cells not yet reached are null.</summary>
public sealed record CohortRowDto(string Cohort, int Accounts, decimal StartMrr, IReadOnlyList<decimal?> Cells);

public sealed record CohortsDto(string Grain, string Measure, int MaxAge, IReadOnlyList<CohortRowDto> Rows, IReadOnlyList<decimal?> WeightedAverage, IReadOnlyList<decimal?> SimpleAverage);

/// <summary>GET /api/pipeline/coverage: coverage is null when the target is met (or there is no target).</summary>
public sealed record CoverageDto(
    string Quarter, string? Segment, decimal OpenPipeline, decimal ClosedWon, decimal Target, decimal RemainingTarget,
    decimal? Coverage, decimal? GrossCoverage, string Band, decimal WeightedPipeline, decimal ShortfallToOnTrack);

/// <summary>Read-side queries behind the /api/metrics and /api/pipeline routes.</summary>
public sealed class MetricsApiQuery(DashboardSnapshotProvider snapshots, TimeProvider time, Settings.ThresholdStore thresholds)
{
    public async Task<MetricsSummary> SummaryAsync(Month? month, AccountFilter filter, CancellationToken ct = default)
    {
        var model = (await snapshots.GetAsync(ct)).Revenue;
        var m = month ?? AsOfMonth.Of(model, time);
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

    /// <summary>Movements for every month from <paramref name="from"/> to <paramref name="to"/>; months without data are zeros.</summary>
    public async Task<IReadOnlyList<MonthMovementsDto>> MovementsAsync(Month from, Month to, AccountFilter filter, CancellationToken ct = default)
    {
        var model = (await snapshots.GetAsync(ct)).Revenue;
        var byMonth = MrrMovements.Compute(model, filter).ToDictionary(m => m.Month);
        var list = new List<MonthMovementsDto>();
        for (var m = from; m <= to; m = m.AddMonths(1))
        {
            list.Add(new MonthMovementsDto(m.ToString(), MovementsDto.From(byMonth.GetValueOrDefault(m))));
        }

        return list;
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
        var settings = await thresholds.GetAsync(ct);
        var q = quarter ?? Quarter.Of(DateOnly.FromDateTime(time.GetLocalNow().DateTime));
        var c = Metrics.Pipeline.PipelineCoverage.Compute(snap.Opportunities, snap.Targets, q, segment, settings.Coverage);
        return new CoverageDto(
            q.ToString(), segment, c.OpenPipeline, c.ClosedWon, c.Target, c.RemainingTarget, c.Coverage, c.GrossCoverage,
            Metrics.Pipeline.CoverageThresholds.Slug(c.Band),
            Metrics.Pipeline.WeightedPipeline.Compute(snap.Opportunities, q, null, segment),
            c.ShortfallTo(settings.CoverageOnTrack));
    }
}
