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

    [Fact]
    public void TryParseDecimal_StoredTextsAtEveryScale_EqualTheGeneralParserWithItsScale()
    {
        var rng = new Random(17);
        var parsed = 0;
        for (var i = 0; i < 20_000; i++)
        {
            // Up to 19 digits: the amounts a book holds, written as the writer writes them (and as plain ToString does).
            var value = new decimal((int)rng.NextInt64(0, uint.MaxValue + 1L), rng.Next(0, 1 << 30) >> rng.Next(0, 31), 0, rng.Next(2) == 0, (byte)rng.Next(0, 12));
            var text = i % 2 == 0 ? value.ToString(SqlitePlanWriter.DecimalFormat, CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);
            var bytes = Encoding.UTF8.GetBytes(text);
            Assert.True(System.Buffers.Text.Utf8Parser.TryParse(bytes, out decimal expected, out var used) && used == bytes.Length, text);
            if (SqliteText.TryParseDecimal(bytes, out var fast))
            {
                parsed++;
                Assert.Equal(expected, fast);
                Assert.Equal(decimal.GetBits(expected), decimal.GetBits(fast));
            }
        }

        Assert.True(parsed > 15_000, $"only {parsed} texts took the fast path");
    }

    [Theory]
    [InlineData("1200.0", "1200.0")]
    [InlineData("-0.5", "-0.5")]
    [InlineData("42", "42")]
    [InlineData("9999999999999999999", "9999999999999999999")]
    [InlineData("0.000000000000000001", "0.000000000000000001")]
    public void TryParseDecimal_PlainText_KeepsValueAndScale(string text, string expected)
    {
        Assert.True(SqliteText.TryParseDecimal(Encoding.UTF8.GetBytes(text), out var value));
        Assert.Equal(expected, value.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("12.")]
    [InlineData("+12.5")]
    [InlineData("1.2.3")]
    [InlineData("1e5")]
    [InlineData(" 12")]
    [InlineData("12345678901234567890")]
    [InlineData("79228162514264337593543950335")]
    public void TryParseDecimal_OtherShapes_LeftToTheGeneralParser(string text) =>
        Assert.False(SqliteText.TryParseDecimal(Encoding.UTF8.GetBytes(text), out _));

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
