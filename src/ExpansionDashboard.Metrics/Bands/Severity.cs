namespace ExpansionDashboard.Metrics.Bands;

/// <summary>How a value reads against its thresholds; the UI maps a severity to a colour and an icon.</summary>
public enum Severity
{
    /// <summary>No judgement possible (no data, no target).</summary>
    None,

    /// <summary>At or above the good threshold.</summary>
    Good,

    /// <summary>Acceptable, worth watching.</summary>
    Watch,

    /// <summary>Below the alert threshold: action needed.</summary>
    Alert,
}
