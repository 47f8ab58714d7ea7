using ExpansionDashboard.Metrics.Bands;
using ExpansionDashboard.Metrics.Expansion;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Movements;
using ExpansionDashboard.Metrics.Pipeline;
using ExpansionDashboard.Metrics.Retention;

namespace ExpansionDashboard.Data.Queries;

public sealed record KpiView(string Id, string Label, decimal? Value, string Unit, Severity Severity, string? BandLabel, string? Hint);

public sealed record TrendPoint(Month Month, decimal? Value);

/// <summary>One segment's expansion rate in the reporting month, judged against the healthy 2–4 % band.</summary>
public sealed record SegmentExpansion(string Segment, decimal? Rate, Severity Severity);

/// <summary>One headline figure now and a month earlier.</summary>
public sealed record KpiChange(string Id, string Label, decimal? Previous, decimal? Current, string Unit)
{
    /// <summary>Current − previous (percentage points for percentages); null when either side is missing.</summary>
    public decimal? Delta => Current is { } c && Previous is { } p ? c - p : null;
}

/// <summary>An account whose MRR moved most this month.</summary>
public sealed record AccountMover(string AccountId, string Name, string Segment, Metrics.Movements.MovementKind Kind, decimal Previous, decimal Current)
{
    public decimal Change => Current - Previous;
}

/// <summary>What changed since the previous month: the headline deltas, this month's movements and the biggest movers.</summary>
public sealed record MonthChanges(Month Previous, Month Current, IReadOnlyList<KpiChange> Kpis, MonthMovements? Movements, IReadOnlyList<AccountMover> Gainers, IReadOnlyList<AccountMover> Losers);

public sealed record OverviewView(
    bool HasData,
    Month AsOf,
    Quarter Quarter,
    KpiView Mrr,
    KpiView Arr,
    KpiView NrrT12m,
    KpiView GrrT12m,
    KpiView NrrMonthly,
    KpiView LogoRetentionT12m,
    KpiView QuickRatio,
    KpiView ExpansionRate,
    KpiView Coverage,
    CoverageResult CompanyCoverage,
    IReadOnlyList<CoverageResult> SegmentCoverage,
    IReadOnlyList<TrendPoint> MrrTrend,
    IReadOnlyList<TrendPoint> NrrTrend,
    IReadOnlyList<Metrics.Alerts.AlertFinding> Alerts,
    MonthChanges? Changes,
    IReadOnlyList<SegmentExpansion> ExpansionBySegment,
    KpiView MaturityStage);

/// <summary>Turns the metric model into the Overview page's view: headline KPIs, the trend and coverage.</summary>
public sealed class OverviewQuery(DashboardSnapshotProvider snapshots, TimeProvider time, Settings.ThresholdStore thresholdStore, Alerts.AlertEvaluator alertEvaluator)
{
    /// <param name="filter">Group filter; membership is taken at the start of each window.</param>
    /// <param name="asOfMonth">The month to report; null for the latest month with data (never after today).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<OverviewView> GetAsync(AccountFilter? filter = null, Month? asOfMonth = null, CancellationToken ct = default)
    {
        var snap = await snapshots.GetAsync(ct);
        var thresholds = await thresholdStore.GetAsync(ct);
        var model = snap.Revenue;
        var asOf = AsOfMonth.Of(model, time, asOfMonth);
        var t = model.IndexOf(asOf);

        // Coverage is judged for the as-of month's quarter: a book whose data ends in 2016 is not measured against today's.
        var quarter = asOf.Quarter;

        var mrr = t >= 0 ? model.SelectAt(filter, t).Sum(a => a.Total[t]) : 0m;
        var movements = MrrMovements.Compute(model, filter);
        var thisMonth = movements.FirstOrDefault(m => m.Month == asOf);
        var window = t >= 12 ? RetentionWindow.Compute(model, asOf.AddMonths(-12), asOf, filter) : null;
        var monthly = t >= 1 ? RetentionWindow.Compute(model, asOf.AddMonths(-1), asOf, filter) : null;
        var quick = thisMonth is null ? null : Metrics.Expansion.QuickRatio.Of([thisMonth]);
        var nrrBand = thresholds.Nrr.Classify(window?.Nrr);
        var expRate = thisMonth is null ? null : Metrics.Expansion.ExpansionRate.Of(thisMonth);

        var segment = filter?.Segment;
        var coverage = PipelineCoverage.Compute(snap.Opportunities, snap.Targets, quarter, segment, thresholds.Coverage);
        var segments = snap.Targets.Where(x => x.Quarter == quarter && x.Segment is not null).Select(x => x.Segment!)
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)
            .Select(s => PipelineCoverage.Compute(snap.Opportunities, snap.Targets, quarter, s, thresholds.Coverage)).ToList();

