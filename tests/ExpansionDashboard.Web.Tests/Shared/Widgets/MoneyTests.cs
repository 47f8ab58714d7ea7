using System.Globalization;
using ExpansionDashboard.Web.Shared.Widgets;

namespace ExpansionDashboard.Web.Tests.Shared.Widgets;

[Trait(Lanes.Category, Lanes.Unit)]
public sealed class MoneyTests
{
    private static readonly CultureInfo EnUs = CultureInfo.GetCultureInfo("en-US");
    private static readonly CultureInfo EnAu = CultureInfo.GetCultureInfo("en-AU");
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");
    private static readonly CultureInfo DeDe = CultureInfo.GetCultureInfo("de-DE");

    // Non-breaking spaces keep number and symbol together; the tests read them as plain spaces.
    private static string Plain(string s) => s.Replace('\u00a0', ' ');

    [Theory]
    [InlineData("AUD", "en-US", "A$1,234")]
    [InlineData("AUD", "en-AU", "A$1,234")]
    [InlineData("NZD", "en-US", "NZ$1,234")]
    [InlineData("USD", "en-US", "$1,234")]
    [InlineData("USD", "en-AU", "US$1,234")]
    [InlineData("GBP", "en-US", "£1,234")]
    [InlineData("GBP", "en-GB", "£1,234")]
    [InlineData("EUR", "en-US", "€1,234")]
    [InlineData("EUR", "de-DE", "1.234 €")]
    [InlineData("CHF", "en-US", "CHF 1,234")]
    [InlineData("CHF", "de-DE", "1.234 CHF")]
    [InlineData("MYR", "en-US", "RM1,234")]
    [InlineData("CNY", "en-US", "CN¥1,234")]
    [InlineData("SEK", "en-US", "SEK 1,234")]
    public void Format_CurrencyInCulture_SymbolAndPlacement(string currency, string culture, string expected)
    {
        Assert.Equal(expected, Plain(Money.Format(1234.4m, currency, CultureInfo.GetCultureInfo(culture))));
    }

    [Fact]
    public void Format_SmallAmounts_KeepMinorUnits_WholeUnitsFromAThousand()
    {
        Assert.Equal("A$249.96", Money.Format(249.96m, "AUD", EnAu));
        Assert.Equal("A$1,235", Money.Format(1234.5m, "AUD", EnAu));
        Assert.Equal("1.235 €", Plain(Money.Format(1234.5m, "EUR", DeDe)));
        Assert.Equal("999,99 €", Plain(Money.Format(999.99m, "EUR", DeDe)));
        Assert.Equal("£0.50", Money.Format(0.5m, "GBP", EnGb));
    }

    [Theory]
    [InlineData(3214.49, "$3,214")]
    [InlineData(999.99, "$999.99")]
    [InlineData(1000, "$1,000")]
    [InlineData(678.23, "$678.23")]
    [InlineData(0, "$0")]
    [InlineData(0.004, "$0")]
    [InlineData(-0.004, "$0")]
    [InlineData(-678.23, "-$678.23")]
    [InlineData(-3214.5, "-$3,215")]
    public void Format_OneRule_NoCentsFromAThousandAndNoneOnZero(double amount, string expected) =>
        Assert.Equal(expected, Money.Format((decimal)amount, "USD", EnUs));

    [Fact]
    public void Pattern_CarriesTheRuleToChartTooltips()
    {
        var usd = Money.Pattern("USD", EnUs);
        var yen = Money.Pattern("JPY", EnUs);

        Assert.Equal(2, usd.MinorDigits);
        Assert.Equal(Money.WholeUnitsFrom, usd.WholeUnitsFrom);
        Assert.Equal(0, yen.MinorDigits);
    }

    [Fact]
    public void Format_NoMinorUnitCurrency_NeverShowsDecimals()
    {
        Assert.Equal("¥500", Money.Format(500m, "JPY", EnUs));
    }

    [Theory]
    [InlineData("AUD", "en-AU", "-A$2,500")]
    [InlineData("USD", "en-US", "-$12.30")]
    [InlineData("EUR", "de-DE", "-2.500 €")]
    [InlineData("CHF", "en-US", "-CHF 2,500")]
    [InlineData("MYR", "en-US", "-RM2,500")]
    [InlineData("GBP", "en-GB", "-£2,500")]
    public void Format_Negative_SignBeforeTheAmountAsTheCultureWritesIt(string currency, string culture, string expected)
    {
        var value = expected.Contains("12.30", StringComparison.Ordinal) ? -12.3m : -2500m;
        Assert.Equal(expected, Plain(Money.Format(value, currency, CultureInfo.GetCultureInfo(culture))));
    }

    [Fact]
    public void Format_RoundsToZero_HasNoSign_NullIsADash()
    {
        Assert.Equal("A$0", Money.Format(-0.001m, "AUD", EnAu));
        Assert.Equal("–", Money.Format(null, "AUD", EnAu));
    }

    [Fact]
    public void Format_LowerCaseOrPaddedCode_IsTheSameCurrency()
    {
        Assert.Equal(Money.Format(10m, "AUD", EnUs), Money.Format(10m, " aud ", EnUs));
    }

    [Fact]
    public void Format_NoCultureGiven_UsesTheCurrentCulture()
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = DeDe;
        try
        {
            Assert.Equal("12,50 £", Plain(Format.Money(12.5m, "GBP")));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void Format_NumberAndSymbol_AreJoinedByANonBreakingSpace()
    {
        Assert.Equal("1.234\u00a0€", Money.Format(1234m, "EUR", DeDe));
        Assert.Equal("CHF\u00a01,234", Money.Format(1234m, "CHF", EnUs));
    }

    [Fact]
    public void Pattern_ForCharts_SameTemplateTheFormatterFills()
    {
        var au = Money.Pattern("AUD", EnAu);
        Assert.Equal(new MoneyPattern("{symbol}{number}", "{sign}{symbol}{number}", "A$"), au);
        Assert.Equal("A$1.2M", Money.Fill(au, "1.2M", negative: false, EnAu));
        Assert.Equal("-A$3.4K", Money.Fill(au, "3.4K", negative: true, EnAu));

        var de = Money.Pattern("EUR", DeDe);
        Assert.Equal("1,2 Mio. €", Plain(Money.Fill(de, "1,2 Mio.", negative: false, DeDe)));
        Assert.Equal("-1,2 Mio. €", Plain(Money.Fill(de, "1,2 Mio.", negative: true, DeDe)));
    }

    [Fact]
    public void Symbol_CultureOwnCurrencyWithoutKnownSymbol_UsesTheCulturesSymbol()
    {
        Assert.Equal("kr", Money.Symbol("SEK", CultureInfo.GetCultureInfo("sv-SE")));
        Assert.Equal("SEK", Money.Symbol("SEK", EnUs));
    }
}
