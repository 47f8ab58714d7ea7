using ExpansionDashboard.Metrics.Expansion;
using ExpansionDashboard.Metrics.Movements;
using ExpansionDashboard.Metrics.Summary;

namespace ExpansionDashboard.Data.Overview;

/// <summary>Turns the metric model into the Overview page's view: headline KPIs (one <see cref="MonthSummary"/>), the trend and coverage.</summary>
public sealed class OverviewQuery(DashboardSnapshotProvider snapshots, TimeProvider time, SettingsProvider settings, Alerts.AlertEvaluator alertEvaluator)
{
    /// <param name="filter">Group filter; membership is taken at the start of each window.</param>
    /// <param name="asOfMonth">The month to report; null for the latest month with data (never after today).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<OverviewView> GetAsync(AccountFilter? filter = null, Month? asOfMonth = null, CancellationToken ct = default)
    {
        var snap = await snapshots.GetAsync(ct);
        var thresholds = (await settings.GetAsync(ct)).Thresholds;
        var model = snap.Revenue;
        var asOf = AsOfMonth.Of(model, time, asOfMonth);
        var t = model.IndexOf(asOf);

        // Coverage is judged for the as-of month's quarter: a book whose data ends in 2016 is not measured against today's.
        var quarter = asOf.Quarter;
        var movements = MrrMovementsMemo.Get(model, filter);
        var context = new SummaryContext(snap.Opportunities, snap.Targets, thresholds.Coverage);
        var summary = MonthSummary.Compute(model, asOf, filter, context, movements);
        var window = summary.T12m;
        var coverage = summary.Coverage!;
        var nrrWord = BandWords.Nrr(summary.NrrT12m, thresholds.Nrr);
        var rateWord = BandWords.ExpansionRate(summary.ExpansionRate);

        var segment = filter?.Segment;
        var segments = snap.Targets.Where(x => x.Quarter == quarter && x.Segment is not null).Select(x => x.Segment!)
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)
            .Select(s => PipelineCoverage.Compute(snap.Opportunities, snap.Targets, quarter, s, thresholds.Coverage)).ToList();

        var trendStart = Math.Max(0, t - 23);
        var totals = MrrTotals.ByMonth(model, filter);
        var mrrTrend = new List<TrendPoint>();
        for (var i = trendStart; i <= t; i++)
        {
            mrrTrend.Add(new TrendPoint(model.MonthAt(i), totals[i]));
        }

        var nrrTrend = NetRevenueRetention.Trailing12(model, filter)
            .Where(p => p.Month <= asOf && p.Month > asOf.AddMonths(-24))
            .Select(p => new TrendPoint(p.Month, p.Value)).ToList();

        // The list, the tile rings and the coverage tile's colour come from one evaluation of the stored rules.
        var alerts = await alertEvaluator.FindingsAsync(new Alerts.AlertContext(asOf, filter), ct);
        var coverageTile = Metrics.Alerts.AlertEvaluation.CoverageTile(coverage.Band,
            alerts.FirstOrDefault(x => x.Metric == Metrics.Alerts.AlertMetric.Coverage && x.QuarterOffset == 0 && x.Scope == Scope.Of(segment)));
        var changes = t >= 1 ? Changes(model, filter, summary, MonthSummary.Compute(model, asOf.AddMonths(-1), filter, null, movements), movements) : null;

