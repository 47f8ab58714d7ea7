using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Pipeline;
using static ExpansionDashboard.Metrics.Tests.Forecast.ForecastTestData;

namespace ExpansionDashboard.Metrics.Tests.Pipeline;

public class MotionAnalyticsTests
{
    private static readonly DateOnly From = new(2026, 1, 1);
    private static readonly DateOnly To = new(2026, 12, 31);

    [Fact]
    public void Compute_WinRatesDealSizeAndVelocity_PerMotion()
    {
        OpportunityInput[] deals =
        [
            ClosedDeal("w1", true, OpportunityStage.Negotiation, 1_000m, new DateOnly(2026, 3, 1), type: OpportunityType.Seats),
            ClosedDeal("w2", true, OpportunityStage.Negotiation, 3_000m, new DateOnly(2026, 4, 1), type: OpportunityType.Seats),
            ClosedDeal("l1", false, OpportunityStage.Engaged, 6_000m, new DateOnly(2026, 5, 1), type: OpportunityType.Seats),
            Deal("w3", OpportunityStage.ClosedWon, 2_000m, new DateOnly(2026, 6, 1), new DateOnly(2026, 5, 22), new DateOnly(2026, 6, 1), type: OpportunityType.Seats),
            ClosedDeal("other", true, OpportunityStage.Negotiation, 9_000m, new DateOnly(2026, 3, 1), type: OpportunityType.Usage),
            ClosedDeal("outside", true, OpportunityStage.Negotiation, 9_000m, new DateOnly(2025, 12, 31), type: OpportunityType.Seats),
            Deal("open", OpportunityStage.Proposal, 9_000m, new DateOnly(2026, 6, 1), type: OpportunityType.Seats),
        ];

        var seats = MotionAnalytics.Compute(deals, null, From, To).Single(m => m.Motion == OpportunityType.Seats);

        Assert.Equal(3, seats.Won);
        Assert.Equal(1, seats.Lost);
        Assert.Equal(75m, seats.WinRateByCount);
        Assert.Equal(50m, seats.WinRateByAmount);          // 6,000 won of 12,000 closed
        Assert.Equal(2_000m, seats.AverageDealSize);
        Assert.Equal(60m, seats.MedianDaysToClose);        // 60, 60 and 10 days
        Assert.Equal(3, seats.DealsWithDates);
    }

    [Fact]
    public void Funnel_ClosedDealsWithHistory_CountsDealsThatReachedEachStage()
    {
        OpportunityInput[] deals =
        [
            ClosedDeal("w1", true, OpportunityStage.Negotiation, 1m, To),
            ClosedDeal("w2", true, OpportunityStage.Qualified, 1m, To),     // won: reached every stage
            ClosedDeal("l1", false, OpportunityStage.Proposal, 1m, To),
            ClosedDeal("l2", false, OpportunityStage.Identified, 1m, To),
            Deal("nohist", OpportunityStage.ClosedLost, 1m, To, closed: To),  // no recorded stage: left out
        ];

        var (steps, count) = MotionAnalytics.Funnel(deals);

        Assert.Equal(4, count);
        Assert.Equal([4, 3, 3, 3, 2, 2], steps.Select(s => s.Reached));
        Assert.Equal(75m, steps[0].ToNext);
        Assert.Equal(100m * 2 / 3, steps[3].ToNext!.Value, 20);
        Assert.Equal(100m, steps[4].ToNext);                 // Negotiation → Closed Won
        Assert.Null(steps[5].ToNext);
    }

    [Fact]
    public void Compute_TimeToFirstExpansion_IsPerLineLevelType()
    {
        var m0 = new Month(2026, 1);
        var accounts = new[] { new AccountInput("A", "A", "SMB", "Retail", "EMEA", "Ana"), new AccountInput("B", "B", "SMB", "Retail", "EMEA", "Ana") };
        var revenue = new List<RevenueInput>();
        for (var i = 0; i < 8; i++)
        {
            // A pays from January; upsell on Core in April (age 3); a new product in June (age 5).
            revenue.Add(new RevenueInput("A", m0.AddMonths(i), "Core", i >= 3 ? 150m : 100m));
            if (i >= 5)
            {
                revenue.Add(new RevenueInput("A", m0.AddMonths(i), "Analytics", 50m));
            }

            // B pays from February; upsell in March (age 1).
            if (i >= 1)
            {
                revenue.Add(new RevenueInput("B", m0.AddMonths(i), "Core", i >= 2 ? 80m : 60m));
            }
        }

        var model = RevenueModel.Build(accounts, revenue);

        var stats = MotionAnalytics.Compute([], model, From, To);
        var upsell = stats.Single(s => s.Motion == OpportunityType.Upsell);
        Assert.Equal(2m, upsell.MedianMonthsToFirstExpansion); // ages 3 and 1
        Assert.Equal(2, upsell.AccountsExpanded);
        var cross = stats.Single(s => s.Motion == OpportunityType.CrossSell);
        Assert.Equal(5m, cross.MedianMonthsToFirstExpansion);
        Assert.Null(stats.Single(s => s.Motion == OpportunityType.Seats).MedianMonthsToFirstExpansion);
    }
}
