namespace ExpansionDashboard.Metrics.Alerts;

/// <summary>How loud a rule is when it fires: watch (amber) or alert (red). Stored as "watch" / "alert".</summary>
public enum AlertSeverity
{
    /// <summary>Worth watching: amber.</summary>
    Watch,

    /// <summary>Action needed: red.</summary>
    Alert,
}

/// <summary>The one stored spelling of <see cref="AlertSeverity"/> and its place on the shared severity scale.</summary>
public static class AlertSeverities
{
    /// <summary>"watch" or "alert": what the store, the webhook payload and the CSV carry.</summary>
    public static string Key(this AlertSeverity severity) => severity == AlertSeverity.Watch ? "watch" : "alert";

    /// <summary>Reads a stored key; false for anything else (a form's "loud").</summary>
    public static bool TryParse(string? key, out AlertSeverity severity)
    {
        switch (key?.Trim().ToLowerInvariant())
        {
            case "watch":
                severity = AlertSeverity.Watch;
                return true;
            case "alert":
                severity = AlertSeverity.Alert;
                return true;
            default:
                severity = AlertSeverity.Alert;
                return false;
        }
    }

    /// <summary>Reads a stored key; an unknown one reads as alert, so a damaged row is loud rather than silent.</summary>
    public static AlertSeverity Parse(string? key) => TryParse(key, out var s) ? s : AlertSeverity.Alert;

    /// <summary>The shared severity the UI maps to its palette.</summary>
    public static Severity ToBand(this AlertSeverity severity) => severity == AlertSeverity.Watch ? Severity.Watch : Severity.Alert;
}
