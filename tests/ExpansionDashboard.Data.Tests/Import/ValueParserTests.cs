using System.Globalization;
using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Metrics.Model;

namespace ExpansionDashboard.Data.Tests.Import;

/// <summary>The digit-by-digit month and date paths accept exactly what the strict ISO parsers accept, with the same result.</summary>
[Trait(Lanes.Category, Lanes.Unit)]
public sealed class ValueParserTests
{
    [Theory]
    [InlineData("2026-10", 2026, 10)]
    [InlineData(" 2026-01 ", 2026, 1)]
    [InlineData("0001-01", 1, 1)]
    [InlineData("9999-12", 9999, 12)]
    [InlineData("2024-02-29", 2024, 2)]
    [InlineData("2026-10-31", 2026, 10)]
    [InlineData("2026-10-31T10:00:00", 2026, 10)]
    [InlineData("2026-10-31 10:00:00", 2026, 10)]
    public void TryMonth_IsoText_ReadsTheMonth(string text, int year, int month)
    {
        Assert.True(ValueParser.TryMonth(text, out var value));
        Assert.Equal(new Month(year, month), value);
    }

    [Theory]
    [InlineData("0000-01")]
    [InlineData("2026-00")]
    [InlineData("2026-13")]
    [InlineData("2026-1")]
    [InlineData("2026/10")]
    [InlineData("26-10")]
    [InlineData("2023-02-29")]
    [InlineData("2026-04-31")]
    [InlineData("2026-10-00")]
    [InlineData("２０２６-10")]
    [InlineData("October 2026")]
    [InlineData("")]
    public void TryMonth_NotAnIsoMonth_IsRefused(string text) => Assert.False(ValueParser.TryMonth(text, out _));

    [Fact]
    public void TryMonthAndTryDate_EveryShortIsoLikeText_AgreeWithTheExactParser()
    {
        // Every year-month in a wide range and days around each month's end, valid or not, against DateOnly's exact parsing.
        foreach (var year in new[] { "0000", "0001", "1999", "2024", "2025", "9999", "12a4" })
        {
            for (var m = 0; m <= 13; m++)
            {
                var month = $"{year}-{m:00}";
                var expectMonth = DateOnly.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d1);
                Assert.Equal(expectMonth, ValueParser.TryMonth(month, out var got));
                if (expectMonth)
                {
                    Assert.Equal(Month.Of(d1), got);
                }

                foreach (var day in new[] { 0, 1, 28, 29, 30, 31, 32 })
                {
                    var date = $"{month}-{day:00}";
                    var expectDate = DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d2);
                    Assert.Equal(expectDate, ValueParser.TryDate(date, out var gotDate));
                    Assert.Equal(expectDate, ValueParser.TryMonth(date, out var gotMonth));
                    if (expectDate)
                    {
                        Assert.Equal(d2, gotDate);
                        Assert.Equal(Month.Of(d2), gotMonth);
                    }
                }
            }
        }
    }
}
