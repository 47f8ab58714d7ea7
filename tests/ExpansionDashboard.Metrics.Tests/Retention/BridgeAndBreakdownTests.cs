using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Movements;
using ExpansionDashboard.Metrics.Retention;
using ExpansionDashboard.Metrics.Tests.Movements;

namespace ExpansionDashboard.Metrics.Tests.Retention;

public class BridgeAndBreakdownTests
{
    private static readonly Month S = TestData.M0;
    private static readonly Month E = TestData.M0.AddMonths(12);

    [Fact]
    public void Breakdown_AccountMovesSegment_StaysInStartSegment()
    {
        var mover = new AccountInput("mover", "mover", "SMB", "Retail", "EMEA", "Ana", null,
            [new AttributeChange(S, new AccountAttributes("Enterprise", "Retail", "EMEA", "Ana")),
             new AttributeChange(S.AddMonths(6), new AccountAttributes("SMB", "Retail", "EMEA", "Ana"))]);
        var accounts = new[] { mover, TestData.Account("ent", "Enterprise"), TestData.Account("smb", "SMB") };
        var revenue = new List<RevenueInput>
        {
            new("mover", S, "Core", 1000m), new("mover", E, "Core", 1500m),
            new("ent", S, "Core", 1000m), new("ent", E, "Core", 1000m),
            new("smb", S, "Core", 100m), new("smb", E, "Core", 50m),
        };
        var model = RevenueModel.Build(accounts, revenue);

        var rows = RetentionBreakdown.Compute(model, S, E, Dimension.Segment).ToDictionary(r => r.Group);

        Assert.Equal(125m, rows["Enterprise"].Window.Nrr);   // (1500 + 1000) / 2000
        Assert.Equal(50m, rows["SMB"].Window.Nrr);
        Assert.Equal(125m, NetRevenueRetention.Compute(model, S, E, new AccountFilter(Segment: "Enterprise")));
        Assert.Equal(50m, NetRevenueRetention.Compute(model, S, E, new AccountFilter(Segment: "SMB")));
    }

    [Fact]
    public void Movements_AccountMovesSegment_MonthCountsInSegmentAtMonthStart()
    {
        var mover = new AccountInput("m", "m", "SMB", "Retail", "EMEA", "Ana", null,
            [new AttributeChange(S, new AccountAttributes("Enterprise", "Retail", "EMEA", "Ana")),
             new AttributeChange(S.AddMonths(1), new AccountAttributes("SMB", "Retail", "EMEA", "Ana"))]);
        var model = RevenueModel.Build([mover], [new RevenueInput("m", S, "Core", 100m), new RevenueInput("m", S.AddMonths(1), "Core", 130m), new RevenueInput("m", S.AddMonths(2), "Core", 150m)]);

        var ent = MrrMovements.Compute(model, new AccountFilter(Segment: "Enterprise"));
        var smb = MrrMovements.Compute(model, new AccountFilter(Segment: "SMB"));

        Assert.Equal(30m, ent[0].Expansion);
        Assert.Equal(0m, ent[1].Expansion);
        Assert.Equal(0m, smb[0].Expansion);
        Assert.Equal(20m, smb[1].Expansion);
    }

    [Fact]
    public void Nrr_ChurnAndReturnInsideWindow_CountsAtEndValue()
    {
        var model = TestData.Model(("back", [100m, 0m, 0m, 40m]), ("stay", [100m, 100m, 100m, 100m]));

        var bridge = NrrBridge.Compute(model, S, S.AddMonths(3));

        Assert.Equal(70m, bridge.Nrr);
        Assert.Equal(-60m, bridge.Bar("Contraction").Amount);
        Assert.Equal(0m, bridge.Bar("Churn").Amount);
    }

    [Fact]
    public void Bridge_HandBuilt_SplitsExpansionByTypeAndListsAccounts()
    {
        var accounts = new[] { TestData.Account("a"), TestData.Account("b"), TestData.Account("c") };
        var e = S.AddMonths(1);
        var revenue = new[]
        {
            new RevenueInput("a", S, "Core", 100m), new RevenueInput("a", e, "Core", 120m),
            new RevenueInput("a", e, "Analytics", 30m),
            new RevenueInput("b", S, "Core", 200m), new RevenueInput("b", e, "Core", 150m),
            new RevenueInput("c", S, "Core", 50m),
        };

        var bridge = NrrBridge.Compute(RevenueModel.Build(accounts, revenue), S, e);

        Assert.Equal(350m, bridge.StartMrr);
        Assert.Equal(20m, bridge.Bar("Expansion: Upsell").Amount);
        Assert.Equal(30m, bridge.Bar("Expansion: Cross-sell").Amount);
        Assert.Equal(-50m, bridge.Bar("Contraction").Amount);
        Assert.Equal(-50m, bridge.Bar("Churn").Amount);
        Assert.Equal("c", bridge.Bar("Churn").Accounts.Single().AccountId);
        Assert.Equal(300m, bridge.EndMrr);
    }

    [Fact]
    public void Bridge_GeneratedData_ReconcilesToTheCentAndMatchesNrr()
    {
        var model = MrrMovementsTests.RandomModel(seed: 21, accounts: 500, months: 26);
        var start = model.MonthAt(10);
        var end = model.MonthAt(22);

        var bridge = NrrBridge.Compute(model, start, end);

        Assert.Equal(bridge.EndMrr, bridge.StartMrr + bridge.Bars.Sum(b => b.Amount));
        Assert.All(bridge.Bars, b => Assert.Equal(b.Amount, b.Accounts.Sum(a => a.Amount)));
        Assert.Equal(NetRevenueRetention.Compute(model, start, end), bridge.Nrr);
        Assert.True(bridge.Bar("Expansion: Seats").Amount > 0);

        // Per expanding account, the type split sums exactly to its increase.
        foreach (var group in bridge.Bars.Where(b => b.Label.StartsWith("Expansion", StringComparison.Ordinal)).SelectMany(b => b.Accounts).GroupBy(a => a.AccountId))
        {
            Assert.Equal(group.First().EndMrr - group.First().StartMrr, group.Sum(a => a.Amount));
        }
    }

    [Fact]
    public void Breakdown_GeneratedData_GroupsSumToCompanyWindow()
    {
        var model = MrrMovementsTests.RandomModel(seed: 8, accounts: 300, months: 20);

        var rows = RetentionBreakdown.Compute(model, model.MonthAt(4), model.MonthAt(16), Dimension.FirstPaidCohort);
        var company = RetentionWindow.Compute(model, model.MonthAt(4), model.MonthAt(16));

        Assert.Equal(company.StartMrr, rows.Sum(r => r.Window.StartMrr));
        Assert.Equal(company.EndMrr, rows.Sum(r => r.Window.EndMrr));
        Assert.Equal(company.CohortSize, rows.Sum(r => r.Window.CohortSize));
    }
}
