namespace ExpansionDashboard.Data.Entities;

/// <summary>A threshold alert rule an admin edits (see <c>AlertRules</c> in the metrics library for the metrics).</summary>
public sealed class AlertRule
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The metric's slug, e.g. "coverage", "nrr-t12m", "red-health-share".</summary>
    public required string Metric { get; set; }

    /// <summary>Null for the company, "*" for each segment, or a segment name.</summary>
    public string? Segment { get; set; }

    /// <summary>Coverage rules: 0 the current quarter, 1 the next.</summary>
    public int QuarterOffset { get; set; }

    public decimal Threshold { get; set; }

    /// <summary>"alert" or "watch".</summary>
    public string Severity { get; set; } = "alert";

    public bool Enabled { get; set; } = true;

    /// <summary>An outgoing webhook for this rule's firings; null to use the global one.</summary>
    public string? WebhookUrl { get; set; }
}
