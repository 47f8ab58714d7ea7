using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Movements;

namespace ExpansionDashboard.Metrics.Tests.Movements;

public class MrrMovementsTests
{
    [Theory]
    [InlineData(0, 100, false, MovementKind.New)]
    [InlineData(0, 100, true, MovementKind.Reactivation)]
    [InlineData(100, 150, true, MovementKind.Expansion)]
    [InlineData(100, 60, true, MovementKind.Contraction)]
    [InlineData(100, 0, true, MovementKind.Churn)]
    [InlineData(100, 100, true, MovementKind.None)]
    [InlineData(0, 0, true, MovementKind.None)]
    public void Classify_PrevAndCur_GivesContractKind(int prev, int cur, bool paidBefore, MovementKind expected) =>
        Assert.Equal(expected, MrrMovements.Classify(prev, cur, paidBefore));

    [Fact]
    public void Compute_HandBuiltAccounts_MatchesHandComputedTotals()
    {
        // Month:            0    1    2    3
        var model = TestData.Model(
            ("grow", [100m, 150m, 150m, 200m]),   // +50 expansion in m1, +50 in m3
            ("shrink", [200m, 120m, 120m, 120m]), // -80 contraction in m1
            ("leave", [300m, 0m, 0m, 90m]),        // churn -300 in m1, reactivation +90 in m3
            ("late", [0m, 0m, 40m, 40m]));         // new +40 in m2

        var months = MrrMovements.Compute(model);

        Assert.Equal(3, months.Count);
        var m1 = months[0];
        Assert.Equal(600m, m1.StartMrr);
        Assert.Equal(50m, m1.Expansion);
        Assert.Equal(-80m, m1.Contraction);
        Assert.Equal(-300m, m1.Churn);
        Assert.Equal(270m, m1.EndMrr);
        Assert.Equal(0m, m1.New);

        var m2 = months[1];
        Assert.Equal(40m, m2.New);
        Assert.Equal(1, m2.NewAccounts);

        var m3 = months[2];
        Assert.Equal(90m, m3.Reactivation);
        Assert.Equal(1, m3.ReactivatedAccounts);
        Assert.Equal(50m, m3.Expansion);
        Assert.Equal(310m, m3.StartMrr);
        Assert.Equal(450m, m3.EndMrr);
    }

    [Fact]
    public void Compute_MissingMonthForPayingAccount_CountsAsChurn()
    {
        var accounts = new[] { TestData.Account("a"), TestData.Account("b") };
        var revenue = new[]
        {
            new RevenueInput("a", TestData.M0, "Core", 100m),
            new RevenueInput("b", TestData.M0, "Core", 50m),
            new RevenueInput("b", TestData.M0.AddMonths(1), "Core", 50m),
        };

        var m1 = MrrMovements.Compute(RevenueModel.Build(accounts, revenue)).Single();

        Assert.Equal(-100m, m1.Churn);
        Assert.Equal(1, m1.ChurnedAccounts);
    }

    [Fact]
    public void Compute_NegativeCredit_LowersMrrAndFloorsAccountMonthAtZero()
    {
        var accounts = new[] { TestData.Account("a") };
        var revenue = new[]
        {
            new RevenueInput("a", TestData.M0, "Core", 100m),
            new RevenueInput("a", TestData.M0.AddMonths(1), "Core", 100m),
            new RevenueInput("a", TestData.M0.AddMonths(1), "Credit", -30m),
            new RevenueInput("a", TestData.M0.AddMonths(2), "Core", 10m),
            new RevenueInput("a", TestData.M0.AddMonths(2), "Credit", -40m),
        };

        var model = RevenueModel.Build(accounts, revenue);
        var months = MrrMovements.Compute(model);

        Assert.Equal(70m, model.Accounts[0].Total[1]);
        Assert.Equal(0m, model.Accounts[0].Total[2]);
        Assert.Equal(-30m, months[0].Contraction);
        Assert.Equal(-70m, months[1].Churn);
    }

    [Fact]
    public void Compute_LineLevelIncreases_SplitByType()
    {
        var accounts = new[] { TestData.Account("a") };
        var m0 = TestData.M0;
        var m1 = m0.AddMonths(1);
        var revenue = new[]
        {
            new RevenueInput("a", m0, "Core", 100m),
            new RevenueInput("a", m0, "Seats", 50m),
            new RevenueInput("a", m0, "Api", 20m),
            new RevenueInput("a", m1, "Core", 130m),                       // +30 upsell (no hint)
            new RevenueInput("a", m1, "Seats", 60m, ExpansionType.Seats),  // +10 seats
            new RevenueInput("a", m1, "Api", 25m, ExpansionType.Usage),    // +5 usage
            new RevenueInput("a", m1, "Analytics", 40m),                   // +40 cross-sell (new product)
        };

        var month = MrrMovements.Compute(RevenueModel.Build(accounts, revenue)).Single();

        Assert.Equal(85m, month.Expansion);
        Assert.Equal(new ExpansionByType(30m, 40m, 10m, 5m), month.ExpansionByType);
    }

