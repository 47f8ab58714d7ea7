using ExpansionDashboard.Metrics.Currency;
using ExpansionDashboard.Metrics.Model;

namespace ExpansionDashboard.Metrics.Tests.Model;

[Trait(Lanes.Category, Lanes.Unit)]
public sealed class RevenueColumnsTests
{
    private static readonly string[] Products = ["Core", "Addon", "Seats pack", "core"];
    private static readonly string?[] Currencies = [null, "", "AUD", "usd", "USD ", "EUR", "JPY"];

    [Theory]
    [InlineData(3)]
    [InlineData(29)]
    [InlineData(101)]
    public void Build_SameRowsAsColumns_GivesTheSameModelAsRowByRow(int seed)
    {
        var (accounts, rows, rates) = RandomBook(seed);
        var columns = new RevenueColumns(4);
        foreach (var r in rows)
        {
            columns.Add(r);
        }

        var first = new Month(2023, 3);
        var last = new Month(2024, 8);

        AssertSameModel(RevenueModel.Build(accounts, rows, first, last, rates), RevenueModel.Build(accounts, columns, first, last, rates));
        AssertSameModel(RevenueModel.Build(accounts, rows, null, rates), RevenueModel.Build(accounts, columns, null, rates));
        AssertSameModel(RevenueModel.Build(accounts, rows, last.AddMonths(6), rates), RevenueModel.Build(accounts, columns, last.AddMonths(6), rates));
    }

    [Fact]
    public void Build_NoRows_GivesAnEmptyModelWithTheAccounts()
    {
        var model = RevenueModel.Build([TestData.Account("A")], new RevenueColumns());

        Assert.True(model.IsEmpty);
        Assert.Equal("A", Assert.Single(model.Accounts).Account.Id);
    }

    [Fact]
    public void Columns_TrackCountAndMonthRange()
    {
        var columns = new RevenueColumns();
        Assert.Null(columns.FirstMonth);

        columns.Add(new RevenueInput("A", new Month(2024, 5), "Core", 10m));
        columns.Add(new RevenueInput("B", new Month(2023, 11), "Core", 10m, ExpansionType.Seats, "EUR"));
        columns.Add(new RevenueInput("A", new Month(2024, 2), "Addon", 10m));

        Assert.Equal(3, columns.Count);
        Assert.Equal(new Month(2023, 11), columns.FirstMonth);
        Assert.Equal(new Month(2024, 5), columns.LastMonth);
        Assert.Equal([new Month(2024, 5), new Month(2023, 11), new Month(2024, 2)], columns.Months);
    }

    [Fact]
    public void Add_KeyFromNowhere_IsRefused()
    {
        var columns = new RevenueColumns();
        var account = columns.AccountKey("A");
        var product = columns.ProductKey("Core");

        Assert.Throws<ArgumentOutOfRangeException>(() => columns.Add(account, new Month(2024, 1), product, 1m, null, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => columns.Add(account + 1, new Month(2024, 1), product, 1m, null, columns.CurrencyKey(null)));
    }

    private static (List<AccountInput> Accounts, List<RevenueInput> Rows, FxRates Rates) RandomBook(int seed)
    {
        var rng = new Random(seed);
        var accounts = new List<AccountInput>();
        for (var a = 0; a < 60; a++)
        {
            accounts.Add(TestData.Account($"A{a}", a % 2 == 0 ? "SMB" : "Enterprise"));
        }

        accounts.Add(TestData.Account("A3", "Duplicate"));
        var rows = new List<RevenueInput>();
        for (var i = 0; i < 3_000; i++)
        {
            // Some rows name accounts the list lacks, some fall outside the range, some are credits.
            var id = rng.Next(10) == 0 ? $"X{rng.Next(8)}" : $"A{rng.Next(60)}";
            var month = new Month(2023, 1).AddMonths(rng.Next(0, 24));
            ExpansionType? type = rng.Next(5) switch { 0 => ExpansionType.Seats, 1 => ExpansionType.Usage, _ => null };
            var currency = Currencies[rng.Next(Currencies.Length)];
            rows.Add(new RevenueInput(id, month, Products[rng.Next(Products.Length)], rng.Next(-50, 900) + (rng.Next(100) / 100m), type, currency));
        }

        // USD and EUR have rates (EUR only from mid-2023), JPY has none: missing rates are reported the same way.
        var rates = new FxRates("AUD",
        [
            new FxRateInput(new Month(2023, 1), "USD", 1.5m),
            new FxRateInput(new Month(2024, 1), "USD", 1.55m),
            new FxRateInput(new Month(2023, 7), "EUR", 1.6m),
        ]);
        return (accounts, rows, rates);
    }

    private static void AssertSameModel(RevenueModel expected, RevenueModel actual)
    {
        Assert.Equal(expected.FirstMonth, actual.FirstMonth);
        Assert.Equal(expected.MonthCount, actual.MonthCount);
        Assert.Equal(expected.Products, actual.Products);
        Assert.Equal(expected.IsMultiCurrency, actual.IsMultiCurrency);
        Assert.Equal(expected.MissingRates, actual.MissingRates);
        Assert.Equal(expected.Accounts.Count, actual.Accounts.Count);
        Assert.NotEmpty(expected.MissingRates);
        for (var i = 0; i < expected.Accounts.Count; i++)
        {
            var e = expected.Accounts[i];
            var a = actual.Accounts[i];
            Assert.Equal(e.Account, a.Account);
            Assert.Equal(e.Total, a.Total);
            Assert.Equal(e.HasForeignCurrency, a.HasForeignCurrency);
            Assert.Equal(e.Products.Count, a.Products.Count);
            for (var p = 0; p < e.Products.Count; p++)
            {
                Assert.Equal(e.Products[p].Product, a.Products[p].Product);
                Assert.Equal(e.Products[p].Currency, a.Products[p].Currency);
                Assert.Equal(e.Products[p].Mrr, a.Products[p].Mrr);
                Assert.Equal(e.Products[p].LineTypes, a.Products[p].LineTypes);
                Assert.Equal(e.Products[p].Native, a.Products[p].Native);
            }
        }
    }
}
