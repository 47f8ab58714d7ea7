using System.Globalization;
using Bunit;
using ExpansionDashboard.Data.Overview;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Bands;
using ExpansionDashboard.Metrics.Pipeline;
using ExpansionDashboard.Web.Features.Overview;

namespace ExpansionDashboard.Web.Tests.Features.Overview;

[Trait(Lanes.Category, Lanes.Unit)]
public sealed class HeroRowTests : MudComponentTest
{
    private static readonly Month AsOf = new(2026, 11);

    private static KpiView Kpi(string id, decimal? value, string unit, Severity severity = Severity.None, string? word = null) =>
        new(id, id, value, unit, severity, word, null);

    private static OverviewView View(CoverageResult coverage, params SegmentExpansion[] segments) => new(
        true, AsOf, AsOf.Quarter,
        Kpi("mrr", 1_000_000m, "money"), Kpi("arr", 12_000_000m, "money"),
        Kpi("nrr-t12m", 104.2m, "percent", Severity.Watch, "Good"), Kpi("grr-t12m", 91m, "percent"), Kpi("nrr-monthly", 100.4m, "percent"),
        Kpi("logo-retention-t12m", 88m, "percent"), Kpi("quick-ratio", 2.1m, "ratio"), Kpi("expansion-rate", 2.6m, "percent", Severity.Good, "Healthy"),
        Kpi("coverage", coverage.Coverage, "multiple", Severity.Alert, "Alert"), coverage, [coverage], [], [], [], null, segments,
        Kpi("maturity-stage", 1m, "number"));

    // Remaining 200,000 and open 400,000: 2.0x, so reaching 2.5x needs 100,000 more.
    private static CoverageResult Short() => new(AsOf.Quarter, null, 400_000m, 50_000m, 250_000m, 200_000m, 2.0m, 1.8m, CoverageBand.Alert, 12);

    [Fact]
    public void Render_ThreeNumbers_NrrCoverageAndEverySegmentsRate()
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-US");
        var view = View(Short(), new SegmentExpansion("Enterprise", 3.1m, Severity.Good), new SegmentExpansion("SMB", 1.2m, Severity.Watch));

        var cut = Context.Render<HeroRow>(p => p.Add(h => h.View, view).Add(h => h.Currency, "USD").Add(h => h.OnTrack, 2.5m));

        var tiles = cut.Find("[data-testid=hero-row]").Children;
        Assert.Equal(["kpi-nrr-t12m", "kpi-coverage", "hero-expansion"], tiles.Select(t => t.GetAttribute("data-testid")));
        Assert.Equal("104.2", cut.Find("[data-testid=kpi-nrr-t12m]").GetAttribute("data-value"));
        Assert.Equal("alert", cut.Find("[data-testid=kpi-coverage]").GetAttribute("data-severity"));
        var needed = cut.Find("[data-testid=hero-coverage-needed]").TextContent;
        Assert.Contains("Needs $100,000 more pipeline to reach 2.5x", needed, StringComparison.Ordinal);
        Assert.Equal("3.1", cut.Find("[data-testid=expansion-rate-Enterprise]").GetAttribute("data-value"));
        Assert.Equal("watch", cut.Find("[data-testid=expansion-rate-SMB]").GetAttribute("data-severity"));
        Assert.Empty(cut.FindAll(".rate-row.row-selected"));
    }

    [Fact]
    public void Render_SegmentFiltered_ThatSegmentsBarIsHighlighted()
    {
        var view = View(Short(), new SegmentExpansion("Enterprise", 3.1m, Severity.Good), new SegmentExpansion("SMB", 1.2m, Severity.Watch));

        var cut = Context.Render<HeroRow>(p => p.Add(h => h.View, view).Add(h => h.Segment, "smb"));

        var selected = Assert.Single(cut.FindAll(".rate-row.row-selected"));
        Assert.Equal("expansion-rate-SMB", selected.GetAttribute("data-testid"));
        Assert.Equal("true", selected.GetAttribute("aria-current"));
    }

    [Fact]
    public void Render_TargetMetOrNoTarget_SaysSoInsteadOfAShortfall()
    {
        var met = Short() with { Band = CoverageBand.TargetMet, ClosedWon = 300_000m, RemainingTarget = 0m, Coverage = null };
        var none = Short() with { Band = CoverageBand.NoTarget, Target = 0m, Coverage = null };

        var metCut = Context.Render<HeroRow>(p => p.Add(h => h.View, View(met)));
        var noneCut = Context.Render<HeroRow>(p => p.Add(h => h.View, View(none)));

        Assert.StartsWith("Closed won", metCut.Find("[data-testid=hero-coverage-needed]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("Set this quarter's expansion target", noneCut.Find("[data-testid=hero-coverage-needed]").TextContent, StringComparison.Ordinal);
        Assert.Contains("No segments", noneCut.Find("[data-testid=hero-expansion]").TextContent, StringComparison.Ordinal);
    }
}
