using ExpansionDashboard.Metrics.Forecast;
using ExpansionDashboard.Metrics.Pipeline;
using static ExpansionDashboard.Metrics.Tests.Forecast.ForecastTestData;

namespace ExpansionDashboard.Metrics.Tests.Forecast;

public class StageConversionTests
{
    private static readonly DateOnly AsOf = new(2026, 10, 5);

    /// <summary>10 won (reached every stage), 5 lost at Identified, 5 lost at Proposal, 100 each, closed in 2026-Q3.</summary>
    private static List<OpportunityInput> History(string segment = "SMB", int won = 10)
    {
        var deals = new List<OpportunityInput>();
        for (var i = 0; i < won; i++)
        {
            deals.Add(ClosedDeal($"{segment}-w{i}", true, OpportunityStage.Negotiation, 100m, new DateOnly(2026, 8, 1), segment));
        }

        for (var i = 0; i < 5; i++)
        {
            deals.Add(ClosedDeal($"{segment}-li{i}", false, OpportunityStage.Identified, 100m, new DateOnly(2026, 8, 2), segment));
            deals.Add(ClosedDeal($"{segment}-lp{i}", false, OpportunityStage.Proposal, 100m, new DateOnly(2026, 8, 3), segment));
        }

        return deals;
    }

    [Fact]
    public void Measure_ClosedDealsWithHistory_RateIsWonOverClosedAmongDealsThatReachedTheStage()
    {
        var table = StageConversion.Measure(History(), AsOf, "SMB");

        Assert.Equal(50m, table.Stages[(int)OpportunityStage.Identified].Rate);           // 1000 won of 2000 closed
        Assert.Equal(1000m / 1500m * 100m, table.Stages[(int)OpportunityStage.Engaged].Rate); // the 5 lost at Identified drop out
        Assert.Equal(1000m / 1500m * 100m, table.Stages[(int)OpportunityStage.Proposal].Rate);
        Assert.Equal(100m, table.Stages[(int)OpportunityStage.Negotiation].Rate);          // only the won deals got there
        Assert.Equal(20, table.Stages[0].Deals);
        Assert.All(table.Stages, s => Assert.Equal(ConversionSource.Segment, s.Source));
        Assert.Equal(50m, table.Unknown.Rate);
    }

    [Fact]
    public void Measure_ThinSegment_FallsBackToCompanyThenDefault()
    {
        // Enterprise: 3 won + 10 lost-at-stage deals (13 reach Identified, 3 + 5 reach Proposal, 3 reach Negotiation).
        var deals = History("SMB");
        deals.AddRange(History("Enterprise", won: 3));

        var table = StageConversion.Measure(deals, AsOf, "Enterprise");

        Assert.Equal(ConversionSource.Segment, table.Stages[(int)OpportunityStage.Identified].Source);
        Assert.Equal(300m / 1300m * 100m, table.Stages[(int)OpportunityStage.Identified].Rate);
        // Negotiation: 3 Enterprise deals are too few; the company has 13 (10 + 3), all won.
        Assert.Equal(ConversionSource.Company, table.Stages[(int)OpportunityStage.Negotiation].Source);
        Assert.Equal(100m, table.Stages[(int)OpportunityStage.Negotiation].Rate);

        var thin = StageConversion.Measure(History("SMB", won: 2).Take(6), AsOf, "SMB");
        Assert.All(thin.Stages, s => Assert.Equal(ConversionSource.Default, s.Source));
        Assert.Equal([10m, 20m, 40m, 60m, 80m], thin.Stages.Select(s => s.Rate));
    }

    [Fact]
    public void Measure_DealsWithoutHistoryClosedLaterOrOutsideTheWindow_AreLeftOut()
    {
        var deals = History();
        // No recorded open stage: would otherwise count as reaching every stage (won) or only Identified (lost).
        deals.Add(Deal("nohist", OpportunityStage.ClosedWon, 1_000_000m, new DateOnly(2026, 8, 1), closed: new DateOnly(2026, 8, 1)));
        // Closed after the as-of day: unknown then.
        deals.Add(ClosedDeal("later", false, OpportunityStage.Negotiation, 1_000_000m, new DateOnly(2026, 10, 20)));
        // Closed five quarters back: outside the four-quarter window.
        deals.Add(ClosedDeal("old", false, OpportunityStage.Negotiation, 1_000_000m, new DateOnly(2025, 8, 1)));

        var table = StageConversion.Measure(deals, AsOf, "SMB");

        Assert.Equal(50m, table.Stages[0].Rate);
        Assert.Equal(100m, table.Stages[(int)OpportunityStage.Negotiation].Rate);
    }
}