        var expansionBySegment = model.Accounts.Select(a => a.Account.Segment).Where(x => x.Length > 0)
            .Where(x => segment is null || string.Equals(x, segment, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)
            .Select(x =>
            {
                var rate = ExpansionRate.Compute(model, asOf, (filter ?? AccountFilter.All) with { Segment = x });
                return new SegmentExpansion(x, rate, BandWords.ExpansionRate(rate).Severity);
            }).ToList();
        var share = ExpansionShare.Of(movements.Where(m => m.Month <= asOf && m.Month > asOf.AddMonths(-12)));
        var maturity = ExpansionMaturity.Explain(share, window?.Nrr);
        var stage = maturity.Stage;
        var stageWord = BandWords.Maturity(stage);
        var mrr = summary.Mrr ?? 0m;

        return new OverviewView(
            HasData: !model.IsEmpty && model.Accounts.Count > 0,
            AsOf: asOf,
            Quarter: quarter,
            Mrr: new KpiView("mrr", "MRR", mrr, "money", Severity.None, null, $"as of {asOf}"),
            Arr: new KpiView("arr", "ARR", mrr * 12m, "money", Severity.None, null, "12 × MRR"),
            NrrT12m: new KpiView("nrr-t12m", "NRR (T12M)", window?.Nrr, "percent", nrrWord.Severity, nrrWord.Word ?? NrrThresholds.Label(NrrBand.None),
                window is null ? "needs 12 months of history" : $"{asOf.AddMonths(-12)} → {asOf}"),
            GrrT12m: new KpiView("grr-t12m", "GRR (T12M)", window?.Grr, "percent", Severity.None, null, window is null ? null : $"{asOf.AddMonths(-12)} → {asOf}"),
            NrrMonthly: new KpiView("nrr-monthly", "NRR (month)", summary.NrrMonthly, "percent", Severity.None, null, t >= 1 ? $"{asOf.AddMonths(-1)} → {asOf}" : null),
            LogoRetentionT12m: new KpiView("logo-retention-t12m", "Logo retention (T12M)", window?.LogoRetention, "percent", Severity.None, null,
                window is null ? null : $"{window.RetainedLogos:N0} of {window.CohortSize:N0} accounts"),
            QuickRatio: new KpiView("quick-ratio", "Quick ratio", summary.QuickRatio, "ratio", BandWords.QuickRatio(summary.QuickRatio).Severity, null, "gains ÷ losses this month"),
            ExpansionRate: new KpiView("expansion-rate", "Expansion rate", summary.ExpansionRate, "percent", rateWord.Severity, rateWord.Word, $"{asOf} vs {asOf.AddMonths(-1)}"),
            Coverage: new KpiView("coverage", $"Coverage {quarter}", coverage.Coverage, "multiple", coverageTile.Severity, coverageTile.Label,
                coverage.Band is CoverageBand.Alert or CoverageBand.Watch ? $"needs {coverage.ShortfallTo(thresholds.CoverageOnTrack):N0} {snapshots.ReportingCode} more pipeline to reach {thresholds.CoverageOnTrack:0.0}x" : null),
            CompanyCoverage: coverage,
            SegmentCoverage: segments,
            MrrTrend: mrrTrend,
            NrrTrend: nrrTrend,
            Alerts: alerts,
            Changes: changes,
            ExpansionBySegment: expansionBySegment,
            MaturityStage: new KpiView("maturity-stage", "Expansion maturity", stage, "number", stageWord.Severity,
                stageWord.Word, maturity.Reason));
    }

    private static MonthChanges Changes(RevenueModel model, AccountFilter? filter, MonthSummary now, MonthSummary before, IReadOnlyList<MonthMovements> movements)
    {
        var p = model.IndexOf(before.Month);
        var t = p + 1;
        var movers = model.SelectAt(filter, p)
            .Select(a => (a, prev: a.Total[p], cur: a.Total[t]))
            .Where(x => x.prev != x.cur)
            .Select(x => new AccountMover(x.a.Account.Id, x.a.Account.Name, x.a.Account.Segment,
                MrrMovements.Classify(x.prev, x.cur, x.a.FirstPaidIndex >= 0 && x.a.FirstPaidIndex < t), x.prev, x.cur))
            .ToList();
        return new MonthChanges(
            before.Month, now.Month,
            [
                new KpiChange("mrr", "MRR", before.Mrr, now.Mrr, "money"),
                new KpiChange("nrr-t12m", "NRR (T12M)", before.NrrT12m, now.NrrT12m, "percent"),
                new KpiChange("grr-t12m", "GRR (T12M)", before.GrrT12m, now.GrrT12m, "percent"),
                new KpiChange("logo-retention-t12m", "Logo retention (T12M)", before.LogoRetentionT12m, now.LogoRetentionT12m, "percent"),
                new KpiChange("expansion-rate", "Expansion rate", before.ExpansionRate, now.ExpansionRate, "percent"),
            ],
            movements.FirstOrDefault(m => m.Month == now.Month),
            movers.Where(m => m.Change > 0).OrderByDescending(m => m.Change).Take(5).ToList(),
            movers.Where(m => m.Change < 0).OrderBy(m => m.Change).Take(5).ToList());
    }
}
