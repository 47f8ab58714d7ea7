namespace ExpansionDashboard.Data.Planner;

/// <summary>The what-if coverage planner's read side: its options, the baseline the data gives, and the saved scenarios with what they imply.</summary>
public sealed class PlannerQuery(IDbContextFactory<DashboardDbContext> factory, DashboardSnapshotProvider snapshots, SettingsProvider settingsProvider, TimeProvider time)
{
    /// <summary>The quarters a planner offers: the current and next, and every quarter with a target from the current one on.</summary>
    public async Task<(IReadOnlyList<Quarter> Quarters, IReadOnlyList<string> Segments)> OptionsAsync(CancellationToken ct = default)
    {
        var snap = await snapshots.GetAsync(ct);
        var current = Today;
        var quarters = snap.Targets.Select(t => t.Quarter).Append(current).Append(current.AddQuarters(1))
            .Where(q => q >= current).Distinct().Order().ToList();
        var segments = snap.Targets.Select(t => t.Segment).Concat(snap.Opportunities.Select(o => o.Segment))
            .Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        return (quarters, segments);
    }

    public async Task<PlannerBaseline> BaselineAsync(Quarter quarter, string? segment, CancellationToken ct = default)
    {
        var snap = await snapshots.GetAsync(ct);
        var settings = (await settingsProvider.GetAsync(ct)).Thresholds;
        return Baseline(snap, quarter, segment, settings.Coverage, Today);
    }

    private Quarter Today => Quarter.Of(DateOnly.FromDateTime(time.GetLocalNow().DateTime));

    /// <summary>The data for a quarter and segment; the win rate is over the last four quarters closed by <paramref name="current"/>, whichever quarter is planned.</summary>
    internal static PlannerBaseline Baseline(DashboardSnapshot snap, Quarter quarter, string? segment, CoverageThresholds coverage, Quarter current)
    {
        var c = PipelineCoverage.Compute(snap.Opportunities, snap.Targets, quarter, segment, coverage);
        var win = WinRate.Compute(snap.Opportunities, current, 4, segment);
        return new PlannerBaseline(quarter, segment, c.Target, c.ClosedWon, c.OpenPipeline, c.OpenCount, win.WinRate, win.Quarters.Count);
    }

    public async Task<IReadOnlyList<ScenarioView>> ScenariosAsync(bool reviewOnly = false, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.PlannerScenarios.AsNoTracking().Where(s => !reviewOnly || s.ShowInReview).OrderBy(s => s.Quarter).ThenBy(s => s.Name).ToListAsync(ct);
        var snap = await snapshots.GetAsync(ct);
        var coverage = (await settingsProvider.GetAsync(ct)).Thresholds.Coverage;
        var list = new List<ScenarioView>();
        foreach (var r in rows)
        {
            var q = r.Quarter;
            var baseline = Baseline(snap, q, r.Scope.Segment, coverage, Today);
            var result = CoveragePlanner.Compute(new PlanInputs(r.Target, baseline.ClosedWon, baseline.OpenPipeline, r.ExtraPipeline, r.WinRate), coverage);
            list.Add(new ScenarioView(r.Id, r.Name, q, r.Scope.Segment, r.Target, r.WinRate, r.ExtraPipeline, r.ShowInReview, r.CreatedBy, r.CreatedUtc, baseline, result));
        }

        return list;
    }
}
