using System.Net;
using System.Text.RegularExpressions;
using ExpansionDashboard.Web.Auth;

namespace ExpansionDashboard.Web.Tests.Hosting;

/// <summary>Dashboard:Currency and Dashboard:Culture reach every figure a signed-in user sees (prerendered pages).</summary>
[Trait(Lanes.Category, Lanes.Host)]
public sealed partial class CurrencySettingTests
{
    [Theory]
    [InlineData("AUD", "en-US", "A$", true)]
    [InlineData("AUD", "de-DE", "A$", false)]
    [InlineData("EUR", "de-DE", "€", false)]
    [InlineData("GBP", "en-GB", "£", true)]
    public async Task Pages_ReportingCurrencySet_MoneyShowsItsSymbolNeverABareDollar(string currency, string culture, string symbol, bool symbolFirst)
    {
        await using var app = new DashboardAppFactory(new Dictionary<string, string?>
        {
            ["Dashboard:DemoData"] = "true",
            ["Dashboard:Currency"] = currency,
            ["Dashboard:Culture"] = culture,
        });
        using var client = await app.SignedInClientAsync(DemoCredentials.ViewerEmail, DemoCredentials.ViewerPassword);

        foreach (var path in new[] { "/", "/cohorts", "/accounts", "/pipeline" })
        {
            var text = WebUtility.HtmlDecode(await client.GetStringAsync(path, TestContext.Current.CancellationToken));

            var amount = symbolFirst
                ? new Regex(Regex.Escape(symbol) + @"\d")
                : new Regex(@"\d\u00a0" + Regex.Escape(symbol));
            var at = text.IndexOf(symbol, StringComparison.Ordinal);
            Assert.True(amount.IsMatch(text), $"{path}: no amount written as {symbol} in {culture}; first use: {(at < 0 ? "none" : text.Substring(Math.Max(0, at - 12), 24))}");
            Assert.False(BareDollar().IsMatch(text), $"{path}: an amount shows a bare $: {BareDollar().Match(text).Value}");
        }
    }

    // "$1,234" or "1.234 $", but not "A$", "NZ$", "US$" and not "${" in scripts.
    [GeneratedRegex(@"(?<![A-Z])\$\d|\d\u00a0\$(?![A-Z{])")]
    private static partial Regex BareDollar();
}
