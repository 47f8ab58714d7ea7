using Bunit;
using ExpansionDashboard.Data.Overview;
using ExpansionDashboard.Metrics.Bands;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Pipeline;
using ExpansionDashboard.Web.Shared.Widgets;

namespace ExpansionDashboard.Web.Tests.Shared.Widgets;

[Trait(Lanes.Category, Lanes.Unit)]
public sealed class WidgetTests : MudComponentTest
{
    [Fact]
    public void KpiTile_Percent_CarriesTestIdInvariantUnroundedValueAndBand()
    {
        var kpi = new KpiView("nrr-t12m", "NRR (trailing 12 months)", 113.0812345m, "percent", Severity.Good, "Strong", null);

        var cut = Context.Render<KpiTile>(p => p.Add(t => t.Kpi, kpi));

        var tile = cut.Find("[data-testid=kpi-nrr-t12m]");
        Assert.Equal("113.0812345", tile.GetAttribute("data-value"));
        Assert.Equal("good", tile.GetAttribute("data-severity"));
        Assert.Contains("Strong", tile.TextContent);
    }

    [Fact]
    public void KpiTile_AlertSeverity_GetsAlertStyling()
    {
        var kpi = new KpiView("coverage", "Pipeline coverage", 1.9m, "multiple", Severity.Alert, "Alert", "needs 56,600 more");

        var cut = Context.Render<KpiTile>(p => p.Add(t => t.Kpi, kpi));

        var tile = cut.Find("[data-testid=kpi-coverage]");
        Assert.Contains("kpi-alert", tile.ClassList);
        Assert.Contains("1.9x", tile.TextContent.Replace(',', '.'));
        Assert.NotNull(cut.Find(".mud-chip-color-error"));
    }

    [Fact]
    public void KpiTile_NoValue_ShowsDashAndEmptyDataValue()
    {
        var cut = Context.Render<KpiTile>(p => p.Add(t => t.Kpi, new KpiView("nrr-t12m", "NRR", null, "percent", Severity.None, null, null)));

        Assert.Equal("", cut.Find("[data-testid=kpi-nrr-t12m]").GetAttribute("data-value"));
        Assert.Contains("–", cut.Find(".kpi-value").TextContent);
    }

    [Fact]
    public void CoverageTable_BelowAlertLine_RowIsRedWithShortfallInMoney()
    {
        var q = new Quarter(2026, 4);
        var rows = new[]
        {
            new CoverageResult(q, "Enterprise", 340m, 0m, 100m, 100m, 3.4m, 3.4m, CoverageBand.OnTrack, 4),
            new CoverageResult(q, "SMB", 190_000m, 0m, 100_000m, 100_000m, 1.9m, 1.9m, CoverageBand.Alert, 9),
        };

        var cut = Context.Render<CoverageTable>(p => p.Add(t => t.Rows, rows).Add(t => t.Currency, "USD"));

        var smb = cut.Find("[data-testid=coverage-row-SMB]");
        Assert.Equal("alert", smb.GetAttribute("data-band"));
        Assert.Contains("band-alert", smb.ClassList);
        Assert.Contains(ExpansionDashboard.Web.Shared.DashboardPalette.Alert, smb.QuerySelector(".band-label")!.GetAttribute("style"));
        Assert.Contains("needs", smb.TextContent);
        Assert.Contains("110,000", smb.TextContent.Replace('.', ','));
        var ent = cut.Find("[data-testid=coverage-row-Enterprise]");
        Assert.Equal("on-track", ent.GetAttribute("data-band"));
        Assert.Null(ent.QuerySelector(".shortfall"));
    }
}
