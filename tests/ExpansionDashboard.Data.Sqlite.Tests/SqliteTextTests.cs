using System.Globalization;
using System.Text;

namespace ExpansionDashboard.Data.Sqlite.Tests;

/// <summary>The writer's hand-made texts are byte for byte what the custom formats (and so EF Core) write.</summary>
[Trait(Lanes.Category, Lanes.Unit)]
public sealed class SqliteTextTests
{
    public static TheoryData<string> Decimals => new()
    {
        "1250.00", "1250", "0.5", "-0.5", "-1200.10", "4999.99", "0.0001", "79228162514264337593543950335", "-79228162514264337593543950335",
        "0.0000000000000000000000000001", "1.1000000000000000000000000000", "123456789012345678.1234567890", "-0.00000001", "100", "10.10",
    };

    [Theory]
    [MemberData(nameof(Decimals))]
    public void TryDecimal_AnyNonZeroValue_WritesTheCustomFormatsText(string text)
    {
        var value = decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        Span<byte> utf8 = stackalloc byte[64];

        Assert.True(SqliteText.TryDecimal(value, utf8, out var n));
        Assert.Equal(value.ToString(SqlitePlanWriter.DecimalFormat, CultureInfo.InvariantCulture), Encoding.UTF8.GetString(utf8[..n]));
    }

    [Fact]
    public void TryDecimal_RandomAmountsAtEveryScale_MatchTheCustomFormat()
    {
        var rng = new Random(11);
        Span<byte> utf8 = stackalloc byte[64];
        for (var i = 0; i < 20_000; i++)
        {
            var value = new decimal(rng.Next(), rng.Next(), rng.Next(0, 1000), rng.Next(2) == 0, (byte)rng.Next(0, 29));
            if (value == 0m)
            {
                continue;
            }

            Assert.True(SqliteText.TryDecimal(value, utf8, out var n));
            Assert.Equal(value.ToString(SqlitePlanWriter.DecimalFormat, CultureInfo.InvariantCulture), Encoding.UTF8.GetString(utf8[..n]));
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.00")]
    [InlineData("-0.0")]
    public void TryDecimal_Zero_LeavesItToTheCustomFormat(string text)
    {
        Span<byte> utf8 = stackalloc byte[64];

        Assert.False(SqliteText.TryDecimal(decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture), utf8, out _));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(2026, 12, 31)]
    [InlineData(9999, 12, 31)]
    [InlineData(987, 3, 9)]
    [InlineData(2024, 2, 29)]
    public void Date_AnyDay_WritesIsoText(int year, int month, int day)
    {
        var date = new DateOnly(year, month, day);
        Span<byte> utf8 = stackalloc byte[10];

        SqliteText.Date(date, utf8);

        Assert.Equal(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Encoding.UTF8.GetString(utf8));
    }
}
