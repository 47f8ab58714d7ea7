using Bunit;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Pipeline;
using ExpansionDashboard.Web.Shared.Charts;

namespace ExpansionDashboard.Web.Tests.Shared.Charts;

[Trait(Lanes.Category, Lanes.Unit)]
public sealed class CoverageGaugeTests : MudComponentTest
{
    private static CoverageResult Coverage(decimal? ratio, CoverageBand band) =>
        new(new Quarter(2026, 4), "SMB", 190m, 0m, 100m, 100m, ratio, ratio, band, 3);

    [Fact]
    public void Render_Watch_ShowsScaleMarksRatioWordAndNameBelow()
    {
        var cut = Context.Render<CoverageGauge>(p => p.Add(g => g.Coverage, Coverage(2.7m, CoverageBand.Watch)).Add(g => g.Title, "Mid-Market").Add(g => g.TestId, "gauge"));

        var labels = cut.FindAll("text.gauge-label").Select(t => t.TextContent).ToList();
        Assert.Equal(["0x", "1x", "2x", "2.5x", "3.0x", "4x", "5x"], labels);
        Assert.Equal(2, cut.FindAll("line.gauge-mark").Count);
        Assert.Equal(6, cut.FindAll("line.gauge-tick").Count);
        Assert.Equal("2.7x", cut.Find("text.gauge-centre").TextContent);
        Assert.Equal("Watch", cut.Find("text.gauge-word").TextContent);
        Assert.Equal(ChartSpecs.Watch, cut.Find("path.gauge-value").GetAttribute("stroke"));

        // The name is HTML under the SVG, not text on the arc.
        Assert.Equal("Mid-Market", cut.Find("figure > figcaption.gauge-name").TextContent);
        Assert.Equal("watch", cut.Find("[data-testid=gauge]").GetAttribute("data-band"));
    }

    [Fact]
    public void Render_CustomThresholds_MarksFollowThem()
    {
        var cut = Context.Render<CoverageGauge>(p => p.Add(g => g.Coverage, Coverage(1.2m, CoverageBand.Alert)).Add(g => g.Title, "SMB")
            .Add(g => g.AlertBelow, 2m).Add(g => g.OnTrack, 3.5m));

        Assert.Equal(["0x", "1x", "2.0x", "3x", "3.5x", "4x", "5x"], cut.FindAll("text.gauge-label").Select(t => t.TextContent));
    }

    [Fact]
    public void Render_TargetMet_FullArcLabelledTargetMet()
    {
        var cut = Context.Render<CoverageGauge>(p => p.Add(g => g.Coverage, Coverage(null, CoverageBand.TargetMet)).Add(g => g.Title, "Company"));

        Assert.Equal("Target met", cut.Find("text.gauge-centre").TextContent);
        Assert.Equal(ChartSpecs.Good, cut.Find("path.gauge-value").GetAttribute("stroke"));
        Assert.EndsWith("198 110", cut.Find("path.gauge-value").GetAttribute("d"), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoCoverage_NoValueArc()
    {
        var cut = Context.Render<CoverageGauge>(p => p.Add(g => g.Coverage, Coverage(null, CoverageBand.NoTarget)).Add(g => g.Title, "Company"));

        Assert.Empty(cut.FindAll("path.gauge-value"));
        Assert.Equal("No target", cut.Find("text.gauge-centre").TextContent);
    }
}
