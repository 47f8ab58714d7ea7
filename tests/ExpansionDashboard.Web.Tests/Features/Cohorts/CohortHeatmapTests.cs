using System.Globalization;
using Bunit;
using ExpansionDashboard.Metrics.Cohorts;
using ExpansionDashboard.Web.Features.Cohorts;
using ExpansionDashboard.Web.Shared.Widgets;

namespace ExpansionDashboard.Web.Tests.Features.Cohorts;

[Trait(Lanes.Category, Lanes.Unit)]
public sealed class CohortHeatmapTests : MudComponentTest
{
    private static CohortMatrixResult Matrix(int rows, int maxAge)
    {
        // A staircase like real data: the newest cohorts have reached fewer ages before the data ends.
        var list = Enumerable.Range(0, rows).Select(i =>
        {
            var reached = Math.Max(0, maxAge - i);
            var cells = Enumerable.Range(0, maxAge + 1).Select(k => k <= reached ? 100m + k - i : (decimal?)null).ToList();
            return new CohortRow($"C{i:00}", 10 + i, 1000m * (i + 1), cells);
        }).ToList();
        var avg = Enumerable.Range(0, maxAge + 1).Select(k => (decimal?)(100m + k)).ToList();
        return new CohortMatrixResult(CohortGrain.Quarter, CohortMeasure.Revenue, list, maxAge, avg, avg);
    }

    private IRenderedComponent<CohortHeatmap> Render(CohortMatrixResult m, Action<CohortCell>? click = null) =>
        Context.Render<CohortHeatmap>(p =>
        {
            p.Add(h => h.Matrix, m).Add(h => h.Currency, "AUD");
            if (click is not null)
            {
                p.Add(h => h.OnCellClick, click);
            }
        });

    [Fact]
    public void Render_ManyCohortsAndAges_EveryRowAndEveryAgeIsInTheTable()
    {
        var m = Matrix(rows: 32, maxAge: 40);

        var cut = Render(m);

        var rows = cut.FindAll("tbody [data-testid=cohort-row]");
        Assert.Equal(32, rows.Count);
        Assert.Equal(m.Rows.Select(r => r.Cohort), rows.Select(r => r.GetAttribute("data-cohort")));
        Assert.Equal(41, cut.FindAll("thead .heat-age").Count);
        Assert.All(rows, r => Assert.Equal(41, r.QuerySelectorAll("[data-testid=heat-cell]").Length));
    }

    [Fact]
    public void Render_CellsPastTheEnd_AreEmptyAndHatched_WithALegendEntry()
    {
        var m = new CohortMatrixResult(CohortGrain.Month, CohortMeasure.Revenue,
            [new CohortRow("2016-05", 3, 300m, [100m, 80m, null])], 2);

        var cut = Render(m);

        var cells = cut.FindAll("[data-testid=heat-cell]");
        var past = cells[2];
        Assert.Contains("heat-past", past.ClassList);
        Assert.Equal("true", past.GetAttribute("data-past"));
        Assert.Equal("", past.TextContent.Trim());
        Assert.Null(past.GetAttribute("style"));
        Assert.Equal("2016-05, month 2: past the data's end", past.GetAttribute("aria-label"));
        Assert.DoesNotContain("heat-past", cells[1].ClassList);
        var legend = cut.Find("[data-testid=heat-legend]");
        Assert.NotNull(legend.QuerySelector(".heat-swatch.heat-past"));
        Assert.Contains("past the data's end", legend.TextContent);
    }

    [Fact]
    public void Render_CellsWithValues_PrintTheirPercentageWithAnAriaLabel()
    {
        var m = new CohortMatrixResult(CohortGrain.Quarter, CohortMeasure.Revenue,
            [new CohortRow("2016-Q2", 12, 4321m, [100m, 104.4m, 71.26m])], 2);

        var cut = Render(m);

        var cells = cut.FindAll("[data-testid=heat-cell]");
        Assert.Equal(["100 %", "104 %", "71 %"], cells.Select(c => c.TextContent.Trim()));
        Assert.Equal("2016-Q2, month 1: 104.4 %", cells[1].GetAttribute("aria-label"));
        Assert.Equal("104.4", cells[1].GetAttribute("data-value"));
    }

    [Fact]
    public void Render_SizeAndStartingMrr_AreColumnsInTheReportingCurrency()
    {
        var m = new CohortMatrixResult(CohortGrain.Quarter, CohortMeasure.Revenue,
            [new CohortRow("2016-Q2", 1234, 249.96m, [100m])], 0);

        var cut = Render(m);

        Assert.Equal(1234.ToString("N0", CultureInfo.CurrentCulture), cut.Find("[data-testid=cohort-size]").TextContent);
        Assert.Equal(Money.Format(249.96m, "AUD"), cut.Find("[data-testid=cohort-start-mrr]").TextContent);
        Assert.StartsWith("A$", Money.Format(249.96m, "AUD", CultureInfo.GetCultureInfo("en-US")), StringComparison.Ordinal);
        Assert.Contains("Starting MRR", cut.Find("thead").TextContent);
        Assert.Contains("Accounts", cut.Find("thead").TextContent);
    }