        var trendStart = Math.Max(0, t - 23);
        var mrrTrend = new List<TrendPoint>();
        for (var i = trendStart; i <= t; i++)
        {
            mrrTrend.Add(new TrendPoint(model.MonthAt(i), model.SelectAt(filter, i).Sum(a => a.Total[i])));
        }

        var nrrTrend = NetRevenueRetention.Trailing12(model, filter)
            .Where(p => p.Month <= asOf && p.Month > asOf.AddMonths(-24))
            .Select(p => new TrendPoint(p.Month, p.Value)).ToList();

        // The list, the tile rings and the coverage tile's colour come from one evaluation of the stored rules.
        var alerts = await alertEvaluator.FindingsAsync(new Alerts.AlertContext(asOf, filter), ct);
        var coverageTile = Metrics.Alerts.AlertEvaluation.CoverageTile(coverage.Band,
            alerts.FirstOrDefault(a => a.Metric == Metrics.Alerts.AlertMetric.Coverage && a.QuarterOffset == 0 && a.Scope == Scope.Of(segment)));
        var changes = t >= 1 ? Changes(model, filter, asOf, movements, mrr, window, expRate) : null;

        var expansionBySegment = model.Accounts.Select(a => a.Account.Segment).Where(x => x.Length > 0)
            .Where(x => segment is null || string.Equals(x, segment, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)
            .Select(x =>
            {
                var rate = Metrics.Expansion.ExpansionRate.Compute(model, asOf, (filter ?? AccountFilter.All) with { Segment = x });
                return new SegmentExpansion(x, rate, ExpansionRateThresholds.Default.Classify(rate));
            }).ToList();
        var share = ExpansionShare.Of(movements.Where(m => m.Month <= asOf && m.Month > asOf.AddMonths(-12)));
        var stage = ExpansionMaturity.Stage(share, window?.Nrr);

        return new OverviewView(
            HasData: !model.IsEmpty && model.Accounts.Count > 0,
            AsOf: asOf,
            Quarter: quarter,
            Mrr: new KpiView("mrr", "MRR", mrr, "money", Severity.None, null, $"as of {asOf}"),
            Arr: new KpiView("arr", "ARR", mrr * 12m, "money", Severity.None, null, "12 × MRR"),
            NrrT12m: new KpiView("nrr-t12m", "NRR (T12M)", window?.Nrr, "percent", NrrThresholds.SeverityOf(nrrBand), NrrThresholds.Label(nrrBand),
                window is null ? "needs 12 months of history" : $"{asOf.AddMonths(-12)} → {asOf}"),
            GrrT12m: new KpiView("grr-t12m", "GRR (T12M)", window?.Grr, "percent", Severity.None, null, window is null ? null : $"{asOf.AddMonths(-12)} → {asOf}"),
            NrrMonthly: new KpiView("nrr-monthly", "NRR (month)", monthly?.Nrr, "percent", Severity.None, null, monthly is null ? null : $"{asOf.AddMonths(-1)} → {asOf}"),
            LogoRetentionT12m: new KpiView("logo-retention-t12m", "Logo retention (T12M)", window?.LogoRetention, "percent", Severity.None, null,
                window is null ? null : $"{window.RetainedLogos:N0} of {window.CohortSize:N0} accounts"),
            QuickRatio: new KpiView("quick-ratio", "Quick ratio", quick, "ratio", quick is null ? Severity.None : quick >= 1m ? Severity.Good : Severity.Watch, null, "gains ÷ losses this month"),
            ExpansionRate: new KpiView("expansion-rate", "Expansion rate", expRate, "percent", ExpansionRateThresholds.Default.Classify(expRate),
                expRate is null ? null : expRate >= 2m ? (expRate > 5m ? "Exceptional" : "Healthy") : "Below 2 %", $"{asOf} vs {asOf.AddMonths(-1)}"),
            Coverage: new KpiView("coverage", $"Coverage {quarter}", coverage.Coverage, "multiple", coverageTile.Severity, coverageTile.Label,
                coverage.Band is CoverageBand.Alert or CoverageBand.Watch ? $"needs {coverage.ShortfallTo(thresholds.CoverageOnTrack):N0} {snapshots.ReportingCode} more pipeline to reach {thresholds.CoverageOnTrack:0.0}x" : null),
            CompanyCoverage: coverage,
            SegmentCoverage: segments,
            MrrTrend: mrrTrend,
            NrrTrend: nrrTrend,
            Alerts: alerts,
            Changes: changes,
            ExpansionBySegment: expansionBySegment,
            MaturityStage: new KpiView("maturity-stage", "Expansion maturity", stage, "number", stage >= 3 ? Severity.Good : Severity.Watch,
                $"Stage {stage} of 5", share is null ? null : $"expansion {share:0} % of new ARR (T12M)"));
    }

