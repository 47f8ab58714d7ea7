namespace ExpansionDashboard.Data.Alerts;

/// <summary>Where a firing's webhook delivery stands. Stored as "none", "pending", "sent" or "failed".</summary>
public enum NotifyState
{
    /// <summary>No webhook was configured when it fired.</summary>
    None,

    /// <summary>Waiting for its (next) delivery attempt.</summary>
    Pending,

    /// <summary>Delivered.</summary>
    Sent,

    /// <summary>Given up after <see cref="AlertOutbox.MaxAttempts"/> attempts.</summary>
    Failed,
}

/// <summary>Where a firing stands for people: open, acknowledged (still open, someone has seen it) or resolved.</summary>
public enum FiringStatus
{
    Open,
    Acknowledged,
    Resolved,
}

/// <summary>The stored spellings of <see cref="NotifyState"/> and <see cref="FiringStatus"/>.</summary>
public static class NotifyStates
{
    public static string Key(this NotifyState state) => state switch
    {
        NotifyState.Pending => "pending",
        NotifyState.Sent => "sent",
        NotifyState.Failed => "failed",
        _ => "none",
    };

    public static NotifyState Parse(string? key) => key?.Trim().ToLowerInvariant() switch
    {
        "pending" => NotifyState.Pending,
        "sent" => NotifyState.Sent,
        "failed" => NotifyState.Failed,
        _ => NotifyState.None,
    };

    public static string Key(this FiringStatus status) => status switch
    {
        FiringStatus.Acknowledged => "acknowledged",
        FiringStatus.Resolved => "resolved",
        _ => "open",
    };
}
