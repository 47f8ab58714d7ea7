using ExpansionDashboard.Data.Alerts;
using ExpansionDashboard.Metrics.Alerts;

namespace ExpansionDashboard.Data.Entities;

/// <summary>One firing of a rule for a scope: opened when the value crosses the line, resolved when it comes back.</summary>
public sealed class AlertFiring
{
    public long Id { get; set; }

    public int RuleId { get; set; }

    /// <summary>The scope's stored key (<c>Scope.Key</c>): "company" or the segment; older rows may hold "Company".</summary>
    public required string Scope { get; set; }

    public decimal Value { get; set; }

    public decimal Threshold { get; set; }

    /// <summary>Stored as "alert" or "watch".</summary>
    public AlertSeverity Severity { get; set; } = AlertSeverity.Alert;

    public required string Message { get; set; }

    /// <summary>The reporting month (YYYY-MM) or quarter the value belongs to.</summary>
    public string Period { get; set; } = "";

    public DateTime FiredUtc { get; set; }

    public DateTime? ResolvedUtc { get; set; }

    public string? AcknowledgedBy { get; set; }

    public DateTime? AcknowledgedUtc { get; set; }

    /// <summary>Stored as "pending", "sent", "failed" or "none" (no webhook configured when it fired).</summary>
    public NotifyState NotifyState { get; set; } = NotifyState.None;

    public int NotifyAttempts { get; set; }

    public DateTime? NextAttemptUtc { get; set; }

    public DateTime? NotifiedUtc { get; set; }

    public string? NotifyError { get; set; }
}
