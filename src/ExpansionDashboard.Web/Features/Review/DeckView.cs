using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExpansionDashboard.Web.Features.Review;

/// <summary>
/// The review deck as shown: every slide's text already formatted, every severity already judged. The page, the
/// PowerPoint export and a saved review all read this one model, so a review saved last week reopens exactly as it was
/// shown, whatever the thresholds or the data say today.
/// </summary>
/// <param name="Month">The reporting month ("2026-11").</param>
/// <param name="RefreshedAt">When the figures were computed (the "last refreshed" line).</param>
/// <param name="Headlines">The headline figures, raw, for the comparison of two reviews.</param>
public sealed record DeckView(
    int Version,
    DateOnly Date,
    string Month,
    string Quarter,
    DateTimeOffset RefreshedAt,
    long DataVersion,
    bool HasData,
    IReadOnlyList<DeckSlide> Slides,
    IReadOnlyList<DeckFigure> Headlines)
{
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static DeckView FromJson(string json) =>
        JsonSerializer.Deserialize<DeckView>(json, Json) ?? throw new JsonException("A saved review holds no deck.");
}

/// <summary>One slide: a title, then KPI cards, a chart, and tables, in that order; <paramref name="MetricIds"/> feed the speaker notes.</summary>
public sealed record DeckSlide(
    string Id,
    string Title,
    string? Subtitle,
    IReadOnlyList<string> MetricIds,
    IReadOnlyList<DeckKpi>? Kpis = null,
    DeckChart? Chart = null,
    IReadOnlyList<DeckTable>? Tables = null,
    string? Empty = null,
    string? Legend = null);

/// <summary>A headline card; <paramref name="Bars"/> are the per-segment figures of a card that has one per segment.</summary>
/// <param name="Severity">good, watch, alert or none (see <see cref="DeckSeverity"/>).</param>
/// <param name="Change">"▲ +1.2 pp vs last month"; null where the figure cannot have changed.</param>
public sealed record DeckKpi(
    string Id,
    string Label,
    string Value,
    string Severity,
    string? Band,
    string? Change,
    string? Note,
    IReadOnlyList<DeckBar>? Bars = null,
    decimal? Raw = null);

/// <summary>One segment's figure against its healthy band (<paramref name="BandLow"/>–<paramref name="BandHigh"/>) on a 0–<paramref name="Max"/> scale.</summary>
public sealed record DeckBar(string Label, string Value, decimal? Raw, string Severity, string? Band, string? Change, decimal BandLow, decimal BandHigh, decimal Max);

/// <summary>A line chart: one value per category, with horizontal benchmark bands and the y range.</summary>
public sealed record DeckChart(string Title, string Format, IReadOnlyList<string> Categories, IReadOnlyList<decimal?> Values, IReadOnlyList<DeckBand> Bands, decimal Min, decimal Max);

public sealed record DeckBand(decimal From, decimal To, string Label, string Severity);

public sealed record DeckTable(string TestId, string? Title, IReadOnlyList<DeckColumn> Columns, IReadOnlyList<IReadOnlyList<DeckCell>> Rows);

/// <param name="Wide">Long text (names, reasons, messages) that may wrap; other columns stay on one line.</param>
public sealed record DeckColumn(string Header, bool Numeric = false, bool Wide = false);

/// <param name="Person">A person's name, hidden in presenter mode.</param>
public sealed record DeckCell(string Text, string? Severity = null, bool Person = false);

/// <summary>A headline figure for comparisons: raw value and its shown text.</summary>
public sealed record DeckFigure(string Id, string Label, decimal? Value, string Unit, string Text);

/// <summary>The severities the deck draws, each with its own colour, shape and word.</summary>
public static class DeckSeverity
{
    public const string Good = "good";
    public const string Watch = "watch";
    public const string Alert = "alert";
    public const string None = "none";

    public static string Of(Metrics.Bands.Severity s) => s switch
    {
        Metrics.Bands.Severity.Good => Good,
        Metrics.Bands.Severity.Watch => Watch,
        Metrics.Bands.Severity.Alert => Alert,
        _ => None,
    };

    /// <summary>Circle, triangle, square: the shape tells the severity without the colour.</summary>
    public static string Shape(string severity) => severity switch
    {
        Good => "●",
        Watch => "▲",
        Alert => "■",
        _ => "",
    };

    public static string Word(string severity) => severity switch
    {
        Good => "Good",
        Watch => "Watch",
        Alert => "Act now",
        _ => "",
    };

    /// <summary>Paul Tol's high-contrast scheme: blue, yellow and red differ in lightness too, so they survive colour blindness and greyscale.</summary>
    public static string Colour(string severity) => severity switch
    {
        Good => "004488",
        Watch => "DDAA33",
        Alert => "BB5566",
        _ => "595959",
    };
}
