using ExpansionDashboard.Metrics.Billing;
using ExpansionDashboard.Metrics.Currency;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Movements;
using ExpansionDashboard.Metrics.Retention;

namespace ExpansionDashboard.Metrics.Tests.Currency;

/// <summary>Hand-computed cases for the contract's "Currencies" section (reporting currency AUD).</summary>
public class FxMovementTests
{
    private static readonly Month Jan = new(2024, 1);
    private static readonly Month Feb = new(2024, 2);
    private static readonly Month Mar = new(2024, 3);

    // USD 1.5 in January, 1.6 in February; March has no rate of its own and uses February's.
    private static readonly FxRates Rates = new("AUD", [new(Jan, "USD", 1.5m), new(Feb, "usd", 1.6m)]);

    private static RevenueModel Book(params RevenueInput[] rows) =>
        RevenueModel.Build([new AccountInput("A", "A", "SMB", "", "", ""), new AccountInput("B", "B", "SMB", "", "", "")], rows, Jan, Mar, Rates);

    [Fact]
    public void RateAt_MonthWithoutOwnRate_UsesLatestEarlierRate()
    {
        Assert.Equal(1.6m, Rates.RateAt("USD", Mar));
        Assert.Equal(1.5m, Rates.RateAt("USD", Jan));
        Assert.Null(Rates.RateAt("USD", new Month(2023, 12)));
        Assert.Equal(1m, Rates.RateAt("AUD", Jan));
        Assert.Equal(1m, Rates.RateAt("", Jan));
        Assert.Null(Rates.RateAt("CHF", Mar));
    }

    [Fact]
    public void Compute_RateMovesOnUnchangedUsdLine_IsFxNotExpansion()
    {
        // A pays USD 100 every month; B pays AUD 200, then 250, then leaves.
        var model = Book(
            new("A", Jan, "Core", 100m, Currency: "USD"), new("A", Feb, "Core", 100m, Currency: "USD"), new("A", Mar, "Core", 100m, Currency: "USD"),
            new("B", Jan, "Core", 200m), new("B", Feb, "Core", 250m, Currency: "AUD"));

        var months = MrrMovements.Compute(model);
        var feb = months.Single(m => m.Month == Feb);
        var mar = months.Single(m => m.Month == Mar);

        // MRR at each month's own rates: Jan 150 + 200 = 350, Feb 160 + 250 = 410, Mar 160.
        Assert.Equal(350m, feb.StartMrr);
        Assert.Equal(410m, feb.EndMrr);
        Assert.Equal(50m, feb.Expansion); // B only: A at January's rate is unchanged
        Assert.Equal(10m, feb.Fx);        // 100 × (1.6 − 1.5)
        Assert.Equal(0m, feb.Contraction);
        Assert.Equal(feb.EndMrr - feb.StartMrr, feb.NetChange);

        Assert.Equal(160m, mar.EndMrr);
        Assert.Equal(-250m, mar.Churn);
        Assert.Equal(0m, mar.Fx);
        Assert.Equal(mar.EndMrr - mar.StartMrr, mar.NetChange);
    }

    [Fact]
    public void Compute_UsdLineGrowsWhileRateMoves_SplitsExpansionAndFx()
    {
        var model = Book(new("A", Jan, "Core", 100m, Currency: "USD"), new("A", Feb, "Core", 120m, Currency: "USD"));

        var feb = MrrMovements.Compute(model).Single(m => m.Month == Feb);

        // 150 → 192: at January's rate February is 180, so expansion 30 and FX 12.
        Assert.Equal(150m, feb.StartMrr);
        Assert.Equal(192m, feb.EndMrr);
        Assert.Equal(30m, feb.Expansion);
        Assert.Equal(12m, feb.Fx);
        Assert.Equal(30m, feb.ExpansionByType.Upsell);
        var account = MrrMovements.ForMonth(model, Feb).Single();
        Assert.Equal(MovementKind.Expansion, account.Kind);
        Assert.Equal(180m, account.CurrentMrr);
        Assert.Equal(12m, account.Fx);
    }

    [Fact]
    public void RetentionWindow_EndValuedAtStartMonthRates_IsConstantCurrency()
    {
        var model = Book(
            new("A", Jan, "Core", 100m, Currency: "USD"), new("A", Mar, "Core", 110m, Currency: "USD"),
            new("B", Jan, "Core", 200m));

        var w = RetentionWindow.Compute(model, Jan, Mar);

        // Start = 150 + 200 = 350. End at January's rates: A 110 × 1.5 = 165, B 0 → NRR 47.142857…, GRR 150 / 350.
        Assert.Equal(350m, w.StartMrr);
        Assert.Equal(165m, w.EndMrr);
        Assert.Equal(165m / 350m * 100m, w.Nrr);
        Assert.Equal(150m / 350m * 100m, w.Grr);
        Assert.Equal(50m, w.LogoRetention);

        // The same via the series used by trends.
        var series = RetentionSeries.Windows(model, 2);
        Assert.Equal(165m, series.Single().EndMrr);
    }

    [Fact]
    public void Build_RowWithoutRate_CountsZeroAndIsReported()
    {
        var model = Book(new("A", Feb, "Core", 100m, Currency: "CHF"), new("B", Feb, "Core", 50m));

        Assert.Equal(0m, model.Accounts.Single(a => a.Account.Id == "A").Total[1]);
        Assert.Equal([new MissingRate("CHF", Feb)], model.MissingRates);
        Assert.True(model.IsMultiCurrency);
    }

