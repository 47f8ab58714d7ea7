namespace ExpansionDashboard.Data.Entities;

/// <summary>One firing of a rule for a scope: opened when the value crosses the line, resolved when it comes back.</summary>
public sealed class AlertFiring
{
    public long Id { get; set; }

    public int RuleId { get; set; }

    /// <summary>"Company" or the segment the firing concerns.</summary>
    public required string Scope { get; set; }

    public decimal Value { get; set; }

    public decimal Threshold { get; set; }

    public string Severity { get; set; } = "alert";

    public required string Message { get; set; }

    /// <summary>The reporting month (YYYY-MM) or quarter the value belongs to.</summary>
    public string Period { get; set; } = "";

    public DateTime FiredUtc { get; set; }

    public DateTime? ResolvedUtc { get; set; }

    public string? AcknowledgedBy { get; set; }

    public DateTime? AcknowledgedUtc { get; set; }

    /// <summary>"pending", "sent", "failed" or "none" (no webhook configured when it fired).</summary>
    public string NotifyState { get; set; } = "none";

    public int NotifyAttempts { get; set; }

    public DateTime? NextAttemptUtc { get; set; }

    public DateTime? NotifiedUtc { get; set; }

    public string? NotifyError { get; set; }
}
