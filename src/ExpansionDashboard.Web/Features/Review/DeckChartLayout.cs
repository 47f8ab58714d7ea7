namespace ExpansionDashboard.Web.Features.Review;

/// <summary>
/// Where everything of a deck chart goes, in the chart's own pixel space (the slide shows it near 1:1 at 1280 wide, so
/// its 20 px text stays at least 18 px on the screen). Pure, so the page and the PowerPoint export draw the same chart.
/// Straight segments between monthly points (a smoothed curve overshoots them), ticks on whole round steps, band labels
/// in their own column pushed apart so they never overlap each other or the line.
/// </summary>
public sealed class DeckChartLayout
{
    public const double Width = 760;
    public const double Height = 540;
    public const double FontSize = 20;
    public const double Left = 78;
    public const double Right = 215;
    public const double Top = 16;
    public const double Bottom = 44;
    private const double LabelGap = 26;

    public DeckChartLayout(DeckChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        Chart = chart;
        var min = (double)chart.Min;
        var max = (double)Math.Max(chart.Max, chart.Min + 1);
        var step = NiceStep(max - min);
        min = Math.Floor(min / step) * step;
        max = Math.Ceiling(max / step) * step;
        Min = min;
        Max = max;
        Ticks = Enumerable.Range(0, (int)Math.Round((max - min) / step) + 1).Select(i => min + (i * step)).ToList();

        var n = chart.Values.Count;
        Points = chart.Values.Select((v, i) => v is { } d ? (X(i, n), Y((double)d)) : ((double, double)?)null).ToList();
        var every = n <= 7 ? 1 : n <= 13 ? 3 : 6;
        XLabels = Enumerable.Range(0, n).Where(i => (n - 1 - i) % every == 0).Select(i => (X(i, n), chart.Categories[i])).ToList();

        // Band labels at their band's middle, then pushed down (and back up from the bottom) until none overlaps.
        var wanted = chart.Bands.Select(b => (Band: b, Y: (Y((double)b.From) + Y((double)b.To)) / 2)).OrderBy(b => b.Y).ToList();
        var placed = new List<(DeckBand, double)>();
        var last = double.NegativeInfinity;
        foreach (var (band, y) in wanted)
        {
            var at = Math.Max(y, last + LabelGap);
            placed.Add((band, at));
            last = at;
        }

        var limit = Height - Bottom - 4;
        for (var i = placed.Count - 1; i >= 0; i--)
        {
            var cap = i == placed.Count - 1 ? limit : placed[i + 1].Item2 - LabelGap;
            if (placed[i].Item2 > cap)
            {
                placed[i] = (placed[i].Item1, cap);
            }
        }

        BandLabels = placed;
    }

    public DeckChart Chart { get; }

    public double Min { get; }

    public double Max { get; }

    public IReadOnlyList<double> Ticks { get; }

    public IReadOnlyList<(double X, double Y)?> Points { get; }

    public IReadOnlyList<(double X, string Text)> XLabels { get; }

    public IReadOnlyList<(DeckBand Band, double Y)> BandLabels { get; }

    public static double PlotRight => Width - Right;

    public static double PlotBottom => Height - Bottom;

    public double Y(double value) => Top + ((Max - Math.Clamp(value, Min, Max)) / (Max - Min) * (PlotBottom - Top));

    /// <summary>The polyline's runs: a missing month breaks the line rather than bridging it.</summary>
    public IEnumerable<string> Runs()
    {
        var run = new List<string>();
        foreach (var p in Points)
        {
            if (p is { } q)
            {
                run.Add(string.Create(CultureInfo.InvariantCulture, $"{q.X:0.#},{q.Y:0.#}"));
            }
            else if (run.Count > 0)
            {
                yield return string.Join(' ', run);
                run.Clear();
            }
        }

        if (run.Count > 0)
        {
            yield return string.Join(' ', run);
        }
    }

    public string Tick(double value) => Chart.Format == ChartFormats.Percent
        ? value.ToString("0", CultureInfo.CurrentCulture) + " %"
        : value.ToString("0.#", CultureInfo.CurrentCulture);

    public static string Px(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static double X(int i, int n) => n <= 1 ? (Left + PlotRight) / 2 : Left + (i * (PlotRight - Left) / (n - 1));

    /// <summary>1, 2 or 5 times a power of ten, for at most six intervals.</summary>
    internal static double NiceStep(double range)
    {
        var raw = range / 6;
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (var m in new[] { 1d, 2d, 5d, 10d })
        {
            if (m * power >= raw)
            {
                return m * power;
            }
        }

        return 10 * power;
    }
}
