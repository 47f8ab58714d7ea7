using ExpansionDashboard.Data.Alerts;
using ExpansionDashboard.Data.Overview;
using ExpansionDashboard.Data.Pipeline;
using ExpansionDashboard.Metrics.Alerts;
using ExpansionDashboard.Metrics.Summary;

namespace ExpansionDashboard.Data.Review;

/// <summary>
/// The weekly review deck for any day: the reporting month is the day's month (never after the data), the quarter the
/// day's quarter, the pipeline as it stood that day (rebuilt from created/closed dates), alerts open that day.
/// </summary>
public sealed class ReviewQuery(DashboardSnapshotProvider snapshots, SettingsProvider settingsProvider, AlertEvaluator alertEvaluator, AlertFiringStore firings, TimeProvider time)
{
    public async Task<ReviewDeck> GetAsync(DateOnly date, CancellationToken ct = default)
    {
        var snap = await snapshots.GetAsync(ct);
        var current = await settingsProvider.GetAsync(ct);
        var settings = current.Thresholds;
        var model = snap.Revenue;
        var month = MonthFor(model, date);
        // The quarter follows the reported month, which stops at the data's horizon.
        var quarter = month.Quarter;
        var weekAgo = date.AddDays(-7);
        var monthAgo = MonthFor(model, weekAgo);
        var hasData = !model.IsEmpty && model.IndexOf(month) >= 0;

        // Today (or later) the pipeline is what is stored; only a past day is rebuilt from created/closed dates, so the
        // deck for today shows exactly the Overview's figures even when closed deals carry a future close date.
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        IReadOnlyList<OpportunityInput> PipelineOn(DateOnly d) => d >= today ? snap.Opportunities : OpportunityHistory.AsOf(snap.Opportunities, d);
        CoverageResult Coverage(DateOnly d, string? segment) =>
            PipelineCoverage.Compute(PipelineOn(d), snap.Targets, MonthFor(model, d).Quarter, segment, settings.Coverage);

        var summary = MonthSummary.Compute(model, month, null, new SummaryContext(PipelineOn(date), snap.Targets, settings.Coverage));
        var weekAgoSummary = MonthSummary.Compute(model, monthAgo, null, new SummaryContext(PipelineOn(weekAgo), snap.Targets, settings.Coverage));
        // Monthly figures are compared with the month before: a week earlier is usually the same month and would read "= 0.0".
        var previousMonth = month.AddMonths(-1);
        var lastMonthSummary = MonthSummary.Compute(model, previousMonth);
        var hasPrevious = !model.IsEmpty && model.IndexOf(previousMonth) >= 0;
        var window = summary.T12m;
        var nrrWord = BandWords.Nrr(summary.NrrT12m, settings.Nrr);
        var coverage = summary.Coverage!;
        // The coverage figure and its ring come from the same evaluation of the stored rules as the Overview's tile.
        var coverageFindings = (await alertEvaluator.FindingsAsync(new AlertContext(month, null, date), ct))
            .Where(f => f.Metric == AlertMetric.Coverage && f.QuarterOffset == 0).ToList();
        var coverageWord = AlertEvaluation.CoverageTile(coverage.Band, coverageFindings.FirstOrDefault(f => f.Scope == Scope.Company));
        var rate = hasData ? summary.ExpansionRate : null;
        var rateWord = BandWords.ExpansionRate(rate);
        var numbers = new List<ReviewNumber>
        {
            new("nrr-t12m", "Net revenue retention (T12M)", summary.NrrT12m, hasPrevious ? lastMonthSummary.NrrT12m : null, ReviewNumber.LastMonth, "percent", nrrWord.Severity, nrrWord.Word ?? NrrThresholds.Label(NrrBand.None),
                $"{month.AddMonths(-12)} → {month}"),
            new("coverage", $"Pipeline coverage {quarter}", coverage.Coverage, weekAgoSummary.Coverage!.Coverage, ReviewNumber.LastWeek, "multiple", coverageWord.Severity,
                coverageWord.Label,
                coverage.Band is CoverageBand.Alert or CoverageBand.Watch ? $"needs {coverage.ShortfallTo(settings.CoverageOnTrack):N0} {snapshots.ReportingCode} more pipeline to reach {settings.CoverageOnTrack:0.0}x" : null),
            new("expansion-rate", "Expansion rate (month)", rate, hasData && hasPrevious ? lastMonthSummary.ExpansionRate : null, ReviewNumber.LastMonth, "percent", rateWord.Severity,
                rateWord.Word, $"{month}, healthy {Metrics.Defaults.ExpansionRateHealthyLow:0.#}–{Metrics.Defaults.ExpansionRateHealthyHigh:0.#} %"),
        };

        var t = model.IndexOf(month);
        var segments = model.Accounts.Select(a => a.Account.Segment).Concat(snap.Targets.Where(x => x.Quarter == quarter).Select(x => x.Segment ?? ""))
            .Where(s => s.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        var segmentRows = segments.Select(s =>
        {
            var f = new AccountFilter(Segment: s);
            var segmentSummary = MonthSummary.Compute(model, month, f);
            var w = segmentSummary.T12m;
            var before = hasData && hasPrevious ? MonthSummary.Compute(model, previousMonth, f).ExpansionRate : null;
            var members = t >= 0 ? model.SelectAt(f, t).Where(a => a.Total[t] > 0).ToList() : [];
            return new SegmentReviewRow(s, members.Count, members.Sum(a => a.Total[t]), w?.Nrr, w?.Grr, w?.LogoRetention,
                hasData ? segmentSummary.ExpansionRate : null, Coverage(date, s), before);
        }).ToList();
        var segmentCoverage = segmentRows.Select(r => r.Coverage).Where(c => c.Band != CoverageBand.NoTarget).ToList();
        var findings = coverageFindings;

        var names = model.Accounts.ToDictionary(a => a.Account.Id, a => a.Account.Name, StringComparer.Ordinal);
        var next = quarter.AddQuarters(1);
        var top = PipelineOn(date)
            .Where(o => o.IsOpen && (quarter.Contains(o.ExpectedClose) || next.Contains(o.ExpectedClose)))
            .OrderByDescending(o => o.Amount).Take(20)
            .Select(o => new OpenOpportunityRow(o.Id, names.GetValueOrDefault(o.AccountId, o.AccountId), o.Name, o.Type, o.Stage, o.Amount, o.ExpectedClose, o.Owner))
            .ToList();

        var open = await firings.OpenOnAsync(date, ct);

        return new ReviewDeck(
            date, hasData, month, quarter, numbers,
            NetRevenueRetention.Trailing12(model).Where(p => p.Month <= month && p.Month > month.AddMonths(-24)).Select(p => new TrendPoint(p.Month, p.Value)).ToList(),
            window is null ? null : NrrBridge.Compute(model, month.AddMonths(-12), month),
            segmentRows, coverage, segmentCoverage, findings, settings.CoverageOnTrack, top,
            AtRisk.Compute(model, month, snap.HealthAt(month, current.HealthWeights)), open)
        {
            Nrr = settings.Nrr,
            DataVersion = snap.DataVersion,
            NrrBands = settings.NrrBands,
        };
    }

    /// <summary>The store's data version, cheap while it has not moved (the snapshot is cached per version).</summary>
    public async Task<long> DataVersionAsync(CancellationToken ct = default) => (await snapshots.GetAsync(ct)).DataVersion;

    private static Month MonthFor(RevenueModel model, DateOnly date)
    {
        var m = Month.Of(date);
        return !model.IsEmpty && m > model.LastMonth ? model.LastMonth : m;
    }
}
