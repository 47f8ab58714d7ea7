using MetricSeverity = ExpansionDashboard.Metrics.Bands.Severity;

namespace ExpansionDashboard.Web.Shared;

/// <summary>
/// The one palette of the app: the screen theme, the projector theme, chart series and the severity style. Every colour a
/// page, widget or chart uses comes from here, so a band reads the same colour on every page and slide.
/// </summary>
public static class DashboardPalette
{
    // Screen (light) theme. Severity uses Okabe–Ito blue, orange and vermillion: they differ in hue and in lightness
    // (L* about 46, 71 and 54), so good, watch and alert stay apart with the common colour-vision deficiencies and in
    // greyscale. The same values are the CSS variables --ed-good, --ed-watch and --ed-alert (app.css).
    public const string Primary = "#3949ab";
    public const string Secondary = "#00897b";
    public const string Good = "#0072B2";
    public const string Watch = "#E69F00";
    public const string Alert = "#D55E00";

    /// <summary>Watch as text on white: the orange fill is too light to read (contrast 2.2:1), this is 5.8:1.</summary>
    public const string WatchText = "#8F5A00";

    /// <summary>Alert as text on white (contrast 5.4:1).</summary>
    public const string AlertText = "#B34B00";
    public const string Neutral = "#78909c";
    public const string Fx = "#8e8e8e";
    public const string StrongBand = "#56B4E9";
    public const string AppBar = "#1a237e";
    public const string Background = "#f5f6fa";

    // Screen (dark) theme: the light Okabe–Ito counterparts, readable on the dark surface.
    public const string DarkPrimary = "#7986cb";
    public const string DarkSecondary = "#4db6ac";
    public const string DarkGood = "#56B4E9";
    public const string DarkWatch = "#F5C542";
    public const string DarkAlert = "#F2652A";

    /// <summary>The colours a chart draws around its data in the light theme (ApexCharts' own text and grid greys).</summary>
    public static ChartChrome LightChart { get; } = new("light", Text: "#373d3f", Grid: "#e0e0e0", Track: "#e6e8ee", Surface: "#ffffff", BandOpacity: 0.12);

    /// <summary>
    /// The same on the dark surface: light text (also app.css's <c>.ed-dark .apexcharts-text</c>), a dim grid and
    /// gauge track, the surface for empty heat-map cells, and bands a little stronger so they still show.
    /// </summary>
    public static ChartChrome DarkChart { get; } = new("dark", Text: "#d0d3dc", Grid: "#3a3f4b", Track: "#3a3f4b", Surface: "#1e1e2d", BandOpacity: 0.18);

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
    public static IReadOnlyList<string> Series { get; } = Categorical.Hashed;

    /// <summary>
    /// One colour per segment, deal type, product, movement and forecast part, the same on every chart: Seats is sand
    /// wherever it is drawn, Enterprise indigo. Known names have a fixed colour; any other name (a product or segment
    /// from an import) gets a colour from its name, so it too keeps it from chart to chart and from day to day.
    /// </summary>
    public static class Categorical
    {
        // Segments.
        public const string Enterprise = "#332288";
        public const string MidMarket = "#44AA99";
        public const string Smb = "#CC79A7";
        public const string Overall = "#4D4D4D";

        // Deal types (expansion types and motions).
        public const string Upsell = "#117733";
        public const string CrossSell = "#88CCEE";
        public const string Seats = "#DDAA33";
        public const string Usage = "#AA4499";

        // MRR movements; contraction and churn carry their severity's colour.
        public const string New = "#4477AA";
        public const string Reactivation = "#66CCEE";
        public const string Expansion = "#228833";
        public const string Contraction = Watch;
        public const string Churn = Alert;
        public const string FxMovement = Fx;

        // Retention lines and forecast parts.
        public const string Nrr = Primary;
        public const string Grr = "#009E73";
        public const string LogoRetention = "#4D4D4D";
        public const string Mrr = Primary;
        public const string Booked = "#228833";
        public const string WeightedPipeline = "#4477AA";
        public const string NotYetCreated = "#88CCEE";
        public const string Untracked = "#BBBBBB";
        public const string Forecast = "#999999";
        public const string Actual = Primary;

        /// <summary>For names the app does not know (imported products and segments), picked by a stable hash.</summary>
        public static IReadOnlyList<string> Hashed { get; } =
            ["#3949ab", "#009E73", "#E69F00", "#CC6677", "#882255", "#56B4E9", "#999933", "#661100", "#6699CC", "#AA4499"];

        private static readonly Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
        {
            ["enterprise"] = Enterprise,
            ["midmarket"] = MidMarket,
            ["smb"] = Smb,
            ["overall"] = Overall,
            ["company"] = Overall,
            ["allsegments"] = Overall,
            ["allaccounts"] = Overall,
            ["upsell"] = Upsell,
            ["crosssell"] = CrossSell,
            ["seats"] = Seats,
            ["usage"] = Usage,
            ["new"] = New,
            ["reactivation"] = Reactivation,
            ["expansion"] = Expansion,
            ["contraction"] = Contraction,
            ["churn"] = Churn,
            ["fx"] = FxMovement,
            ["nrr"] = Nrr,
            ["nrrt12m"] = Nrr,
            ["t12mnrr"] = Nrr,
            ["monthlynrr"] = Nrr,
            ["grr"] = Grr,
            ["logoretention"] = LogoRetention,
            ["mrr"] = Mrr,
            ["booked"] = Booked,
            ["weightedpipeline"] = WeightedPipeline,
            ["dealsnotyetcreated"] = NotYetCreated,
            ["untrackedusageseats"] = Untracked,
            ["forecastatquarterstart"] = Forecast,
            ["actual"] = Actual,
            ["openpipelinearr"] = Primary,
        };

        /// <summary>The colour of a category by its name as charts show it ("Cross-sell", "Mid-Market", "Core Platform").</summary>
        public static string Of(string name)
        {
            var key = Key(name);
            if (Known.TryGetValue(key, out var colour))
            {
                return colour;
            }

            // FNV-1a over the normalised name: stable across processes, unlike string.GetHashCode.
            var hash = 2166136261u;
            foreach (var c in key)
            {
                hash = unchecked((hash ^ char.ToLowerInvariant(c)) * 16777619u);
            }

            return Hashed[(int)(hash % (uint)Hashed.Count)];
        }

        /// <summary>The colours of series in their order.</summary>
        public static IReadOnlyList<string> Of(IEnumerable<string> names) => names.Select(Of).ToList();

        private static string Key(string? name) => new((name ?? "").Where(char.IsLetterOrDigit).ToArray());
    }

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

/// <summary>A theme's chart colours beside the data, sent to the chart module with every spec (<c>Mode</c> is ApexCharts' theme).</summary>
public sealed record ChartChrome(string Mode, string Text, string Grid, string Track, string Surface, double BandOpacity);
