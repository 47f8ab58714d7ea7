namespace ExpansionDashboard.Web.Shared.Charts;

/// <summary>
/// Everything the chart module needs to draw one chart, built by pure functions in C# (see <see cref="ChartSpecs"/>)
/// so it can be tested without a browser. The module only translates it into ApexCharts options.
/// </summary>
/// <param name="Type">ApexCharts chart type: line, area, bar, heatmap or radialBar.</param>
/// <param name="Series">The data series; a heatmap has one series per row, a radial bar one value per gauge.</param>
/// <param name="Categories">X-axis labels (or heatmap columns, or radial-bar labels).</param>
/// <param name="Format">How values are shown: percent, money, multiple or number.</param>
/// <param name="Currency">ISO 4217 code of money values (the reporting currency).</param>
/// <param name="Locale">Culture name for numbers; the page's culture when null.</param>
/// <param name="Money">
/// Where sign, symbol and number go for money values, from the one money formatter (<see cref="Widgets.Money"/>), so
/// axes and tooltips read like the rest of the page; filled by the chart component for money charts when null.
/// </param>
/// <param name="TickAmount">Intervals on the y-axis between <paramref name="YMin"/> and <paramref name="YMax"/> (see <see cref="NiceScale"/>).</param>
/// <param name="AxisDecimals">Decimals of the y-axis labels: 0 for whole percentages.</param>
public sealed record ChartSpec(
    string Type,
    IReadOnlyList<ChartSeries> Series,
    IReadOnlyList<string> Categories,
    string Format = ChartFormats.Number,
    int Height = 300,
    string? Title = null,
    IReadOnlyList<string>? Colors = null,
    IReadOnlyList<ChartBand>? Bands = null,
    IReadOnlyList<HeatRange>? HeatRanges = null,
    RadialSpec? Radial = null,
    string? Currency = null,
    string? Locale = null,
    bool Stacked = false,
    string? Description = null,
    decimal? YMin = null,
    decimal? YMax = null,
    Widgets.MoneyPattern? Money = null,
    int? TickAmount = null,
    int? AxisDecimals = null);

/// <summary>A clicked data point: its series (row) and category (x) labels and their positions.</summary>
public sealed record ChartPoint(string Series, string Category, int SeriesIndex, int PointIndex);

/// <summary>A named series; null values are gaps (for example cohort ages not yet reached).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<decimal?> Data);

/// <summary>
/// A horizontal band on the y-axis (benchmark bands such as NRR 100–120 %). It is shaded without text on the plot; its
/// label is shown once, in the legend under the chart, so band labels never sit on each other or on the line.
/// </summary>
public sealed record ChartBand(decimal From, decimal To, string Color, string Label);

/// <summary>A heatmap colour range.</summary>
public sealed record HeatRange(decimal From, decimal To, string Color, string Name);

/// <summary>Radial-bar settings: the gauge's maximum value and the text shown in its centre.</summary>
public sealed record RadialSpec(decimal Max, IReadOnlyList<string> CentreLabels);

public static class ChartFormats
{
    public const string Percent = "percent";
    public const string Money = "money";
    public const string Multiple = "multiple";
    public const string Number = "number";
}
