using ExpansionDashboard.Metrics.Retention;

namespace ExpansionDashboard.Metrics.Tests.Retention;

public class SegmentNrrBandsTests
{
    [Theory]
    [InlineData("Enterprise", 109.9, BenchmarkPosition.Below)]
    [InlineData("Enterprise", 110, BenchmarkPosition.Within)]
    [InlineData("enterprise", 130, BenchmarkPosition.Within)]
    [InlineData("Enterprise", 130.1, BenchmarkPosition.Above)]
    [InlineData("SMB", 94.9, BenchmarkPosition.Below)]
    [InlineData("SMB", 102.3, BenchmarkPosition.Within)]
    [InlineData("SMB", 110.5, BenchmarkPosition.Above)]
    [InlineData("Mid-Market", 90, BenchmarkPosition.NoBand)]
    public void Judge_DefaultBands_PlaceTheSegmentNrr(string segment, double nrr, BenchmarkPosition expected) =>
        Assert.Equal(expected, SegmentNrrBands.Judge(SegmentNrrBands.For(null, segment), (decimal)nrr));

    [Fact]
    public void Validate_OverlappingOrInvertedBands_AreRefusedWithReasons()
    {
        var errors = SegmentNrrBands.Validate([new("SMB", 110m, 95m), new("smb", 90m, 100m), new(" ", 90m, 100m)]);

        Assert.Contains(errors, e => e.Contains("top of the band", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("two benchmark bands", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("needs a segment", StringComparison.Ordinal));
        Assert.Empty(SegmentNrrBands.Validate(SegmentNrrBands.Default));
    }
}
