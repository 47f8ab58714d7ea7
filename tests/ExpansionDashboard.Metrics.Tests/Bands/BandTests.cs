using ExpansionDashboard.Metrics.Bands;
using ExpansionDashboard.Metrics.Health;
using ExpansionDashboard.Metrics.Pipeline;
using ExpansionDashboard.Metrics.Retention;

namespace ExpansionDashboard.Metrics.Tests.Bands;

public class BandTests
{
    private enum Unmarked
    {
        Plain,
    }

    [Theory]
    [InlineData(null, NrrBand.None)]
    [InlineData(120.0, NrrBand.WorldClass)]
    [InlineData(119.99, NrrBand.Strong)]
    [InlineData(100.0, NrrBand.Strong)]
    [InlineData(99.99, NrrBand.NeedsImprovement)]
    [InlineData(90.0, NrrBand.NeedsImprovement)]
    [InlineData(89.99, NrrBand.Critical)]
    public void Classify_NrrAtTheContractFloors_FloorsAreInclusive(double? nrr, NrrBand expected) =>
        Assert.Equal(expected, NrrThresholds.Default.Classify((decimal?)nrr));

    [Theory]
    [InlineData(3.0, false, CoverageBand.OnTrack)]
    [InlineData(2.99, false, CoverageBand.Watch)]
    [InlineData(2.5, false, CoverageBand.Watch)]
    [InlineData(2.49, false, CoverageBand.Alert)]
    [InlineData(0.1, true, CoverageBand.TargetMet)]
    public void Classify_CoverageAtTheContractFloors_BandOfTheFloorReached(double coverage, bool met, CoverageBand expected) =>
        Assert.Equal(expected, CoverageThresholds.Default.Classify((decimal)coverage, met));

    [Fact]
    public void Classify_NoCoverage_NoTarget() =>
        Assert.Equal(CoverageBand.NoTarget, CoverageThresholds.Default.Classify(null, targetMet: false));

    [Theory]
    [InlineData(70, HealthBand.Green)]
    [InlineData(69.9, HealthBand.Yellow)]
    [InlineData(40, HealthBand.Yellow)]
    [InlineData(39.9, HealthBand.Red)]
    public void Classify_HealthScore_SeventyIsGreenEverywhere(double score, HealthBand expected) =>
        Assert.Equal(expected, HealthThresholds.Default.Classify((decimal)score));

    [Fact]
    public void Describe_EveryBandOfEveryBandEnum_HasItsOwnWordAndASeverity()
    {
        AssertMarked<NrrBand>();
        AssertMarked<CoverageBand>();
        AssertMarked<HealthBand>();
        AssertMarked<BenchmarkPosition>();
    }

    [Fact]
    public void Slug_CoverageBands_AreTheApiNames() =>
        Assert.Equal(
            ["no-target", "alert", "watch", "on-track", "target-met"],
            Enum.GetValues<CoverageBand>().Select(Band.Slug).ToArray());

    [Fact]
    public void Describe_MemberWithoutAttribute_FallsBackToItsNameAndNoSeverity() =>
        Assert.Equal(new BandWord("Plain", Severity.None), Band.Describe(Unmarked.Plain));

    private static void AssertMarked<T>() where T : struct, Enum
    {
        var unmarked = typeof(T).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.GetCustomAttributes(typeof(BandAttribute), false).Length == 0)
            .Select(f => f.Name);
        Assert.Empty(unmarked);
        var words = Enum.GetValues<T>().Select(Band.Word).ToList();
        Assert.Equal(words.Count, words.Distinct(StringComparer.Ordinal).Count());
    }
}