    [Fact]
    public void Render_CellColours_ComeFromTheScaleCentredAt100()
    {
        var m = new CohortMatrixResult(CohortGrain.Quarter, CohortMeasure.Revenue,
            [new CohortRow("2016-Q2", 5, 500m, [100m, 80m, 120m])], 2);

        var cut = Render(m);

        var cells = cut.FindAll("[data-testid=heat-cell]");
        Assert.Equal(RetentionHeatScale.NeutralColor, cells[0].GetAttribute("data-color"));
        Assert.True(IsRedSide(cells[1].GetAttribute("data-color")!));
        Assert.True(IsGreenSide(cells[2].GetAttribute("data-color")!));
        Assert.Contains("background:" + cells[1].GetAttribute("data-color"), cells[1].GetAttribute("style"), StringComparison.Ordinal);
    }

    [Fact]
    public void Click_CellWithValue_ReportsCohortAndAge_AverageRowIsNotClickable()
    {
        CohortCell? clicked = null;
        var m = Matrix(rows: 3, maxAge: 4);
        var cut = Render(m, c => clicked = c);

        cut.FindAll("tbody tr")[1].QuerySelectorAll("button.heat-button")[2].Click();

        Assert.Equal(new CohortCell("C01", 2), clicked);
        Assert.Empty(cut.Find("[data-testid=cohort-average-row]").QuerySelectorAll("button"));
        Assert.Equal("true", cut.FindAll("tbody tr")[1].QuerySelectorAll("button.heat-button")[2].GetAttribute("aria-pressed"));
    }

    [Fact]
    public void Render_WeightedAverage_IsTheFooterRowWithTotals()
    {
        var m = Matrix(rows: 3, maxAge: 2);

        var cut = Render(m);

        var footer = cut.Find("tfoot [data-testid=cohort-average-row]");
        Assert.Contains(CohortHeatmap.WeightedAverageRow, footer.TextContent);
        Assert.Contains(m.Rows.Sum(r => r.Accounts).ToString("N0", CultureInfo.CurrentCulture), footer.TextContent);
        Assert.Equal(3, footer.QuerySelectorAll("[data-testid=heat-cell]").Length);
    }

    [Fact]
    public void Scale_Centre_IsNeutral_BelowIsRed_AboveIsGreen_AndContinuous()
    {
        Assert.Equal(RetentionHeatScale.NeutralColor, RetentionHeatScale.ColorOf(100m));
        Assert.True(IsRedSide(RetentionHeatScale.ColorOf(80m)));
        Assert.True(IsGreenSide(RetentionHeatScale.ColorOf(120m)));

        // Continuous: nearby values get nearby but different colours, and the ends saturate.
        Assert.NotEqual(RetentionHeatScale.ColorOf(96m), RetentionHeatScale.ColorOf(98m));
        Assert.NotEqual(RetentionHeatScale.ColorOf(100m), RetentionHeatScale.ColorOf(102m));
        Assert.Equal(RetentionHeatScale.ColorOf(10m), RetentionHeatScale.ColorOf(0m));
        Assert.Equal(RetentionHeatScale.ColorOf(400m), RetentionHeatScale.ColorOf(150m));
        Assert.True(Red(RetentionHeatScale.ColorOf(60m)) - Blue(RetentionHeatScale.ColorOf(60m)) > Red(RetentionHeatScale.ColorOf(90m)) - Blue(RetentionHeatScale.ColorOf(90m)));
    }

    [Fact]
    public void Scale_PrintedNumber_ReadsOnEveryColour()
    {
        for (var p = 0m; p <= 200m; p += 0.5m)
        {
            var bg = RetentionHeatScale.ColorOf(p);
            Assert.True(RetentionHeatScale.ContrastRatio(bg, RetentionHeatScale.TextColorOn(bg)) >= 4.5, $"{p} % on {bg}");
        }
    }

    [Fact]
    public void Scale_Neutral_IsAFillClearlyDistinctFromAWhiteSurface()
    {
        Assert.NotEqual("#ffffff", RetentionHeatScale.NeutralColor);
        Assert.True(RetentionHeatScale.ContrastRatio(RetentionHeatScale.NeutralColor, "#ffffff") > 1.1);
        Assert.StartsWith("linear-gradient(to right, #b2182b 0%", RetentionHeatScale.LegendGradient(), StringComparison.Ordinal);
        Assert.EndsWith("#01665e 100%)", RetentionHeatScale.LegendGradient(), StringComparison.Ordinal);
    }

    private static int Red(string hex) => Convert.ToInt32(hex[1..3], 16);

    private static int Green(string hex) => Convert.ToInt32(hex[3..5], 16);

    private static int Blue(string hex) => Convert.ToInt32(hex[5..7], 16);

    private static bool IsRedSide(string hex) => Red(hex) > Green(hex) && Red(hex) > Blue(hex);

    private static bool IsGreenSide(string hex) => Green(hex) > Red(hex) && Blue(hex) > Red(hex);
}
