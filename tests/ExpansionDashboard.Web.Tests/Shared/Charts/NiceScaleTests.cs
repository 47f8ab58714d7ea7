using ExpansionDashboard.Web.Shared.Charts;

namespace ExpansionDashboard.Web.Tests.Shared.Charts;

[Trait(Lanes.Category, Lanes.Unit)]
public sealed class NiceScaleTests
{
    [Fact]
    public void For_NrrAroundHundred_WholePercentTicks()
    {
        // The odd ticks seen on the Overview (107.0 / 102.7 / 98.3 %) came from data like this.
        var scale = ChartSpecs.PercentScale([97.3m, 99.8m, 103.1m, 104.9m]);

        Assert.Equal(96m, scale.Min);
        Assert.Equal(106m, scale.Max);
        Assert.Equal(2m, scale.Step);
        Assert.Equal([96m, 98m, 100m, 102m, 104m, 106m], scale.Ticks);
        Assert.Equal(0, scale.Decimals);
    }

    [Fact]
    public void For_NarrowPercentRange_StepNeverBelowOnePoint()
    {
        var scale = ChartSpecs.PercentScale([100.1m, 100.4m], padding: 0m);

        Assert.Equal(1m, scale.Step);
        Assert.All(scale.Ticks, t => Assert.Equal(Math.Floor(t), t));
    }

    [Fact]
    public void For_MrrAroundThreeMillion_StartsAtZeroOnRoundMillions()
    {
        var scale = NiceScale.For([2_512_000m, 3_104_500m, 3_388_000m], includeZero: true);

        Assert.Equal(0m, scale.Min);
        Assert.Equal(4_000_000m, scale.Max);
        Assert.Equal([0m, 1_000_000m, 2_000_000m, 3_000_000m, 4_000_000m], scale.Ticks);
        Assert.Equal(4, scale.TickAmount);
    }

    [Fact]
    public void For_StackedGainsAndLosses_RoundEndsEitherSideOfZero()
    {
        ChartSeries[] series = [new("New", [30_000m, 42_000m]), new("Churn", [-18_000m, -9_000m])];

        var scale = ChartSpecs.MoneyScale(series, stacked: true);

        Assert.True(scale.Min <= -18_000m && scale.Max >= 42_000m);
        Assert.Contains(0m, scale.Ticks);
        Assert.All(scale.Ticks, t => Assert.Equal(0m, t % 10_000m));
    }

    [Theory]
    [InlineData(0.68, 1)]
    [InlineData(680_000, 1_000_000)]
    [InlineData(1.2, 2)]
    [InlineData(3.1, 5)]
    [InlineData(0.042, 0.05)]
    public void StepFor_Rough_NextOneTwoOrFive(double rough, double expected) =>
        Assert.Equal((decimal)expected, NiceScale.StepFor((decimal)rough));

    [Fact]
    public void For_NoData_StillAValidScale()
    {
        var scale = NiceScale.For([null, null], includeZero: true);

        Assert.Equal(0m, scale.Min);
        Assert.True(scale.Max > 0m && scale.TickAmount >= 1);
    }

    [Fact]
    public void MrrTrend_Spec_MoneyAxisFromZeroWithTickAmount()
    {
        var points = new[] { new Data.Overview.TrendPoint(new Metrics.Model.Month(2026, 1), 2_600_000m), new Data.Overview.TrendPoint(new Metrics.Model.Month(2026, 2), 3_300_000m) };

        var spec = ChartSpecs.MrrTrend(points, "USD");

        Assert.Equal(0m, spec.YMin);
        Assert.Equal(4_000_000m, spec.YMax);
        Assert.Equal(4, spec.TickAmount);
    }
}
