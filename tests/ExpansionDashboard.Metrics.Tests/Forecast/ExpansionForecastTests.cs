using ExpansionDashboard.Metrics.Forecast;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Pipeline;
using static ExpansionDashboard.Metrics.Tests.Forecast.ForecastTestData;

namespace ExpansionDashboard.Metrics.Tests.Forecast;

public class ExpansionForecastTests
{
    private static readonly Month First = new(2025, 6);
    private static readonly Quarter Q4 = new(2026, 4);
    private static readonly DateOnly AsOf = new(2026, 9, 30);

    /// <summary>
    /// U1 grows 10 MRR every month (untracked: 3 × 10 × 12 = 360 ARR a quarter). W1 grows 50 MRR a month in 2026-Q2, the
    /// quarter it won a 5,000 deal created in that quarter, so its growth is the deal's and not untracked.
    /// </summary>
    private static RevenueModel Revenue(int months = 19) => ForecastTestData.Revenue(
        First,
        ("U1", "SMB", i => 100m + (10m * i), months),
        ("W1", "SMB", i => i < 10 ? 500m : i < 13 ? 500m + (50m * (i - 9)) : 650m, months));

    private static List<OpportunityInput> Deals() =>
    [
        Deal("won-q2", OpportunityStage.ClosedWon, 5_000m, new DateOnly(2026, 5, 20), new DateOnly(2026, 4, 10), new DateOnly(2026, 5, 20), account: "W1",
            history: (OpportunityStage.Identified, new DateOnly(2026, 4, 10))),
        // Open on the day at Proposal (thin history → default 60 %).
        Deal("open", OpportunityStage.Proposal, 10_000m, new DateOnly(2026, 11, 15), new DateOnly(2026, 7, 1),
            history: [(OpportunityStage.Identified, new DateOnly(2026, 7, 1)), (OpportunityStage.Proposal, new DateOnly(2026, 9, 1))]),
        // Created after the day: not known then.
        Deal("created-later", OpportunityStage.Negotiation, 50_000m, new DateOnly(2026, 12, 1), new DateOnly(2026, 10, 5),
            history: (OpportunityStage.Negotiation, new DateOnly(2026, 10, 5))),
        // Expected next quarter: not in Q4.
        Deal("next-quarter", OpportunityStage.Negotiation, 70_000m, new DateOnly(2027, 1, 10), new DateOnly(2026, 8, 1),
            history: (OpportunityStage.Negotiation, new DateOnly(2026, 8, 1))),
        // Lost since, but on the day it was open at Engaged (default 20 %).
        Deal("lost-since", OpportunityStage.ClosedLost, 5_000m, new DateOnly(2026, 10, 20), new DateOnly(2026, 7, 15), new DateOnly(2026, 10, 20),
            history: [(OpportunityStage.Engaged, new DateOnly(2026, 8, 1)), (OpportunityStage.ClosedLost, new DateOnly(2026, 10, 20))]),
        // Won since, no stage recorded by the day: unknown stage → the any-stage rate (thin → Identified's 10 %).
        Deal("won-since", OpportunityStage.ClosedWon, 2_000m, new DateOnly(2026, 10, 10), new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 10), account: "A5"),
    ];

    [Fact]
    public void Compute_AtQuarterStart_IsWeightedPipelinePlusRunRates()
    {
        var f = ExpansionForecast.Compute(Revenue(), Deals(), Q4, AsOf);

        var smb = Assert.Single(f.Segments);
        Assert.Equal(0m, smb.Booked);
        Assert.Equal(17_000m, smb.OpenPipeline);               // open + lost-since + won-since
        Assert.Equal(3, smb.OpenDeals);
        Assert.Equal((10_000m * 0.6m) + (5_000m * 0.2m) + (2_000m * 0.1m), smb.WeightedPipeline);
        Assert.Equal(5_000m / 4m, smb.NewDealRunRate);         // one in-quarter deal over the 4 closed quarters
        Assert.Equal(360m, smb.UntrackedRunRate);              // W1's Q2 growth belongs to its deal
        Assert.Equal(7_200m + 1_250m + 360m, smb.Point);
        Assert.Equal(4, f.RunRateQuarters);
        Assert.Equal(smb.Point, f.Total.Point);
    }

    [Fact]
    public void Compute_MidQuarter_BooksWhatHappenedAndScalesRunRatesToWhatIsLeft()
    {
        // 2026-11-15: October and November revenue known, won-since booked, lost-since gone, created-later open.
        var asOf = new DateOnly(2026, 11, 15);
        var f = ExpansionForecast.Compute(Revenue(), Deals(), Q4, asOf);

        var smb = Assert.Single(f.Segments);
        Assert.Equal(2_000m, smb.WonToDate);
        Assert.Equal(2 * 10m * 12m, smb.UntrackedToDate);      // U1 in Oct and Nov; W1 flat
        Assert.Equal(60_000m, smb.OpenPipeline);               // open + created-later
        Assert.Equal(360m / 3m, smb.UntrackedRunRate);         // December left
        var daysLeft = Q4.LastDay.DayNumber - asOf.DayNumber;
        Assert.Equal(1_250m * daysLeft / 92m, smb.NewDealRunRate);
    }

    [Fact]
    public void Actual_ClosedQuarter_IsWonDealsPlusUntrackedExpansionOfAccountsWithoutAWin()
    {
        var actual = ExpansionForecast.Actual(Revenue(), Deals(), new Quarter(2026, 2));

        Assert.NotNull(actual);
        Assert.Equal(5_000m + 360m, actual["SMB"]);
        Assert.Null(ExpansionForecast.Actual(Revenue(months: 16), Deals(), Q4)); // revenue ends in September
    }
}
