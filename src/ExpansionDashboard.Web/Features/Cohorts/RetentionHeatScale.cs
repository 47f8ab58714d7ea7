namespace ExpansionDashboard.Web.Features.Cohorts;

/// <summary>One stop of the heat scale: a retention percentage and its colour.</summary>
public sealed record HeatStop(decimal Percent, string Color);

/// <summary>
/// The cohort heatmap's continuous diverging scale, centred at 100 % (kept what it started with): red below, a light
/// neutral at 100, teal above. Red against teal stays apart for the common colour-vision deficiencies, and every cell
/// prints its number, so colour is never the only signal. Values beyond the end stops take the end colours.
/// </summary>
public static class RetentionHeatScale
{
    /// <summary>The scale's centre: a cohort that kept exactly what it started with.</summary>
    public const decimal Centre = 100m;

    /// <summary>The colour at <see cref="Centre"/>: light, but clearly a fill (empty cells are hatched, never plain).</summary>
    public const string NeutralColor = DashboardPalette.Heat.Kept;

    // Pure black: with white it gives at least 4.58:1 on any background, so one of the two always passes WCAG AA.
    private const string Dark = DashboardPalette.Heat.DarkText;
    private const string Light = DashboardPalette.Heat.LightText;

    /// <summary>Colour stops from the low end to the high end; the legend bar draws exactly these.</summary>
    public static IReadOnlyList<HeatStop> Stops { get; } =
    [
        new(50m, DashboardPalette.Heat.Lost50),
        new(75m, DashboardPalette.Heat.Lost25),
        new(90m, DashboardPalette.Heat.Lost10),
        new(Centre, NeutralColor),
        new(110m, DashboardPalette.Heat.Grew10),
        new(125m, DashboardPalette.Heat.Grew25),
        new(150m, DashboardPalette.Heat.Grew50),
    ];

    /// <summary>The fill for a retention percentage, as #rrggbb.</summary>
    public static string ColorOf(decimal percent)
    {
        var stops = Stops;
        if (percent <= stops[0].Percent)
        {
            return stops[0].Color;
        }

        for (var i = 1; i < stops.Count; i++)
        {
            if (percent <= stops[i].Percent)
            {
                var (a, b) = (stops[i - 1], stops[i]);
                var t = (double)((percent - a.Percent) / (b.Percent - a.Percent));
                return Mix(a.Color, b.Color, t);
            }
        }

        return stops[^1].Color;
    }

    /// <summary>Dark or white text, whichever reads better on <paramref name="background"/> (#rrggbb).</summary>
    public static string TextColorOn(string background) =>
        ContrastRatio(background, Dark) >= ContrastRatio(background, Light) ? Dark : Light;

    /// <summary>WCAG contrast ratio of two #rrggbb colours (1 to 21).</summary>
    public static double ContrastRatio(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    /// <summary>The legend bar: a CSS gradient through the stops, spread evenly by percentage.</summary>
    public static string LegendGradient()
    {
        var (lo, hi) = (Stops[0].Percent, Stops[^1].Percent);
        var parts = Stops.Select(s => $"{s.Color} {((s.Percent - lo) / (hi - lo) * 100m).ToString("0.#", CultureInfo.InvariantCulture)}%");
        return "linear-gradient(to right, " + string.Join(", ", parts) + ")";
    }

    private static string Mix(string a, string b, double t)
    {
        var (ra, ga, ba) = Rgb(a);
        var (rb, gb, bb) = Rgb(b);
        int Lerp(int x, int y) => (int)Math.Round(x + ((y - x) * t), MidpointRounding.AwayFromZero);
        return $"#{Lerp(ra, rb):x2}{Lerp(ga, gb):x2}{Lerp(ba, bb):x2}";
    }

    private static (int R, int G, int B) Rgb(string hex) =>
        (Convert.ToInt32(hex[1..3], 16), Convert.ToInt32(hex[3..5], 16), Convert.ToInt32(hex[5..7], 16));

    private static double Luminance(string hex)
    {
        var (r, g, b) = Rgb(hex);
        static double Channel(int c)
        {
            var s = c / 255.0;
            return s <= 0.03928 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(r)) + (0.7152 * Channel(g)) + (0.0722 * Channel(b));
    }
}
