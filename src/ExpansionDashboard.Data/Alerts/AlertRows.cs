using ExpansionDashboard.Metrics.Alerts;

namespace ExpansionDashboard.Data.Alerts;

/// <summary>
/// A rule as the admin form edits it: text fields as typed, validated by <see cref="AlertRuleStore"/> before anything
/// is stored. <see cref="Segment"/> is a scope spelling (<see cref="Metrics.Model.Scope.Parse"/>): empty or "company"
/// for the company, "*" for each segment, or a segment name.
/// </summary>
public sealed record AlertRuleRow(int Id, string Name, string Metric, string? Segment, int QuarterOffset, decimal Threshold, string Severity, bool Enabled, string? WebhookUrl)
{
    public Scope Scope => Scope.Parse(Segment);
}

/// <summary>A stored firing with its rule's name and metric (kept when the rule is deleted).</summary>
public sealed record AlertFiringRow(
    long Id, int RuleId, string RuleName, string Metric, Scope Scope, decimal Value, decimal Threshold, AlertSeverity Severity, string Message, string Period,
    DateTime FiredUtc, DateTime? ResolvedUtc, string? AcknowledgedBy, DateTime? AcknowledgedUtc, NotifyState NotifyState, int NotifyAttempts, string? NotifyError)
{
    public FiringStatus Status => ResolvedUtc is not null ? FiringStatus.Resolved : AcknowledgedUtc is not null ? FiringStatus.Acknowledged : FiringStatus.Open;
}

/// <summary>What one refresh of the stored firings changed.</summary>
public sealed record FiringChanges(int Opened, int Resolved, int StillOpen, IReadOnlyList<long> OpenedIds);

/// <summary>A firing waiting for its webhook delivery.</summary>
public sealed record DueNotification(AlertFiringRow Firing, string Url);
