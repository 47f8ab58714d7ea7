using ExpansionDashboard.Data.Review;
using ExpansionDashboard.Web.Features.Review;

namespace ExpansionDashboard.Web.Tests.Features.Review;

/// <summary>The deck's words for a change and its chart's geometry.</summary>
[Trait(Lanes.Category, Lanes.Unit)]
public sealed class DeckBuilderTests
{
    [Fact]
    public void Change_MonthlyFigure_SaysLastMonthWithArrowAndUnit()
    {
        var nrr = new ReviewNumber("nrr-t12m", "NRR", 104.26m, 103.81m, ReviewNumber.LastMonth, "percent", Metrics.Bands.Severity.Good, "Strong", null);
        var coverage = new ReviewNumber("coverage", "Coverage", 2.4m, 2.9m, ReviewNumber.LastWeek, "multiple", Metrics.Bands.Severity.Watch, "Watch", null);

        Assert.Equal("▲ +0.4 pp vs last month", DeckBuilder.Change(nrr));
        Assert.Equal("▼ -0.5x vs last week", DeckBuilder.Change(coverage));
        Assert.Null(DeckBuilder.Change(nrr with { Previous = null }));
        Assert.Equal("= 0.0 pp", DeckBuilder.ChangeText(0.04m, "percent"));
    }

    [Fact]
    public void Layout_Chart_RoundTicksStraightRunsAndBandLabelsApart()
    {
        var chart = new DeckChart("NRR", "percent", ["a", "b", "c", "d"], [101.3m, null, 104.7m, 103.2m],
            [new DeckBand(100, 100.5m, "Needs improvement", DeckSeverity.Watch), new DeckBand(100.5m, 101, "Strong", DeckSeverity.Good), new DeckBand(101, 110, "World class", DeckSeverity.Good)], 100, 110);

        var l = new DeckChartLayout(chart);

        Assert.All(l.Ticks, t => Assert.Equal(Math.Round(t), t));
        Assert.Equal(2, l.Runs().Count());
        var ys = l.BandLabels.Select(b => b.Y).Order().ToList();
        Assert.All(ys.Zip(ys.Skip(1)), p => Assert.True(p.Second - p.First >= 24, $"labels {p.First} and {p.Second} overlap"));
    }
}
