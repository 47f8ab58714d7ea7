using ExpansionDashboard.Metrics.Bands;
using ExpansionDashboard.Metrics.Expansion;
using ExpansionDashboard.Metrics.Health;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Pipeline;

namespace ExpansionDashboard.Metrics.Tests.Health;

public class HealthRulesTests
{
    private static readonly Month Feb = TestData.M0.AddMonths(1);

    private static HealthSignalInput Signal(string id, Month month, double? usage = null, int? users = null, int? nps = null, double? planLimit = null) =>
        new(id, month, usage, users, null, nps, null, null, null, planLimit);

    private static AccountHealth Scored(decimal score, HealthBand band, double? planLimit = null, double? usage = null, double? previousUsage = null) =>
        new(new HealthScoreResult(score, band, []), planLimit, usage, previousUsage);

    [Fact]
    public void HealthMonthLatest_SignalsAcrossMonths_ScoresTheLatestOnOrBeforeAsOfWithLastMonthsUsers()
    {
        var signals = new[]
        {
            Signal("A", TestData.M0, usage: -0.06, users: 100),
            Signal("A", Feb, usage: -0.05, users: 110, nps: 50),
            Signal("A", Feb.AddMonths(1), nps: -100),
        };

        var month = HealthMonth.Latest(signals, Feb);

        Assert.NotNull(month);
        Assert.Equal(Feb, month.Month);
        var a = month.Scores["A"];
        // Usage −5 % → 50 − 5/0.6 = 41.67 (w 25); users +10 % → 75 (w 15); NPS 50 → 75 (w 20).
        Assert.Equal((50m - 5m / 0.6m) * 25m / 60m + 75m * 15m / 60m + 75m * 20m / 60m, a.Score.Score, 10);
        Assert.Equal(-0.05, a.UsageTrend);
        Assert.Equal(-0.06, a.PreviousUsageTrend);
    }

    [Fact]
    public void HealthMonthLatest_NoSignalByThen_IsNull()
    {
        Assert.Null(HealthMonth.Latest([Signal("A", Feb, nps: 10)], TestData.M0));
    }

    [Theory]
    [InlineData(69.99, HealthBand.Yellow)]
    [InlineData(70, HealthBand.Green)]
    [InlineData(40, HealthBand.Yellow)]
    [InlineData(39.99, HealthBand.Red)]
    public void HealthThresholds_DefaultBands_SeventyIsGreen(decimal score, HealthBand band)
    {
        Assert.Equal(band, HealthThresholds.Default.Classify(score));
    }

    [Fact]
    public void BandWordsHealthRange_DefaultBands_SeventyBelongsToGreenOnly()
    {
        Assert.Equal("≥ 70", BandWords.HealthRange(HealthBand.Green));
        Assert.Equal("40 to under 70", BandWords.HealthRange(HealthBand.Yellow));
        Assert.Equal("< 40", BandWords.HealthRange(HealthBand.Red));
    }

    [Fact]
    public void RedHealthShare_RedGreenAndUnscored_RedMrrOverScoredMrr()
    {
        var model = TestData.Model(("A", [100m]), ("B", [300m]), ("C", [50m]));
        var health = new HealthMonth(TestData.M0, new Dictionary<string, AccountHealth>
        {
            ["A"] = Scored(30m, HealthBand.Red),
            ["B"] = Scored(80m, HealthBand.Green),
        });

        Assert.Equal(25m, RedHealthShare.Compute(health, model));
    }

    [Fact]
    public void RedHealthShare_MonthOutsideModel_IsNull()
    {
        var model = TestData.Model(("A", [100m]));
        var health = new HealthMonth(Feb, new Dictionary<string, AccountHealth> { ["A"] = Scored(30m, HealthBand.Red) });

        Assert.Null(RedHealthShare.Compute(health, model));
    }

    [Fact]
    public void AtRisk_RedFallingUsageAndContraction_EachReasonLargestMrrFirst()
    {
        var model = TestData.Model(("A", [100m, 100m]), ("B", [200m, 150m]), ("C", [50m, 50m]), ("D", [80m, 80m]), ("E", [10m, 0m]));
        var health = new HealthMonth(Feb, new Dictionary<string, AccountHealth>
        {
            ["A"] = Scored(30m, HealthBand.Red),
            ["B"] = Scored(90m, HealthBand.Green),
            ["C"] = Scored(75m, HealthBand.Green, usage: -0.05, previousUsage: -0.06),
            ["D"] = Scored(75m, HealthBand.Green, usage: -0.03, previousUsage: -0.02),
            ["E"] = Scored(10m, HealthBand.Red),
        });

        var rows = AtRisk.Compute(model, Feb, health);

        Assert.Equal(["B", "A", "C"], rows.Select(r => r.AccountId));
        Assert.StartsWith("contracted ", rows[0].Reasons, StringComparison.Ordinal);
        Assert.Equal("red health (30)", rows[1].Reasons);
        Assert.StartsWith("usage down 2 months running", rows[2].Reasons, StringComparison.Ordinal);
        Assert.Equal(150m, rows[0].Mrr);
    }

    [Fact]
    public void AtRisk_FirstMonth_IsEmpty()
    {
        var model = TestData.Model(("A", [100m, 50m]));

        Assert.Empty(AtRisk.Compute(model, TestData.M0, null));
    }

    [Fact]
    public void ExpansionCandidates_GreenOrNearLimitWithoutOpenDeal_LargestMrrFirst()
    {
        var model = TestData.Model(("A", [100m]), ("B", [500m]), ("C", [300m]), ("D", [400m]), ("E", [0m]));
        var health = new HealthMonth(TestData.M0, new Dictionary<string, AccountHealth>
        {
            ["A"] = Scored(70m, HealthBand.Green),
            ["B"] = Scored(90m, HealthBand.Green),
            ["C"] = Scored(50m, HealthBand.Yellow, planLimit: 0.8),
            ["D"] = Scored(50m, HealthBand.Yellow, planLimit: 0.79),
            ["E"] = Scored(95m, HealthBand.Green),
        });
        var open = new OpportunityInput("O1", "B", "Upsell", OpportunityType.Upsell, OpportunityStage.Qualified, 1000m, new DateOnly(2024, 3, 1), "Ana", "SMB");

        var rows = ExpansionCandidates.Compute(model, [open], health, null, 10);

        Assert.Equal(["C", "A"], rows.Select(r => r.AccountId));
        Assert.Equal("healthy (70/100)", rows[1].Reason);
        Assert.Single(ExpansionCandidates.Compute(model, [open], health, null, 1));
        Assert.Empty(ExpansionCandidates.Compute(model, [open], null, null, 10));
    }
}