    private static MonthChanges Changes(RevenueModel model, AccountFilter? filter, Month asOf, IReadOnlyList<MonthMovements> movements, decimal mrr, RetentionWindow? window, decimal? expRate)
    {
        var previous = asOf.AddMonths(-1);
        var p = model.IndexOf(previous);
        var t = p + 1;
        var prevMrr = model.SelectAt(filter, p).Sum(a => a.Total[p]);
        var prevWindow = p >= 12 ? RetentionWindow.Compute(model, previous.AddMonths(-12), previous, filter) : null;
        var prevMovements = movements.FirstOrDefault(m => m.Month == previous);
        var prevRate = prevMovements is null ? null : Metrics.Expansion.ExpansionRate.Of(prevMovements);
        var movers = model.SelectAt(filter, p)
            .Select(a => (a, prev: a.Total[p], cur: a.Total[t]))
            .Where(x => x.prev != x.cur)
            .Select(x => new AccountMover(x.a.Account.Id, x.a.Account.Name, x.a.Account.Segment,
                MrrMovements.Classify(x.prev, x.cur, x.a.FirstPaidIndex >= 0 && x.a.FirstPaidIndex < t), x.prev, x.cur))
            .ToList();
        return new MonthChanges(
            previous, asOf,
            [
                new KpiChange("mrr", "MRR", prevMrr, mrr, "money"),
                new KpiChange("nrr-t12m", "NRR (T12M)", prevWindow?.Nrr, window?.Nrr, "percent"),
                new KpiChange("grr-t12m", "GRR (T12M)", prevWindow?.Grr, window?.Grr, "percent"),
                new KpiChange("logo-retention-t12m", "Logo retention (T12M)", prevWindow?.LogoRetention, window?.LogoRetention, "percent"),
                new KpiChange("expansion-rate", "Expansion rate", prevRate, expRate, "percent"),
            ],
            movements.FirstOrDefault(m => m.Month == asOf),
            movers.Where(m => m.Change > 0).OrderByDescending(m => m.Change).Take(5).ToList(),
            movers.Where(m => m.Change < 0).OrderBy(m => m.Change).Take(5).ToList());
    }
}
