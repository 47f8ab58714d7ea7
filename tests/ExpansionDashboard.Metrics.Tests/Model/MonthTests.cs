using ExpansionDashboard.Metrics.Model;

namespace ExpansionDashboard.Metrics.Tests.Model;

public class MonthTests
{
    [Theory]
    [InlineData("2024-01", 2024, 1)]
    [InlineData("2026-12", 2026, 12)]
    [InlineData("2025-03-17", 2025, 3)]
    public void Parse_ValidText_ReturnsMonth(string text, int year, int number) =>
        Assert.Equal(new Month(year, number), Month.Parse(text));

    [Theory]
    [InlineData("2024-13")]
    [InlineData("24-01")]
    [InlineData("")]
    [InlineData("January")]
    public void TryParse_InvalidText_ReturnsFalse(string text) => Assert.False(Month.TryParse(text, out _));

    [Fact]
    public void AddMonths_AcrossYearBoundary_Rolls() =>
        Assert.Equal(new Month(2025, 2), new Month(2024, 11).AddMonths(3));

    [Fact]
    public void LastDay_February_LeapYear() => Assert.Equal(new DateOnly(2024, 2, 29), new Month(2024, 2).LastDay);

    [Theory]
    [InlineData("2026-Q4", 2026, 4)]
    [InlineData("2025-q1", 2025, 1)]
    public void QuarterParse_ValidText_ReturnsQuarter(string text, int year, int q) =>
        Assert.Equal(new Quarter(year, q), Quarter.Parse(text));

    [Fact]
    public void QuarterContains_Bounds_AreInclusive()
    {
        var q = new Quarter(2026, 4);
        Assert.True(q.Contains(new DateOnly(2026, 10, 1)));
        Assert.True(q.Contains(new DateOnly(2026, 12, 31)));
        Assert.False(q.Contains(new DateOnly(2027, 1, 1)));
        Assert.False(q.Contains(new DateOnly(2026, 9, 30)));
    }

    [Fact]
    public void QuarterAddQuarters_AcrossYear_Rolls() => Assert.Equal(new Quarter(2027, 2), new Quarter(2026, 4).AddQuarters(2));
}
