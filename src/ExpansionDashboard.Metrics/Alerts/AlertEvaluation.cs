using ExpansionDashboard.Metrics.Pipeline;

namespace ExpansionDashboard.Metrics.Alerts;

/// <summary>A rule's value for one scope and the period it belongs to (a month "2026-11" or, for coverage, a quarter "2026-Q4").</summary>
/// <param name="Value">The value; null when it cannot be judged (no target, not enough history, no health scores).</param>
/// <param name="Period">The reporting month or quarter.</param>
public sealed record AlertReading(decimal? Value, string Period);

/// <summary>A rule that fires for one scope: the value, the line, its severity and the sentence people read.</summary>
public sealed record AlertFinding(
    int RuleId,
    string RuleName,
    AlertMetric Metric,
    Scope Scope,
    int QuarterOffset,
    decimal Value,
    decimal Threshold,
    AlertSeverity Severity,
    string Message,
    string Period)
{
    /// <summary>The metric's slug ("coverage", "nrr-t12m", …).</summary>
    public string MetricSlug => AlertRules.Slug(Metric);
}

/// <summary>
/// The evaluation of a stored rule, pure: which scopes a rule is judged for in a view, whether a reading fires, and the
/// message with its values. The store supplies the readings; every consumer (Overview, review deck, monitor) goes
/// through here, so a rule reads the same everywhere.
/// </summary>
public static class AlertEvaluation
{
    /// <summary>
    /// Which rule is judged for which scope. Without a segment in the view: a company rule for the company, an
    /// each-segment rule for each of <paramref name="segments"/>, a one-segment rule for its segment — exactly what the
    /// monitor stores. A view of one segment judges the rules on that segment's accounts: each-segment rules and that
    /// segment's own rules; a company rule only where no such rule watches the same metric and quarter (the more
    /// specific line wins, so a figure is not judged twice).
    /// </summary>
    public static IReadOnlyList<(AlertRuleDefinition Rule, Scope Scope)> Plan(IEnumerable<AlertRuleDefinition> rules, IReadOnlyList<string> segments, string? viewSegment = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(segments);
        var list = rules.ToList();
        if (string.IsNullOrWhiteSpace(viewSegment))
        {
            return list.SelectMany(r => (r.Scope.Kind switch
            {
                ScopeKind.Company => [Scope.Company],
                ScopeKind.EachSegment => segments.Select(Scope.Of).ToList(),
                _ => new List<Scope> { r.Scope },
            }).Select(s => (r, s))).ToList();
        }

        var view = Scope.Of(viewSegment);
        bool ForView(AlertRuleDefinition r) => r.Scope.Kind == ScopeKind.EachSegment
            || (r.Scope.Kind == ScopeKind.Segment && string.Equals(r.Scope.Segment, view.Segment, StringComparison.OrdinalIgnoreCase));
        var specific = list.Where(ForView).Select(r => (r.Metric, r.QuarterOffset)).ToHashSet();
        return list.Where(r => ForView(r) || (r.Scope.IsCompany && !specific.Contains((r.Metric, r.QuarterOffset))))
            .Select(r => (r, view)).ToList();
    }

    /// <summary>Alerts before watches, then by metric, the company before segments, segments by name.</summary>
    public static IReadOnlyList<AlertFinding> Ordered(IEnumerable<AlertFinding> findings) =>
        findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Metric).ThenBy(f => f.Scope.IsCompany ? 0 : 1)
            .ThenBy(f => f.Scope.Segment, StringComparer.Ordinal).ThenBy(f => f.RuleId).ToList();

    /// <summary>The finding when <paramref name="reading"/> breaks <paramref name="rule"/> for <paramref name="scope"/>; null when it does not.</summary>
    public static AlertFinding? Evaluate(AlertRuleDefinition rule, Scope scope, AlertReading reading)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(reading);
        return AlertRules.Breaches(rule.Metric, reading.Value, rule.Threshold)
            ? new AlertFinding(rule.Id, rule.Name, rule.Metric, scope, rule.QuarterOffset, reading.Value!.Value, rule.Threshold, rule.Severity,
                Message(rule.Metric, scope, reading.Value.Value, rule.Threshold, reading.Period), reading.Period)
            : null;
    }

    /// <summary>
    /// The coverage tile's severity and word from the same evaluation as its alert ring: the firing rule's when a coverage
    /// rule fires for the tile's scope and quarter; otherwise the band's, except that a band under the alert line reads
    /// Watch, because only a firing rule makes a figure red. "Target met" and "No target" never fire.
    /// </summary>
    public static (Severity Severity, string Label) CoverageTile(CoverageBand band, AlertFinding? finding) => finding switch
    {
        { Severity: AlertSeverity.Alert } => (Severity.Alert, CoverageThresholds.Label(CoverageBand.Alert)),
        { Severity: AlertSeverity.Watch } => (Severity.Watch, CoverageThresholds.Label(CoverageBand.Watch)),
        _ when band == CoverageBand.Alert => (Severity.Watch, CoverageThresholds.Label(CoverageBand.Watch)),
        _ => (CoverageThresholds.SeverityOf(band), CoverageThresholds.Label(band)),
    };

    /// <summary>The sentence people read in the list, the alert centre and the webhook's text, with the value and the line.</summary>
    public static string Message(AlertMetric metric, Scope scope, decimal value, decimal threshold, string period)
    {
        var who = scope.ToString();
        var c = CultureInfo.InvariantCulture;
        return metric switch
        {
            AlertMetric.Coverage => string.Create(c, $"{who} coverage for {period} is {value:0.0}x, below {threshold:0.0#}x"),
            AlertMetric.NrrT12m => string.Create(c, $"{who} trailing-12-month NRR is {value:0.0} %, below {threshold:0.##} % ({period})"),
            AlertMetric.GrrT12m => string.Create(c, $"{who} trailing-12-month GRR is {value:0.0} %, below {threshold:0.##} % ({period})"),
            AlertMetric.ExpansionRate => string.Create(c, $"{who} expansion rate in {period} is {value:0.00} %, below {threshold:0.##} % a month"),
            AlertMetric.RedHealthShare => string.Create(c, $"{who}: {value:0.0} % of MRR is in red-health accounts, above {threshold:0.##} % ({period})"),
            _ => string.Create(c, $"{who} contraction in {period} is {value:0.0}× its 6-month average, above {threshold:0.0#}×"),
        };
    }
}
