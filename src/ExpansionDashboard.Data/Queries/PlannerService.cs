using ExpansionDashboard.Data.Entities;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Data.Queries;

/// <summary>What the data says for a quarter and segment: the planner's starting point.</summary>
public sealed record PlannerBaseline(Quarter Quarter, string? Segment, decimal Target, decimal ClosedWon, decimal OpenPipeline, int OpenDeals, decimal? WinRate, int WinRateQuarters)
{
    /// <summary>The win rate the sliders start from: the measured one, else 1 ÷ the on-track multiple (a 3.0x line implies 33 %).</summary>
    public decimal StartingWinRate(CoverageThresholds thresholds) =>
        WinRate ?? Math.Round(100m / Math.Max(1m, (thresholds ?? CoverageThresholds.Default).OnTrack), 1);
}

/// <summary>A saved scenario with what it implies against today's closed won and open pipeline.</summary>
public sealed record ScenarioView(int Id, string Name, Quarter Quarter, string? Segment, decimal Target, decimal WinRate, decimal ExtraPipeline, bool ShowInReview, string CreatedBy, DateTime CreatedUtc, PlannerBaseline Baseline, PlanResult Result);

/// <summary>A scenario to save.</summary>
public sealed record ScenarioInput(string Name, Quarter Quarter, string? Segment, decimal Target, decimal WinRate, decimal ExtraPipeline, bool ShowInReview = true);

/// <summary>The what-if coverage planner's read side and its saved scenarios (saving and deleting are audited).</summary>
public sealed class PlannerService(IDbContextFactory<DashboardDbContext> factory, DashboardSnapshotProvider snapshots, Settings.ThresholdStore thresholds, Audit.AuditLog audit, TimeProvider time)
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
        var settings = await thresholds.GetAsync(ct);
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
        var coverage = (await thresholds.GetAsync(ct)).Coverage;
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

    /// <summary>Saves a scenario (a new one, or replaces the one with the same name, quarter and segment) and audits it.</summary>
    public async Task<int> SaveAsync(ScenarioInput input, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = Validate(input);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(input));
        }

        var name = input.Name.Trim();
        var segment = string.IsNullOrWhiteSpace(input.Segment) ? null : input.Segment.Trim();
        var quarter = input.Quarter;
        var scope = Scope.Of(segment);
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.PlannerScenarios.FirstOrDefaultAsync(s => s.Name == name && s.Quarter == quarter && s.Scope == scope, ct);
        object? before = row is null ? null : new { row.Target, row.WinRate, row.ExtraPipeline, row.ShowInReview };
        if (row is null)
        {
            row = new PlannerScenario { Name = name, Quarter = quarter, Scope = scope };
            db.PlannerScenarios.Add(row);
        }

        row.Target = input.Target;
        row.WinRate = input.WinRate;
        row.ExtraPipeline = input.ExtraPipeline;
        row.ShowInReview = input.ShowInReview;
        row.CreatedBy = actor;
        row.CreatedUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(actor, "scenario.save", $"{name} ({quarter} {segment ?? "company"})", before, new { input.Target, input.WinRate, input.ExtraPipeline, input.ShowInReview }, ct);
        return row.Id;
    }

    public async Task DeleteAsync(int id, string actor, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.PlannerScenarios.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (row is null)
        {
            return;
        }

        db.PlannerScenarios.Remove(row);
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(actor, "scenario.delete", $"{row.Name} ({row.Quarter} {row.Scope.Segment ?? "company"})", new { row.Target, row.WinRate, row.ExtraPipeline }, null, ct);
    }

    public static IReadOnlyList<string> Validate(ScenarioInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(input.Name))
        {
            errors.Add("Give the scenario a name.");
        }
        else if (input.Name.Trim().Length > 120)
        {
            errors.Add("The name is longer than 120 characters.");
        }

        if (input.Target <= 0)
        {
            errors.Add("The target must be above 0.");
        }

        if (input.WinRate is <= 0 or > 100)
        {
            errors.Add("The win rate must be above 0 % and at most 100 %.");
        }

        if (input.ExtraPipeline < 0)
        {
            errors.Add("Extra pipeline cannot be negative.");
        }

        return errors;
    }
}
