using ExpansionDashboard.Metrics.Alerts;

namespace ExpansionDashboard.Data.Entities;

/// <summary>A threshold alert rule an admin edits (see <c>AlertRules</c> in the metrics library for the metrics).</summary>
public sealed class AlertRule
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The metric's slug, e.g. "coverage", "nrr-t12m", "red-health-share".</summary>
    public required string Metric { get; set; }

    /// <summary>The scope's stored key (<c>Scope.Key</c>): "company", "*" for each segment, or a segment name; older rows may hold null for the company.</summary>
    public string? Segment { get; set; }

    /// <summary>Coverage rules: 0 the current quarter, 1 the next.</summary>
    public int QuarterOffset { get; set; }

    public decimal Threshold { get; set; }

    /// <summary>Stored as "alert" or "watch".</summary>
    public AlertSeverity Severity { get; set; } = AlertSeverity.Alert;

    public bool Enabled { get; set; } = true;

    /// <summary>An outgoing webhook for this rule's firings; null to use the global one.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>
    /// When an admin deleted the rule; null while it exists. Deletion is soft so the rule's firings keep their history
    /// (name, metric, webhook) in the alert centre and the review deck.
    /// </summary>
    public DateTime? DeletedUtc { get; set; }
}
