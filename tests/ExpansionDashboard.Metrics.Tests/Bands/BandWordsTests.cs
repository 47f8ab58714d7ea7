using ExpansionDashboard.Metrics.Bands;
using ExpansionDashboard.Metrics.Health;
using ExpansionDashboard.Metrics.Pipeline;
using ExpansionDashboard.Metrics.Retention;

namespace ExpansionDashboard.Metrics.Tests.Bands;

public class BandWordsTests
{
    [Fact]
    public void SegmentNrr_EnterpriseAt105Point8_StrongAndBelowItsBandInOnePhrase()
    {
        var word = BandWords.SegmentNrr(105.8m, SegmentNrrBands.For(SegmentNrrBands.Default, "Enterprise"));

        Assert.Equal("Strong — below the Enterprise band 110–130 %", word.Word);
        Assert.Equal(Severity.Alert, word.Severity);
    }

    [Fact]
    public void SegmentNrr_NoBenchmark_OnlyTheNrrBand()
    {
        var word = BandWords.SegmentNrr(105.8m, null);

        Assert.Equal(new BandWord("Strong", Severity.Good), word);
    }

    [Theory]
    [InlineData(5.01, "Exceptional", Severity.Good)]
    [InlineData(5, "Healthy", Severity.Good)]
    [InlineData(2, "Healthy", Severity.Good)]
    [InlineData(1.99, "Below 2 %", Severity.Watch)]
    public void ExpansionRate_DefaultBands_OneWordPerValue(decimal rate, string word, Severity severity)
    {
        Assert.Equal(new BandWord(word, severity), BandWords.ExpansionRate(rate));
    }

    [Fact]
    public void ExpansionRate_NoValue_NoWord()
    {
        Assert.Equal(BandWord.None, BandWords.ExpansionRate(null));
    }

    [Fact]
    public void Nrr_AdminThresholds_JudgedByThem()
    {
        Assert.Equal(new BandWord("Needs improvement", Severity.Watch), BandWords.Nrr(105m, new NrrThresholds(130m, 110m, 100m)));
        Assert.Equal(new BandWord("Strong", Severity.Good), BandWords.Nrr(105m));
    }

    [Fact]
    public void RedHealthShare_AboveTheLine_Watch()
    {
        Assert.Equal(new BandWord("Above 15 %", Severity.Watch), BandWords.RedHealthShare(15.1m));
        Assert.Equal(BandWord.None, BandWords.RedHealthShare(15m));
    }

    [Fact]
    public void Defaults_ThresholdRecords_ReferToTheOneDefaults()
    {
        Assert.Equal((Defaults.CoverageOnTrack, Defaults.CoverageAlert), (CoverageThresholds.Default.OnTrack, CoverageThresholds.Default.Alert));
        Assert.Equal((3.0m, 2.5m), (Defaults.CoverageOnTrack, Defaults.CoverageAlert));
        Assert.Equal((120m, 100m, 90m), (NrrThresholds.Default.WorldClass, NrrThresholds.Default.Strong, NrrThresholds.Default.NeedsImprovement));
        Assert.Equal((40m, 70m), (HealthThresholds.Default.Yellow, HealthThresholds.Default.Green));
        Assert.Same(Defaults.SegmentNrrBands, SegmentNrrBands.Default);
    }
}