    [Fact]
    public void Build_SingleCurrency_FxIsZeroAndFiguresUnchanged()
    {
        var rows = new RevenueInput[] { new("A", Jan, "Core", 100m), new("A", Feb, "Core", 130m, Currency: "AUD"), new("B", Feb, "Core", 40m) };
        var withRates = RevenueModel.Build([], rows, Jan, Mar, Rates);
        var plain = RevenueModel.Build([], rows.Select(r => r with { Currency = null }), Jan, Mar);

        Assert.False(withRates.IsMultiCurrency);
        Assert.Equal(MrrMovements.Compute(plain), MrrMovements.Compute(withRates), new MovementComparer());
        Assert.All(MrrMovements.Compute(withRates), m => Assert.Equal(0m, m.Fx));
    }

    [Fact]
    public void Compute_GeneratedMultiCurrencyBook_IdentityHoldsEveryMonth()
    {
        var random = new Random(7);
        var currencies = new[] { "", "USD", "EUR", "GBP" };
        var rates = new List<FxRateInput>();
        for (var m = 0; m < 24; m++)
        {
            rates.Add(new(Jan.AddMonths(m), "USD", 1.3m + (decimal)random.NextDouble() / 5m));
            rates.Add(new(Jan.AddMonths(m), "EUR", 1.5m + (decimal)random.NextDouble() / 5m));
            rates.Add(new(Jan.AddMonths(m), "GBP", 1.8m + (decimal)random.NextDouble() / 5m));
        }

        var rows = new List<RevenueInput>();
        for (var a = 0; a < 60; a++)
        {
            for (var m = 0; m < 24; m++)
            {
                if (random.Next(5) > 0)
                {
                    rows.Add(new($"A{a}", Jan.AddMonths(m), random.Next(2) == 0 ? "Core" : "Api", random.Next(-20, 500), Currency: currencies[random.Next(currencies.Length)]));
                }
            }
        }

        var model = RevenueModel.Build([], rows, Jan, Jan.AddMonths(23), new FxRates("AUD", rates));
        var months = MrrMovements.Compute(model);

        Assert.Contains(months, m => m.Fx != 0m);
        Assert.All(months, m => Assert.Equal(m.EndMrr, m.StartMrr + m.New + m.Reactivation + m.Expansion + m.Contraction + m.Churn + m.Fx));
        for (var i = 1; i < months.Count; i++)
        {
            Assert.Equal(months[i - 1].EndMrr, months[i].StartMrr);
        }
    }

    [Fact]
    public void Normalise_LinesInTwoCurrencies_SpreadInOwnCurrencyThenConverted()
    {
        // A year of USD 1,200 and a year of EUR 600 for the same product from March: 100 USD + 50 EUR a month.
        var result = InvoiceNormalisation.Normalise(
        [
            new InvoiceLineInput("A", "Core", new DateOnly(2024, 3, 1), new DateOnly(2025, 3, 1), 1200m, Currency: "USD"),
            new InvoiceLineInput("A", "Core", new DateOnly(2024, 3, 1), new DateOnly(2025, 3, 1), 600m, Currency: "eur"),
        ]);
        Assert.Equal(24, result.Revenue.Count);
        Assert.All(result.Revenue.Where(r => r.Currency == "USD"), r => Assert.Equal(100m, r.Mrr));
        Assert.All(result.Revenue.Where(r => r.Currency == "EUR"), r => Assert.Equal(50m, r.Mrr));

        var rates = new FxRates("AUD", [new(new Month(2024, 3), "USD", 1.5m), new(new Month(2024, 3), "EUR", 1.6m), new(new Month(2024, 4), "EUR", 1.7m)]);
        var model = RevenueModel.Build([], result.Revenue, new Month(2024, 3), new Month(2024, 4), rates);
        Assert.Equal(150m + 80m, model.Accounts.Single().Total[0]);
        Assert.Equal(150m + 85m, model.Accounts.Single().Total[1]);
        var apr = MrrMovements.Compute(model).Single();
        Assert.Equal(5m, apr.Fx);
        Assert.Equal(0m, apr.Expansion);
    }

    private sealed class MovementComparer : IEqualityComparer<MonthMovements>
    {
        public bool Equals(MonthMovements? x, MonthMovements? y) => x is not null && y is not null && x with { ExpansionByType = ExpansionByType.Zero } == y with { ExpansionByType = ExpansionByType.Zero } && x.ExpansionByType == y.ExpansionByType;

        public int GetHashCode(MonthMovements obj) => obj.Month.GetHashCode();
    }

    [Fact]
    public void NrrBridge_UsdCohortWhileRateMoves_BridgeAtStartRatesAndFxApart()
    {
        // A: USD 100 → 120 (Jan → Mar); B: AUD 200 → 150. At January's rate (1.5) A goes 150 → 180.
        var model = Book(
            new("A", Jan, "Core", 100m, Currency: "USD"), new("A", Mar, "Core", 120m, Currency: "USD"),
            new("B", Jan, "Core", 200m), new("B", Mar, "Core", 150m));

        var bridge = NrrBridge.Compute(model, Jan, Mar);

        Assert.Equal(350m, bridge.StartMrr);
        Assert.Equal(180m + 150m, bridge.EndMrr);
        Assert.Equal(30m, bridge.Expansion);
        Assert.Equal(-50m, bridge.Bar("Contraction").Amount);
        Assert.Equal(bridge.EndMrr, bridge.StartMrr + bridge.Bars.Sum(b => b.Amount));
        Assert.Equal(330m / 350m * 100m, bridge.Nrr);

        // March's own rate is February's 1.6: 120 × (1.6 − 1.5) = 12, outside the bridge and NRR.
        Assert.Equal(12m, bridge.Fx);
        Assert.Equal(120m * 1.6m + 150m, bridge.EndMrrAtEndRates);
    }
}
