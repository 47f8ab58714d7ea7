using ExpansionDashboard.Data.Alerts;
using ExpansionDashboard.Metrics.Alerts;
using ExpansionDashboard.Metrics.Bands;
using ExpansionDashboard.Metrics.Expansion;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Pipeline;
using ExpansionDashboard.Metrics.Retention;

namespace ExpansionDashboard.Data.Queries;

/// <summary>A headline number of the deck now and as it read a week earlier.</summary>
public sealed record ReviewNumber(string Id, string Label, decimal? Value, decimal? WeekAgo, string Unit, Severity Severity, string? Band, string? Note)
{
    public decimal? Change => Value is { } v && WeekAgo is { } w ? v - w : null;
}

public sealed record SegmentReviewRow(string Segment, int Accounts, decimal Mrr, decimal? NrrT12m, decimal? GrrT12m, decimal? LogoRetentionT12m, decimal? ExpansionRate, CoverageResult Coverage);

/// <summary>Everything the weekly review deck shows, as of one day.</summary>
public sealed record ReviewDeck(
    DateOnly Date,
    bool HasData,
    Month Month,
    Quarter Quarter,
    IReadOnlyList<ReviewNumber> Numbers,
    IReadOnlyList<TrendPoint> NrrTrend,
    NrrBridgeResult? Bridge,
    IReadOnlyList<SegmentReviewRow> Segments,
    CoverageResult CompanyCoverage,
    IReadOnlyList<CoverageResult> SegmentCoverage,
    IReadOnlyList<AlertFinding> CoverageFindings,
    decimal OnTrack,
    IReadOnlyList<OpenOpportunityRow> TopOpportunities,
    IReadOnlyList<AtRiskRow> AtRisk,
    IReadOnlyList<AlertFiringRow> OpenAlerts);

/// <summary>
/// The weekly review deck for any day: the reporting month is the day's month (never after the data), the quarter the
/// day's quarter, the pipeline as it stood that day (rebuilt from created/closed dates), alerts open that day.
/// </summary>
public sealed class ReviewQuery(DashboardSnapshotProvider snapshots, HealthQuery health, Settings.ThresholdStore thresholdStore, AlertEvaluator alertEvaluator, AlertFiringStore firings, TimeProvider time)
{
    public async Task<ReviewDeck> GetAsync(DateOnly date, CancellationToken ct = default)
    {
        var snap = await snapshots.GetAsync(ct);
        var settings = await thresholdStore.GetAsync(ct);
        var model = snap.Revenue;
        var month = MonthFor(model, date);
        // The quarter follows the reported month, which stops at the data's horizon.
        var quarter = month.Quarter;
        var weekAgo = date.AddDays(-7);
        var monthAgo = MonthFor(model, weekAgo);
        var hasData = !model.IsEmpty && model.IndexOf(month) >= 0;

        RetentionWindow? Window(Month m, AccountFilter? f = null) =>
            model.IndexOf(m) >= 0 && model.IndexOf(m.AddMonths(-12)) >= 0 ? RetentionWindow.Compute(model, m.AddMonths(-12), m, f) : null;
        // Today (or later) the pipeline is what is stored; only a past day is rebuilt from created/closed dates, so the
        // deck for today shows exactly the Overview's figures even when closed deals carry a future close date.
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        IReadOnlyList<OpportunityInput> PipelineOn(DateOnly d) => d >= today ? snap.Opportunities : OpportunityHistory.AsOf(snap.Opportunities, d);
        CoverageResult Coverage(DateOnly d, string? segment) =>
            PipelineCoverage.Compute(PipelineOn(d), snap.Targets, MonthFor(model, d).Quarter, segment, settings.Coverage);

        var window = Window(month);
        var nrrBand = settings.Nrr.Classify(window?.Nrr);
        var coverage = Coverage(date, null);
        var rate = hasData ? ExpansionRate.Compute(model, month) : null;
        var numbers = new List<ReviewNumber>
        {
            new("nrr-t12m", "Net revenue retention (T12M)", window?.Nrr, Window(monthAgo)?.Nrr, "percent", NrrThresholds.SeverityOf(nrrBand), NrrThresholds.Label(nrrBand),
                $"{month.AddMonths(-12)} → {month}"),
            new("coverage", $"Pipeline coverage {quarter}", coverage.Coverage, Coverage(weekAgo, null).Coverage, "multiple", CoverageThresholds.SeverityOf(coverage.Band),
                CoverageThresholds.Label(coverage.Band),
                coverage.Band is CoverageBand.Alert or CoverageBand.Watch ? $"needs {coverage.ShortfallTo(settings.CoverageOnTrack):N0} {snapshots.ReportingCode} more pipeline to reach {settings.CoverageOnTrack:0.0}x" : null),
            new("expansion-rate", "Expansion rate (month)", rate, hasData ? ExpansionRate.Compute(model, monthAgo) : null, "percent", ExpansionRateThresholds.Default.Classify(rate),
                rate is null ? null : rate >= 2m ? "Healthy" : "Below 2 %", $"{month}, healthy 2–4 %"),
        };

        var t = model.IndexOf(month);
        var segments = model.Accounts.Select(a => a.Account.Segment).Concat(snap.Targets.Where(x => x.Quarter == quarter).Select(x => x.Segment ?? ""))
            .Where(s => s.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        var segmentRows = segments.Select(s =>
        {
            var f = new AccountFilter(Segment: s);
            var w = Window(month, f);
            var members = t >= 0 ? model.SelectAt(f, t).Where(a => a.Total[t] > 0).ToList() : [];
            return new SegmentReviewRow(s, members.Count, members.Sum(a => a.Total[t]), w?.Nrr, w?.Grr, w?.LogoRetention,
                hasData ? ExpansionRate.Compute(model, month, f) : null, Coverage(date, s));
        }).ToList();
        var segmentCoverage = segmentRows.Select(r => r.Coverage).Where(c => c.Band != CoverageBand.NoTarget).ToList();
        var findings = (await alertEvaluator.FindingsAsync(new AlertContext(month, null, date), ct))
            .Where(f => f.Metric == AlertMetric.Coverage && f.QuarterOffset == 0).ToList();

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
            await health.AtRiskAsync(model, month, null, ct), open);
    }

    private static Month MonthFor(RevenueModel model, DateOnly date)
    {
        var m = Month.Of(date);
        return !model.IsEmpty && m > model.LastMonth ? model.LastMonth : m;
    }
}
