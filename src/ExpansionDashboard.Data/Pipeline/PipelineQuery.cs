using ExpansionDashboard.Metrics.Expansion;

namespace ExpansionDashboard.Data.Pipeline;

/// <summary>The Pipeline page: coverage this quarter and next, open pipeline by stage and owner, win rate and expansion candidates.</summary>
public sealed class PipelineQuery(DashboardSnapshotProvider snapshots, SettingsProvider settings, TimeProvider time)
{
    /// <summary>
    /// The Pipeline page for the quarter of <paramref name="asOfMonth"/> (the latest month's, at the data's horizon, when null) and the next one.
    /// Coverage compares with targets, which are set per segment, so only the segment filter narrows the gauges; every
    /// filter narrows the opportunity tables, owners and candidates (by the account's current attributes).
    /// </summary>
    public async Task<PipelineView> GetAsync(AccountFilter? filter = null, Month? asOfMonth = null, CancellationToken ct = default)
    {
        var snap = await snapshots.GetAsync(ct);
        var now = await settings.GetAsync(ct);
        var thresholds = now.Thresholds;
        var bands = thresholds.Coverage;
        var asOf = AsOfMonth.Of(snap.Revenue, time, asOfMonth);
        var current = asOf.Quarter;
        var next = current.AddQuarters(1);
        var byId = snap.Revenue.Accounts.ToDictionary(a => a.Account.Id, StringComparer.Ordinal);
        var opportunities = filter is null || filter.IsEmpty
            ? snap.Opportunities
            : snap.Opportunities.Where(o => byId.TryGetValue(o.AccountId, out var a)
                ? filter.Matches(a.Account)
                : filter.Industry is null && filter.Region is null && filter.Csm is null && (filter.Segment is null || string.Equals(o.Segment, filter.Segment, StringComparison.OrdinalIgnoreCase))).ToList();
        var segments = snap.Targets.Where(t => t.Segment is not null).Select(t => t.Segment!)
            .Where(s => filter?.Segment is null || string.Equals(s, filter.Segment, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        IReadOnlyList<CoverageResult> BySegment(Quarter q) =>
            segments.Select(s => PipelineCoverage.Compute(snap.Opportunities, snap.Targets, q, s, bands)).ToList();
        var open = opportunities.Where(o => o.IsOpen && (current.Contains(o.ExpectedClose) || next.Contains(o.ExpectedClose))).ToList();
        var byStage = Enum.GetValues<OpportunityStage>().Where(s => s is not (OpportunityStage.ClosedWon or OpportunityStage.ClosedLost))
            .Select(s => new StageSummary(s, open.Count(o => o.Stage == s), open.Where(o => o.Stage == s).Sum(o => o.Amount))).ToList();
        var health = snap.HealthAt(asOf, now.HealthWeights);
        var atRisk = AtRisk.Compute(snap.Revenue, asOf, health).Select(r => r.AccountId).ToHashSet(StringComparer.Ordinal);
        var top = open.OrderByDescending(o => o.Amount)
            .Select(o => new OpenOpportunityRow(o.Id, byId.TryGetValue(o.AccountId, out var a) ? a.Account.Name : o.AccountId, o.Name, o.Type, o.Stage, o.Amount, o.ExpectedClose, o.Owner)
            {
                AccountId = o.AccountId,
                AccountAtRisk = atRisk.Contains(o.AccountId),
            }).ToList();
        return new PipelineView(
            current, next,
            PipelineCoverage.Compute(snap.Opportunities, snap.Targets, current, filter?.Segment, bands),
            PipelineCoverage.Compute(snap.Opportunities, snap.Targets, next, filter?.Segment, bands),
            BySegment(current), BySegment(next), byStage,
            WeightedPipeline.Compute(opportunities, current),
            WinRate.Compute(opportunities, current),
            thresholds.CoverageOnTrack,
            top,
            ExpansionCandidates.Compute(snap.Revenue, snap.Opportunities, health, filter, 20),
            PipelineByOwner.Compute(opportunities, current));
    }
}
