using System.Globalization;
using Bunit;
using ExpansionDashboard.Data.Filters;
using ExpansionDashboard.Data.Overview;
using ExpansionDashboard.Metrics.Alerts;
using ExpansionDashboard.Metrics.Bands;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Movements;
using ExpansionDashboard.Metrics.Pipeline;
using ExpansionDashboard.Metrics.Retention;
using ExpansionDashboard.Web.Shared.Widgets;

namespace ExpansionDashboard.Web.Tests.Shared.Widgets;

[Trait(Lanes.Category, Lanes.Unit)]
public sealed class DashboardWidgetTests : MudComponentTest
{
    private static readonly Month Nov = new(2026, 11);

    [Fact]
    public void AlertList_AlertAndWatch_RedAndAmberWithWordsAndLinks()
    {
        AlertFinding[] alerts =
        [
            new(2, "Coverage below 2.5x (each segment)", AlertMetric.Coverage, Scope.Of("SMB"), 0, 1.9m, 2.5m, AlertSeverity.Alert, "SMB coverage for 2026-Q4 is 1.9x, below 2.5x", "2026-Q4"),
            new(4, "Expansion rate below 2 % a month", AlertMetric.ExpansionRate, Scope.Company, 0, 1.2m, 2m, AlertSeverity.Watch, "Company expansion rate in 2026-11 is 1.20 %, below 2 % a month", "2026-11"),
        ];

        var cut = Context.Render<AlertList>(p => p.Add(a => a.Alerts, alerts));

        var smb = cut.Find("[data-testid=alert-coverage-SMB]");
        Assert.Equal("alert", smb.GetAttribute("data-severity"));
        Assert.Contains("alert-alert", smb.ClassList);
        Assert.Contains(ExpansionDashboard.Web.Shared.DashboardPalette.Alert, smb.QuerySelector(".alert-word")!.GetAttribute("style"));
        Assert.Equal("Alert", smb.QuerySelector(".alert-word")!.TextContent);
        Assert.Equal("/pipeline?segment=SMB", smb.QuerySelector("a")!.GetAttribute("href"));
        var rate = cut.Find("[data-testid=alert-expansion-rate-Company]");
        Assert.Contains("alert-watch", rate.ClassList);
        Assert.Contains(ExpansionDashboard.Web.Shared.DashboardPalette.Watch, rate.QuerySelector(".alert-word")!.GetAttribute("style"));
        Assert.Equal("/expansion", rate.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void AlertList_NoFindings_SaysNothingIsCrossed()
    {
        var cut = Context.Render<AlertList>(p => p.Add(a => a.Alerts, []));

        Assert.Contains("No threshold is crossed", cut.Find("[data-testid=alerts-none]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=alert-list]"));
    }

    [Fact]
    public void MonthChangesView_Deltas_SignedWithArrowsAndInvariantData()
    {
        var changes = new MonthChanges(
            Nov.AddMonths(-1), Nov,
            [
                new KpiChange("mrr", "MRR", 100_000m, 101_500m, "money"),
                new KpiChange("nrr-t12m", "NRR (T12M)", 103.25m, 102.75m, "percent"),
                new KpiChange("grr-t12m", "GRR (T12M)", null, 90m, "percent"),
            ],
            new MonthMovements(Nov, 100_000m, 1_000m, 0m, 2_000m, -500m, -1_000m, 101_500m, new ExpansionByType(2_000m, 0m, 0m, 0m), 2, 0, 5, 1, 1),
            [new AccountMover("A-1", "Acme", "SMB", MovementKind.Expansion, 1_000m, 2_000m)],
            []);

        var cut = Context.Render<MonthChangesView>(p => p.Add(c => c.Changes, changes).Add(c => c.Currency, "USD"));

        var mrr = cut.Find("[data-testid=change-mrr]");
        Assert.Equal("1500", mrr.GetAttribute("data-delta"));
        Assert.Contains("▲", mrr.TextContent);
        Assert.NotNull(mrr.QuerySelector(".delta-up"));
        var nrr = cut.Find("[data-testid=change-nrr-t12m]");
        Assert.Equal("-0.50", nrr.GetAttribute("data-delta"));
        Assert.Contains("▼", nrr.TextContent);
        Assert.Contains("pp", nrr.TextContent);
        Assert.Equal("", cut.Find("[data-testid=change-grr-t12m]").GetAttribute("data-delta"));
        Assert.Contains("Acme", cut.Find("[data-testid=movers-gainers]").TextContent);
        Assert.Equal("/accounts/A-1", cut.Find("[data-testid=movers-gainers] a").GetAttribute("href"));
        Assert.Contains("None.", cut.Markup);
    }

    [Fact]
    public void CoverageTable_WatchBand_AmberWithShortfallToTheConfiguredOnTrackLine()
    {
        var q = new Quarter(2026, 4);
        var rows = new[] { new CoverageResult(q, "Mid-Market", 270_000m, 0m, 100_000m, 100_000m, 2.7m, 2.7m, CoverageBand.Watch, 6) };

        var cut = Context.Render<CoverageTable>(p => p.Add(t => t.Rows, rows).Add(t => t.OnTrack, 3.5m).Add(t => t.ExportName, "coverage-2026-Q4"));

        var row = cut.Find("[data-testid=coverage-row-Mid-Market]");
        Assert.Equal("watch", row.GetAttribute("data-band"));
        Assert.Contains(ExpansionDashboard.Web.Shared.DashboardPalette.Watch, row.QuerySelector(".band-label")!.GetAttribute("style"));
        Assert.Contains("▲", row.TextContent);
        Assert.Contains("80,000", row.QuerySelector(".shortfall")!.TextContent.Replace('.', ','));
        Assert.Contains("3.5x", row.QuerySelector(".shortfall")!.TextContent.Replace(',', '.'));
        Assert.NotNull(cut.Find("[data-testid=export-coverage-2026-Q4]"));
    }

    [Fact]
    public void CoverageTable_NoRows_SaysThereAreNoTargets()
    {
        var cut = Context.Render<CoverageTable>(p => p.Add(t => t.Rows, []));

        Assert.Contains("No segment targets", cut.Markup);
        Assert.Empty(cut.FindAll("table"));
    }

    [Fact]
    public void RetentionBreakdownTable_Groups_NrrGrrLogoAndBandPerRow()
    {
        var start = Nov.AddMonths(-12);
        var breakdown = new Dictionary<Dimension, IReadOnlyList<GroupRetention>>
        {
            [Dimension.Segment] =
            [
                new GroupRetention("Enterprise", new RetentionWindow(start, Nov, 200_000m, 250_000m, 190_000m, 40, 38)),
                new GroupRetention("SMB", new RetentionWindow(start, Nov, 100_000m, 85_000m, 80_000m, 400, 300)),
            ],
        };

        var cut = Context.Render<RetentionBreakdownTable>(p => p.Add(t => t.Breakdown, breakdown));

        var rows = cut.FindAll("[data-testid=breakdown-segment] tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.StartsWith("Enterprise", rows[0].TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("125.0 %", rows[0].TextContent.Replace(',', '.'));
        Assert.Contains("95.0 %", rows[0].TextContent.Replace(',', '.'));
        Assert.NotNull(rows[0].QuerySelector(".band-worldclass"));
        Assert.Contains("85.0 %", rows[1].TextContent.Replace(',', '.'));
        Assert.Contains("75.0 %", rows[1].TextContent.Replace(',', '.'));
        Assert.NotNull(rows[1].QuerySelector(".band-critical"));
        Assert.NotNull(cut.Find("[data-testid=export-breakdown-segment]"));
    }

    [Fact]
    public void RetentionBreakdownTable_Segments_JudgedAgainstTheirOwnBenchmarkBands()
    {
        var start = Nov.AddMonths(-12);
        var breakdown = new Dictionary<Dimension, IReadOnlyList<GroupRetention>>
        {
            // Enterprise 105 % (below 110–130), SMB 100 % (within 95–110), Mid-Market 140 % (edited band 100–120: above), Other: none.
            [Dimension.Segment] =
            [
                new GroupRetention("Enterprise", new RetentionWindow(start, Nov, 400_000m, 420_000m, 380_000m, 40, 38)),
                new GroupRetention("SMB", new RetentionWindow(start, Nov, 300_000m, 300_000m, 280_000m, 400, 300)),
                new GroupRetention("Mid-Market", new RetentionWindow(start, Nov, 200_000m, 280_000m, 190_000m, 80, 75)),
                new GroupRetention("Other", new RetentionWindow(start, Nov, 100_000m, 90_000m, 90_000m, 10, 9)),
            ],
            [Dimension.Region] = [new GroupRetention("EMEA", new RetentionWindow(start, Nov, 100_000m, 90_000m, 90_000m, 10, 9))],
        };
        SegmentNrrBand[] bands = [.. SegmentNrrBands.Default, new("Mid-Market", 100m, 120m)];

        var cut = Context.Render<RetentionBreakdownTable>(p => p.Add(t => t.Breakdown, breakdown).Add(t => t.SegmentBands, bands));

        var positions = cut.FindAll("[data-testid=breakdown-segment] tbody tr")
            .ToDictionary(r => r.QuerySelector("td")!.TextContent.Trim(), r => r.QuerySelector("[data-testid=benchmark]")!.GetAttribute("data-position"));
        Assert.Equal("below", positions["Enterprise"]);
        Assert.Equal("within", positions["SMB"]);
        Assert.Equal("above", positions["Mid-Market"]);
        Assert.Equal("noband", positions["Other"]);
        Assert.Contains("Strong — below the Enterprise band 110–130 %", cut.Find("[data-testid=breakdown-segment]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyState_Admin_LinksToImport()
    {
        var auth = Context.AddAuthorization();
        auth.SetAuthorized("admin@demo.local");
        auth.SetRoles("Admin");

        var cut = Context.Render<EmptyState>(p => p.Add(e => e.Title, "No revenue data yet"));

        Assert.Equal("/admin/import", cut.Find("[data-testid=empty-import-link]").GetAttribute("href"));
    }

    [Fact]
    public void EmptyState_Viewer_AsksAnAdministrator()
    {
        var auth = Context.AddAuthorization();
        auth.SetAuthorized("viewer@demo.local");
        auth.SetRoles("Viewer");

        var cut = Context.Render<EmptyState>();

        Assert.Empty(cut.FindAll("[data-testid=empty-import-link]"));
        Assert.Contains("Ask an administrator", cut.Markup);
    }

    [Fact]
    public void FilterBar_ClearFilters_SendsEveryFilterAsNull()
    {
        IReadOnlyDictionary<string, object?>? sent = null;
        var options = new DashboardFilterOptions(["2026-11", "2026-10"], ["SMB", "Enterprise"], ["Retail"], ["EMEA"], ["Ada"]);

        var cut = Context.Render<FilterBar>(p => p
            .Add(f => f.Options, options).Add(f => f.Segment, "SMB").Add(f => f.Month, "2026-10")
            .Add(f => f.OnChange, (IReadOnlyDictionary<string, object?> d) => sent = d));
        cut.Find("[data-testid=filter-clear]").Click();

        Assert.NotNull(sent);
        Assert.Equal(["csm", "industry", "month", "region", "segment"], sent!.Keys.Order(StringComparer.Ordinal));
        Assert.All(sent.Values, Assert.Null);
    }

    [Fact]
    public void FilterBar_NothingSet_HasNoClearButton()
    {
        var options = new DashboardFilterOptions([], ["SMB"], [], [], []);

        var cut = Context.Render<FilterBar>(p => p.Add(f => f.Options, options));

        Assert.Empty(cut.FindAll("[data-testid=filter-clear]"));
        Assert.NotNull(cut.Find("[data-testid=filter-segment]"));
    }

    [Fact]
    public void Format_GermanCulture_MoneyAndPercentFollowTheCulture()
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            Assert.Equal("1.234.568 €", Format.Money(1_234_567.89m, "EUR").Replace('\u00a0', ' '));
            Assert.Equal("113,1 %", Format.Percent(113.08m));
            Assert.Equal("3,2x", Format.Multiple(3.2m));
            Assert.Equal("113.08", Format.Invariant(113.08m));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void ExpansionRateBars_Rates_WidthOnSixPercentScaleColourAndWord()
    {
        SegmentExpansion[] rows =
        [
            new("Enterprise", 3m, Severity.Good),
            new("SMB", 1.2m, Severity.Watch),
            new("Mid-Market", null, Severity.None),
        ];

        var cut = Context.Render<ExpansionRateBars>(p => p.Add(b => b.Rows, rows));

        var ent = cut.Find("[data-testid=expansion-rate-Enterprise]");
        Assert.Equal("3", ent.GetAttribute("data-value"));
        Assert.Contains("width:50%", ent.QuerySelector(".rate-bar")!.GetAttribute("style"));
        Assert.Contains(ExpansionDashboard.Web.Shared.DashboardPalette.Good, ent.QuerySelector(".rate-bar")!.GetAttribute("style"));
        Assert.Equal("healthy", ent.QuerySelector(".rate-word")!.TextContent);
        var smb = cut.Find("[data-testid=expansion-rate-SMB]");
        Assert.Contains("width:20%", smb.QuerySelector(".rate-bar")!.GetAttribute("style"));
        Assert.Contains(ExpansionDashboard.Web.Shared.DashboardPalette.Watch, smb.QuerySelector(".rate-bar")!.GetAttribute("style"));
        Assert.Equal("below 2 %", smb.QuerySelector(".rate-word")!.TextContent);
        Assert.Equal("no data", cut.Find("[data-testid=expansion-rate-Mid-Market] .rate-word").TextContent);
        Assert.Contains("left:33.33%;width:33.33%", cut.Find(".rate-band").GetAttribute("style"));
    }

    [Theory]
    [InlineData("alert", "kpi-firing-alert")]
    [InlineData("watch", "kpi-firing-watch")]
    public void KpiTile_OpenFiring_RingInItsColourAndLinkToAlertCentre(string firing, string css)
    {
        var kpi = new KpiView("coverage", "Coverage 2026-Q4", 2.0m, "multiple", Severity.Alert, "Alert", null);

        var cut = Context.Render<KpiTile>(p => p.Add(t => t.Kpi, kpi).Add(t => t.Firing, firing));

        var tile = cut.Find("[data-testid=kpi-coverage]");
        Assert.Contains(css, tile.ClassList);
        Assert.Equal(firing, tile.GetAttribute("data-firing"));
        Assert.Equal("/alerts", cut.Find("[data-testid=kpi-firing-coverage]").GetAttribute("href"));
    }

    [Fact]
    public void KpiTile_NoFiring_NoRingNoBadge()
    {
        var cut = Context.Render<KpiTile>(p => p.Add(t => t.Kpi, new KpiView("coverage", "Coverage", 3.2m, "multiple", Severity.Good, "On track", null)));

        Assert.DoesNotContain("kpi-firing", cut.Find("[data-testid=kpi-coverage]").ClassList);
        Assert.Empty(cut.FindAll("[data-testid=kpi-firing-coverage]"));
    }
}

