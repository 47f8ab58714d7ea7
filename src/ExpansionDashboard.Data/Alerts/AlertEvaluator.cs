using System.Collections.Concurrent;
using ExpansionDashboard.Metrics.Alerts;
using ExpansionDashboard.Metrics.Expansion;
using ExpansionDashboard.Metrics.Movements;

namespace ExpansionDashboard.Data.Alerts;

/// <summary>Where rules are judged: a month (null: the data's horizon), a page's filter, and for the review deck the day whose pipeline counts.</summary>
/// <param name="AsOf">The reporting month; null or later than the horizon means the horizon.</param>
/// <param name="Filter">The page's group filter; its segment narrows which scopes are judged (see <see cref="AlertEvaluation.Plan"/>).</param>
/// <param name="PipelineDay">A past day whose pipeline (rebuilt from created/closed dates) coverage is judged on; null for the stored pipeline.</param>
public sealed record AlertContext(Month? AsOf = null, AccountFilter? Filter = null, DateOnly? PipelineDay = null)
{
    /// <summary>What the monitor stores: the horizon, the whole book.</summary>
    public static AlertContext Latest { get; } = new();
}

/// <summary>
/// The one evaluation of the stored rules. The Overview's list and tile rings, the review deck's coverage alerts and the
/// monitor (which turns the latest evaluation into stored firings, the alert centre and the webhooks) all read it, so
/// editing a rule changes every one of them.
/// </summary>
public sealed class AlertEvaluator(
    IDbContextFactory<DashboardDbContext> factory, DashboardSnapshotProvider snapshots, SettingsProvider settingsProvider, AlertRuleStore rules, AlertFiringStore firings, TimeProvider time)
    : IDisposable
{
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly ConcurrentDictionary<(string Marker, AlertContext Context), IReadOnlyList<AlertFinding>> _cache = new();

    public void Dispose() => _refreshing.Dispose();

    /// <summary>Every (rule, scope) that fires in <paramref name="context"/>, alerts first.</summary>
    public async Task<IReadOnlyList<AlertFinding>> FindingsAsync(AlertContext? context = null, CancellationToken ct = default)
    {
        context ??= AlertContext.Latest;
        var marker = await MarkerAsync(ct);
        if (_cache.TryGetValue((marker, context), out var cached))
        {
            return cached;
        }

        var findings = await EvaluateAsync(context, ct);
        if (_cache.Count > 64)
        {
            _cache.Clear();
        }

        _cache[(marker, context)] = findings;
        return findings;
    }

    /// <summary>True when the data, the rules, the thresholds or the calendar day changed since the stored firings were refreshed.</summary>
    public async Task<bool> NeedsRefreshAsync(CancellationToken ct = default) =>
        !string.Equals(await MarkerAsync(ct), await firings.EvaluatedMarkerAsync(ct), StringComparison.Ordinal);

    /// <summary>Evaluates at the horizon for the whole book and stores the result as firings (opened, updated, resolved).</summary>
    public async Task<FiringChanges> RefreshFiringsAsync(CancellationToken ct = default)
    {
        await _refreshing.WaitAsync(ct);
        try
        {
            var marker = await MarkerAsync(ct);
            var findings = await EvaluateAsync(AlertContext.Latest, ct);
            return await firings.ApplyAsync(findings, marker, ct);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private async Task<IReadOnlyList<AlertFinding>> EvaluateAsync(AlertContext context, CancellationToken ct)
    {
        var snap = await snapshots.GetAsync(ct);
        var settings = await settingsProvider.GetAsync(ct);
        var model = snap.Revenue;
        var asOf = AsOfMonth.Of(model, time, context.AsOf);
        var enabled = await rules.EnabledAsync(ct);
        var segments = model.Accounts.Select(a => a.Account.Segment).Concat(snap.Targets.Select(t => t.Segment ?? ""))
            .Where(s => s.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var opportunities = context.PipelineDay is { } day && day < today ? OpportunityHistory.AsOf(snap.Opportunities, day) : snap.Opportunities;
        var inputs = new Inputs(snap, opportunities, settings, asOf, context.Filter);

        var findings = new List<AlertFinding>();
        foreach (var (rule, scope) in AlertEvaluation.Plan(enabled, segments, context.Filter?.Segment))
        {
            var reading = Read(rule, scope, inputs);
            if (AlertEvaluation.Evaluate(rule, scope, reading) is { } finding)
            {
                findings.Add(finding);
            }
        }

        return AlertEvaluation.Ordered(findings);
    }

    /// <summary>What one evaluation reads from: the snapshot, the pipeline it judges, the coverage bands, the month and the page's filter.</summary>
    private sealed class Inputs(DashboardSnapshot snap, IReadOnlyList<OpportunityInput> opportunities, DashboardSettings settings, Month asOf, AccountFilter? filter)
    {
        private readonly Dictionary<string, IReadOnlyList<MonthMovements>> _movements = new(StringComparer.OrdinalIgnoreCase);
        private HealthMonth? _health;
        private bool _healthLoaded;

        public DashboardSnapshot Snap => snap;

        public IReadOnlyList<OpportunityInput> Opportunities => opportunities;

        public CoverageThresholds Coverage => settings.Thresholds.Coverage;

        public Month AsOf => asOf;

        /// <summary>The page's filter narrowed to the scope's segment.</summary>
        public AccountFilter? FilterFor(Scope scope) =>
            scope.Segment is null ? filter : (filter ?? AccountFilter.All) with { Segment = scope.Segment };

        public IReadOnlyList<MonthMovements> Movements(Scope scope)
        {
            if (!_movements.TryGetValue(scope.Key, out var list))
            {
                _movements[scope.Key] = list = MrrMovementsMemo.Get(snap.Revenue, FilterFor(scope)).Where(m => m.Month <= asOf).ToList();
            }

            return list;
        }

        public HealthMonth? Health()
        {
            if (!_healthLoaded)
            {
                _health = snap.HealthAt(asOf, settings.HealthWeights);
                _healthLoaded = true;
            }

            return _health;
        }
    }

    /// <summary>
    /// A rule's value for a scope. The one place values are read, so moving them onto the metrics library's month
    /// summary is a change here only.
    /// </summary>
    private static AlertReading Read(AlertRuleDefinition rule, Scope scope, Inputs x)
    {
        var model = x.Snap.Revenue;
        var asOf = x.AsOf;
        var filter = x.FilterFor(scope);
        var period = asOf.ToString();
        switch (rule.Metric)
        {
            case AlertMetric.Coverage:
                // Judged for the reporting month's quarter (never today's): a book that ends in 2016 is judged for 2016.
                var quarter = asOf.Quarter.AddQuarters(rule.QuarterOffset);
                return new(PipelineCoverage.Compute(x.Opportunities, x.Snap.Targets, quarter, scope.Segment, x.Coverage).Coverage, quarter.ToString());
            case AlertMetric.NrrT12m or AlertMetric.GrrT12m:
                var w = model.IndexOf(asOf.AddMonths(-12)) >= 0 && model.IndexOf(asOf) >= 0 ? RetentionWindow.Compute(model, asOf.AddMonths(-12), asOf, filter) : null;
                return new(rule.Metric == AlertMetric.NrrT12m ? w?.Nrr : w?.Grr, period);
            case AlertMetric.ExpansionRate:
                return new(ExpansionRate.Compute(model, asOf, filter), period);
            case AlertMetric.RedHealthShare:
                var health = x.Health();
                return new(health is null ? null : RedHealthShare.Compute(health, model, filter), health?.Month.ToString() ?? period);
            default:
                return new(AlertRules.ContractionRatio(x.Movements(scope)), period);
        }
    }

    /// <summary>The state an evaluation depends on: data version, rules version, thresholds and the day (the daily re-evaluation).</summary>
    private async Task<string> MarkerAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var version = await DataVersion.GetAsync(db, ct);
        var rulesVersion = await rules.VersionAsync(ct);
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // Thresholds and health weights change findings without touching the data version.
        var settings = await SettingsVersion.GetAsync(db, ct);
        return $"{version}|{rulesVersion}|{today}|{settings}";
    }
}
