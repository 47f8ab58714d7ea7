using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Pipeline;
using ExpansionDashboard.Metrics.Summary;

namespace ExpansionDashboard.Metrics.Tests.Summary;

public class MonthSummaryTests
{
    // A expands 100 → 150 in month 12, B churns 200 → 0, C is new at 50.
    private static readonly RevenueModel Book = TestData.Model(
        ("A", [.. Enumerable.Repeat(100m, 12), 150m]),
        ("B", [.. Enumerable.Repeat(200m, 12), 0m]),
        ("C", [.. Enumerable.Repeat(0m, 12), 50m]));

    private static readonly Month M12 = TestData.M0.AddMonths(12);

    [Fact]
    public void Compute_ExpansionChurnAndNew_HeadlineFiguresByHand()
    {
        var s = MonthSummary.Compute(Book, M12);

        Assert.True(s.Observed);
        Assert.Equal(200m, s.Mrr);
        Assert.Equal(2400m, s.Arr);
        Assert.Equal(50m, s.NrrMonthly);
        Assert.Equal(50m, s.NrrT12m);
        Assert.Equal(100m / 300m * 100m, s.GrrT12m);
        Assert.Equal(50m, s.LogoRetentionT12m);
        Assert.Equal((50m, 50m, -200m), (s.Movements!.New, s.Movements.Expansion, s.Movements.Churn));
        Assert.Equal(50m / 300m * 100m, s.ExpansionRate);
        Assert.Equal(0.5m, s.QuickRatio);
        Assert.Null(s.Coverage);
        Assert.Null(s.RedHealthShare);
    }

    [Fact]
    public void Compute_FirstMonth_OpeningBalanceWithoutMovementsOrRetention()
    {
        var s = MonthSummary.Compute(Book, TestData.M0);

        Assert.Equal(300m, s.Mrr);
        Assert.Null(s.Movements);
        Assert.Null(s.NrrMonthly);
        Assert.Null(s.T12m);
        Assert.Null(s.ExpansionRate);
    }

    [Fact]
    public void Compute_MonthOutsideTheData_NotObservedAndEveryFigureNull()
    {
        var s = MonthSummary.Compute(Book, M12.AddMonths(1));

        Assert.False(s.Observed);
        Assert.Equal((null, null, null, null), (s.Mrr, s.Arr, s.NrrT12m, s.ExpansionRate));
    }

    [Fact]
    public void Compute_WithPipeline_CoverageOfTheMonthsQuarter()
    {
        var quarter = M12.Quarter;
        var open = new OpportunityInput("O1", "A", "Upsell", OpportunityType.Upsell, OpportunityStage.Proposal, 2500m, quarter.FirstDay.AddDays(10), "Ana", "SMB");
        var context = new SummaryContext([open], [new TargetInput(quarter, null, 1000m)]);

        var s = MonthSummary.Compute(Book, M12, context: context);

        Assert.Equal(2.5m, s.Coverage!.Coverage);
        Assert.Equal(CoverageBand.Watch, s.Coverage.Band);
    }

    [Fact]
    public void Compute_SegmentFilter_OnlyThatSegment()
    {
        var book = TestData.Model(("A", "SMB", [100m, 120m]), ("B", "Enterprise", [1000m, 1000m]));

        var s = MonthSummary.Compute(book, TestData.M0.AddMonths(1), new AccountFilter(Segment: "SMB"));

        Assert.Equal(120m, s.Mrr);
        Assert.Equal(20m, s.ExpansionRate);
    }
}
