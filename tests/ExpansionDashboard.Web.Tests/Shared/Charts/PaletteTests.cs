using ExpansionDashboard.Data.Overview;
using ExpansionDashboard.Data.Pipeline;
using ExpansionDashboard.Metrics.Pipeline;
using ExpansionDashboard.Metrics.Retention;
using ExpansionDashboard.Web.Shared;
using ExpansionDashboard.Web.Shared.Charts;

namespace ExpansionDashboard.Web.Tests.Shared.Charts;

[Trait(Lanes.Category, Lanes.Unit)]
public sealed class PaletteTests
{
    private static readonly Metrics.Model.Month May = new(2026, 5);

    /// <summary>Every chart the pages build, with the category names the demo uses.</summary>
    public static TheoryData<string> Charts() => new(AllSpecs().Select(s => s.Title ?? s.Type));

    private static IEnumerable<ChartSpec> AllSpecs()
    {
        var months = new[] { May.ToString(), new Metrics.Model.Month(2026, 6).ToString() };
        yield return ChartSpecs.MrrTrend([new TrendPoint(May, 100m)], "USD");
        yield return ChartSpecs.NrrTrend([new TrendPoint(May, 104m)], NrrThresholds.Default);
        yield return ChartSpecs.ExpansionRateBySegment(months, [("Enterprise", [2m, 3m]), ("Mid-Market", [1m, 2m]), ("SMB", [4m, 5m])]);
        yield return ChartSpecs.AveragePerEvent("Average expansion per event, by type (MRR)", ["2026-Q1"], [new("Upsell", [10m]), new("Cross-sell", [5m]), new("Seats", [3m]), new("Usage", [2m])], "USD");
        yield return ChartSpecs.AveragePerEvent("Average expansion per event, overall and by segment (MRR)", ["2026-Q1"], [new("Overall", [10m]), new("Enterprise", [5m]), new("Mid-Market", [3m]), new("SMB", [2m])], "USD");
        yield return ChartSpecs.MrrByProduct(months, [("Core Platform", [1m, 2m]), ("Analytics", [1m, 1m]), ("Automation", [0m, 1m])], "USD");
        yield return ChartSpecs.PipelineByStage([new StageSummary(OpportunityStage.Identified, 2, 100m)], "USD");
        yield return ChartSpecs.Movements([], "USD");
        yield return ChartSpecs.ExpansionByType([], "USD");
    }

    [Theory]
    [MemberData(nameof(Charts))]
    public void EveryChart_EachSeries_HasItsCategoryColour(string title)
    {
        var spec = AllSpecs().Single(s => (s.Title ?? s.Type) == title);

        Assert.NotNull(spec.Colors);
        Assert.Equal(spec.Series.Count, spec.Colors.Count);
        for (var i = 0; i < spec.Series.Count; i++)
        {
            Assert.Equal(DashboardPalette.Categorical.Of(spec.Series[i].Name), spec.Colors[i]);
        }
    }

    [Fact]
    public void SameCategory_OnDifferentCharts_SameColour()
    {
        var byType = ChartSpecs.ExpansionByType([], "USD");
        var average = AllSpecs().First(s => s.Title!.Contains("by type", StringComparison.Ordinal));
        var rates = AllSpecs().First(s => s.Title!.StartsWith("Expansion rate by segment", StringComparison.Ordinal));
        var bySegment = AllSpecs().First(s => s.Title!.Contains("by segment (MRR)", StringComparison.Ordinal));

        string Colour(ChartSpec s, string name) => s.Colors![s.Series.ToList().FindIndex(x => x.Name == name)];
        Assert.Equal(Colour(byType, "Seats"), Colour(average, "Seats"));
        Assert.Equal(Colour(rates, "Enterprise"), Colour(bySegment, "Enterprise"));
        Assert.Equal(DashboardPalette.Categorical.Seats, Colour(byType, "Seats"));
    }

    [Fact]
    public void Categories_WithinAGroup_AllDifferent()
    {
        string[][] groups =
        [
            ["Enterprise", "Mid-Market", "SMB", "Overall"],
            ["Upsell", "Cross-sell", "Seats", "Usage"],
            ["New", "Reactivation", "Expansion", "Contraction", "Churn", "FX"],
            ["Booked", "Weighted pipeline", "Deals not yet created", "Untracked (usage, seats)"],
        ];
        foreach (var g in groups)
        {
            Assert.Equal(g.Length, g.Select(DashboardPalette.Categorical.Of).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        }
    }

    [Theory]
    [InlineData("Cross-sell", "cross sell")]
    [InlineData("Mid-Market", "midmarket")]
    [InlineData("Core Platform", "core platform")]
    public void Of_NameSpelledDifferently_SameColour(string a, string b) =>
        Assert.Equal(DashboardPalette.Categorical.Of(a), DashboardPalette.Categorical.Of(b));

    [Fact]
    public void Severity_GoodWatchAlert_DifferInHueAndLightness()
    {
        var colours = new[] { DashboardPalette.Good, DashboardPalette.Watch, DashboardPalette.Alert }.Select(Lab).ToList();

        for (var i = 0; i < colours.Count; i++)
        {
            for (var j = i + 1; j < colours.Count; j++)
            {
                Assert.True(Math.Abs(colours[i].L - colours[j].L) >= 8, $"lightness {colours[i].L:0} vs {colours[j].L:0}");
                Assert.True(HueDistance(colours[i].Hue, colours[j].Hue) >= 12, $"hue {colours[i].Hue:0} vs {colours[j].Hue:0}");
            }
        }
    }

    private static double HueDistance(double a, double b) => Math.Min(Math.Abs(a - b), 360 - Math.Abs(a - b));

    // CIE L* and HSL hue of an sRGB hex colour.
    private static (double L, double Hue) Lab(string hex)
    {
        var rgb = new[] { 1, 3, 5 }.Select(i => Convert.ToInt32(hex.Substring(i, 2), 16) / 255.0).ToArray();
        static double Lin(double c) => c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        var y = (0.2126 * Lin(rgb[0])) + (0.7152 * Lin(rgb[1])) + (0.0722 * Lin(rgb[2]));
        var l = (116 * Math.Cbrt(y)) - 16;
        var max = rgb.Max();
        var min = rgb.Min();
        var d = max - min;
        var hue = d == 0 ? 0 : max == rgb[0] ? 60 * (((rgb[1] - rgb[2]) / d) % 6) : max == rgb[1] ? 60 * (((rgb[2] - rgb[0]) / d) + 2) : 60 * (((rgb[0] - rgb[1]) / d) + 4);
        return (l, hue < 0 ? hue + 360 : hue);
    }
}
