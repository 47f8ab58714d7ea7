using ExpansionDashboard.Metrics.Health;

namespace ExpansionDashboard.Metrics.Tests.Health;

public class HealthScoreTests
{
    [Fact]
    public void Compute_AllSignalsExcellent_Is100Green()
    {
        var r = HealthScore.Compute(new HealthInput(0.3, 120, 100, 0, 100, 0, false, true));

        Assert.Equal(100m, r.Score);
        Assert.Equal(HealthBand.Green, r.Band);
        Assert.Equal(7, r.Factors.Count);
    }

    [Fact]
    public void Compute_AllSignalsPoor_IsRedAndFactorsExplainIt()
    {
        var r = HealthScore.Compute(new HealthInput(-0.3, 50, 100, 10, -100, 3, true, false));

        Assert.True(r.Score < 40m);
        Assert.Equal(HealthBand.Red, r.Band);
        Assert.Equal(r.Score, r.Factors.Sum(f => f.Points));
        Assert.Equal(0m, r.Factors[0].SubScore);
    }

    [Fact]
    public void Compute_MissingSignals_RescaleRemainingWeights()
    {
        // Only NPS (sub-score 75) and payment failures (100) known, weights 20 and 15.
        var r = HealthScore.Compute(new HealthInput(null, null, null, null, 50, 0, null, null));

        Assert.Equal((75m * 20m + 100m * 15m) / 35m, r.Score);
        Assert.Equal(2, r.Factors.Count);
    }

    [Theory]
    [InlineData(39.99, HealthBand.Red)]
    [InlineData(40, HealthBand.Yellow)]
    [InlineData(69.99, HealthBand.Yellow)]
    [InlineData(70, HealthBand.Green)]
    public void Thresholds_Default_MatchContract(double score, HealthBand band) =>
        Assert.Equal(band, HealthThresholds.Default.Classify((decimal)score));
}