    [Fact]
    public void Compute_ExpansionNetOfLineDecrease_TypeSplitIsGross()
    {
        var accounts = new[] { TestData.Account("a") };
        var m0 = TestData.M0;
        var revenue = new[]
        {
            new RevenueInput("a", m0, "Core", 100m),
            new RevenueInput("a", m0, "Seats", 50m),
            new RevenueInput("a", m0.AddMonths(1), "Core", 140m),
            new RevenueInput("a", m0.AddMonths(1), "Seats", 30m),
        };

        var month = MrrMovements.Compute(RevenueModel.Build(accounts, revenue)).Single();

        Assert.Equal(20m, month.Expansion);
        Assert.Equal(40m, month.ExpansionByType.Total);
    }

    [Fact]
    public void Compute_GeneratedData_MovementsSumExactlyToChangeInTotalMrr()
    {
        var model = RandomModel(seed: 7, accounts: 400, months: 30);

        var months = MrrMovements.Compute(model);

        Assert.Equal(29, months.Count);
        foreach (var m in months)
        {
            Assert.Equal(m.EndMrr, m.StartMrr + m.New + m.Reactivation + m.Expansion + m.Contraction + m.Churn);
            var t = model.IndexOf(m.Month);
            Assert.Equal(model.Accounts.Sum(a => a.Total[t]), m.EndMrr);
            Assert.Equal(model.Accounts.Sum(a => a.Total[t - 1]), m.StartMrr);
        }

        Assert.Contains(months, m => m.Reactivation > 0);
        Assert.Contains(months, m => m.Churn < 0);
    }

    [Fact]
    public void ForMonth_AccountMovements_ReconcileToMonthTotals()
    {
        var model = RandomModel(seed: 11, accounts: 200, months: 14);
        var month = model.MonthAt(9);

        var total = MrrMovements.Compute(model).Single(m => m.Month == month);
        var perAccount = MrrMovements.ForMonth(model, month);

        Assert.Equal(total.Expansion, perAccount.Where(a => a.Kind == MovementKind.Expansion).Sum(a => a.Amount));
        Assert.Equal(total.Churn, perAccount.Where(a => a.Kind == MovementKind.Churn).Sum(a => a.Amount));
        Assert.Equal(total.Reactivation, perAccount.Where(a => a.Kind == MovementKind.Reactivation).Sum(a => a.Amount));
        Assert.Equal(total.NetChange, perAccount.Sum(a => a.Amount));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Enterprise")]
    [InlineData("SMB")]
    public void ComputeMonth_EveryMonth_EqualsThatMonthOfTheSeries(string? segment)
    {
        var model = RandomModel(seed: 23, accounts: 300, months: 26);
        var filter = segment is null ? null : new AccountFilter(Segment: segment);

        var series = MrrMovements.Compute(model, filter);

        Assert.Null(MrrMovements.ComputeMonth(model, model.MonthAt(0), filter));
        Assert.Null(MrrMovements.ComputeMonth(model, model.MonthAt(25).AddMonths(1), filter));
        foreach (var expected in series)
        {
            Assert.Equal(expected, MrrMovements.ComputeMonth(model, expected.Month, filter));
        }

        Assert.Contains(series, m => m.Reactivation > 0 && m.New > 0);
    }

    [Fact]
    public void Compute_EmptyModel_ReturnsNoMonths() =>
        Assert.Empty(MrrMovements.Compute(RevenueModel.Build([], [])));

    internal static RevenueModel RandomModel(int seed, int accounts, int months)
    {
        var rng = new Random(seed);
        var inputs = new List<AccountInput>();
        var revenue = new List<RevenueInput>();
        for (var a = 0; a < accounts; a++)
        {
            var id = $"A{a}";
            inputs.Add(TestData.Account(id, a % 3 == 0 ? "Enterprise" : "SMB"));
            var start = rng.Next(0, months);
            decimal core = rng.Next(1, 500) * 10.01m;
            decimal addon = 0;
            var active = true;
            for (var m = start; m < months; m++)
            {
                var roll = rng.NextDouble();
                if (roll < 0.04)
                {
                    active = !active;
                }
                else if (roll < 0.2)
                {
                    core = Math.Max(1m, core + rng.Next(-100, 200) * 0.37m);
                }
                else if (roll < 0.25)
                {
                    addon += rng.Next(5, 60);
                }

                if (active)
                {
                    revenue.Add(new RevenueInput(id, TestData.M0.AddMonths(m), "Core", core));
                    if (addon > 0)
                    {
                        revenue.Add(new RevenueInput(id, TestData.M0.AddMonths(m), "Addon", addon, ExpansionType.Seats));
                    }
                }
            }
        }

        revenue.Add(new RevenueInput("__range", TestData.M0, "Core", 0m));
        revenue.Add(new RevenueInput("__range", TestData.M0.AddMonths(months - 1), "Core", 0m));
        return RevenueModel.Build(inputs, revenue);
    }
}
