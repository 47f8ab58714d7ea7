using MetricSeverity = ExpansionDashboard.Metrics.Bands.Severity;

namespace ExpansionDashboard.Web.Shared;

/// <summary>
/// The one palette of the app: the screen theme, the projector theme, chart series and the severity style. Every colour a
/// page, widget or chart uses comes from here, so a band reads the same colour on every page and slide.
/// </summary>
public static class DashboardPalette
{
    // Screen (light) theme.
    public const string Primary = "#3949ab";
    public const string Secondary = "#00897b";
    public const string Good = "#2e7d32";
    public const string Watch = "#ed8c00";
    public const string Alert = "#c62828";
    public const string Neutral = "#78909c";
    public const string Fx = "#8e8e8e";
    public const string StrongBand = "#66bb6a";
    public const string AppBar = "#1a237e";
    public const string Background = "#f5f6fa";

    // Screen (dark) theme.
    public const string DarkPrimary = "#7986cb";
    public const string DarkSecondary = "#4db6ac";
    public const string DarkGood = "#66bb6a";
    public const string DarkWatch = "#ffb74d";
    public const string DarkAlert = "#ef5350";

    /// <summary>
    /// The projector: Okabe–Ito hues, distinguishable with the common colour-vision deficiencies and on a washed-out
    /// projector, and dark enough for text on white.
    /// </summary>
    public static class Projector
    {
        public const string Primary = "#0b3d91";
        public const string Blue = "#0072B2";
        public const string Vermillion = "#D55E00";
        public const string Orange = "#E69F00";
        public const string Green = "#009E73";
        public const string Good = "#006e4f";
        public const string Watch = "#b35900";
        public const string Alert = "#b3261e";
        public const string Paper = "#ffffff";
        public const string Text = "#000000";
        public const string TextSecondary = "#1f1f1f";
        public const string Lines = "#4d4d4d";
    }

    /// <summary>
    /// The diverging retention scale (ColorBrewer BrBG/RdBu ends), from losing half to keeping one and a half times what a
    /// cohort started with; the centre is a light fill so an empty cell (hatched) never looks like 100 %.
    /// </summary>
    public static class Heat
    {
        public const string Lost50 = "#b2182b";
        public const string Lost25 = "#ef8a62";
        public const string Lost10 = "#fddbc7";
        public const string Kept = "#efede6";
        public const string Grew10 = "#c7eae5";
        public const string Grew25 = "#5ab4ac";
        public const string Grew50 = "#01665e";
        public const string DarkText = "#000000";
        public const string LightText = "#ffffff";
    }

    /// <summary>Series colours in order, for charts with several series that carry no judgement.</summary>
    public static IReadOnlyList<string> Series { get; } = [Primary, Secondary, Good, Watch, Neutral, Alert];

    /// <summary>The chart colour of a severity.</summary>
    public static string Colour(MetricSeverity severity) => severity switch
    {
        MetricSeverity.Good => Good,
        MetricSeverity.Watch => Watch,
        MetricSeverity.Alert => Alert,
        _ => Neutral,
    };

    /// <summary>The colour of an alert rule's severity: the same as the metric severity it stands for.</summary>
    public static string Colour(Metrics.Alerts.AlertSeverity severity) =>
        Colour(severity == Metrics.Alerts.AlertSeverity.Alert ? MetricSeverity.Alert : MetricSeverity.Watch);

    /// <summary>The MudBlazor colour of a severity (chips, icons, alerts).</summary>
    public static Color MudColour(MetricSeverity severity) => severity switch
    {
        MetricSeverity.Good => Color.Success,
        MetricSeverity.Watch => Color.Warning,
        MetricSeverity.Alert => Color.Error,
        _ => Color.Default,
    };

    /// <summary>The icon of a severity: colour is never the only signal.</summary>
    public static string Icon(MetricSeverity severity) => severity switch
    {
        MetricSeverity.Good => Icons.Material.Filled.CheckCircle,
        MetricSeverity.Watch => Icons.Material.Filled.Visibility,
        MetricSeverity.Alert => Icons.Material.Filled.Error,
        _ => Icons.Material.Filled.Info,
    };
}
