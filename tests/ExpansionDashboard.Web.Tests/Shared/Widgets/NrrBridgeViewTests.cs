using Bunit;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Movements;
using ExpansionDashboard.Metrics.Retention;
using ExpansionDashboard.Web.Shared.Charts;
using ExpansionDashboard.Web.Shared.Widgets;

namespace ExpansionDashboard.Web.Tests.Shared.Widgets;

[Trait(Lanes.Category, Lanes.Unit)]
public sealed class NrrBridgeViewTests : MudComponentTest
{
    private static NrrBridgeResult Bridge()
    {
        var model = RevenueModel.Build(
            [new AccountInput("a", "Alpha", "SMB", "x", "y", "z"), new AccountInput("b", "Beta", "SMB", "x", "y", "z"), new AccountInput("c", "Gamma", "SMB", "x", "y", "z")],
            [
                new RevenueInput("a", new Month(2025, 1), "Core", 100m), new RevenueInput("a", new Month(2026, 1), "Core", 150m),
                new RevenueInput("b", new Month(2025, 1), "Core", 200m), new RevenueInput("b", new Month(2026, 1), "Core", 120m),
                new RevenueInput("c", new Month(2025, 1), "Core", 100m),
            ]);
        return NrrBridge.Compute(model, new Month(2025, 1), new Month(2026, 1));
    }

    [Fact]
    public void Render_Bridge_BarsForEveryStepAndNrr()
    {
        var cut = Context.Render<NrrBridgeView>(p => p.Add(b => b.Bridge, Bridge()).Add(b => b.Currency, "USD"));

        Assert.Equal(8, cut.FindAll(".bridge-row").Count);
        Assert.Contains("-100", cut.Find("[data-testid=bridge-bar-churn]").GetAttribute("aria-label")!.Replace(",", "", StringComparison.Ordinal).Replace("$", "", StringComparison.Ordinal).Replace("(", "-", StringComparison.Ordinal));
        Assert.Contains("67.5", cut.Find("[data-testid=bridge-nrr]").TextContent.Replace(',', '.')); // (150 + 120 + 0) ÷ (100 + 200 + 100)
        Assert.Empty(cut.FindAll("[data-testid=bridge-accounts]"));
    }

    [Fact]
    public void ClickBar_AsksForItsDrill_ClickAgainOnPressedBarClears()
    {
        var asked = new List<string?>();
        var cut = Context.Render<NrrBridgeView>(p => p.Add(b => b.Bridge, Bridge()).Add(b => b.OnSelect, (string? s) => asked.Add(s)));

        cut.Find("[data-testid=bridge-bar-contraction]").Click();
        Assert.Equal(["contraction"], asked);
        Assert.Equal("false", cut.Find("[data-testid=bridge-bar-contraction]").GetAttribute("aria-pressed"));

        // The page puts the drill in the URL and hands it back: the bar shows pressed, and a second click clears it.
        cut.Render(p => p.Add(b => b.Selected, "contraction"));
        Assert.Equal("true", cut.Find("[data-testid=bridge-bar-contraction]").GetAttribute("aria-pressed"));
        cut.Find("[data-testid=bridge-bar-contraction]").Click();
        Assert.Equal(["contraction", null], asked);
    }

    [Fact]
    public void Render_WithoutOnSelect_BarsAreNotButtons()
    {
        var cut = Context.Render<NrrBridgeView>(p => p.Add(b => b.Bridge, Bridge()));

        Assert.Empty(cut.FindAll("button.bridge-bar"));
    }

    [Fact]
    public void BridgeDrill_Contraction_ResolvesToThatBarsAccountsOnly()
    {
        var resolved = BridgeDrill.Resolve(Bridge(), "bridge:contraction");

        var (_, accounts) = Assert.NotNull(resolved);
        Assert.Equal(["Beta"], accounts.Select(a => a.AccountName));
        Assert.Null(BridgeDrill.Resolve(Bridge(), "bridge:nonsense"));
        Assert.Null(BridgeDrill.Resolve(Bridge(), "cohort:2025-01:3"));
    }

    [Fact]
    public void MovementsSpec_StackedWithLossesBelowZero()
    {
        var months = new[]
        {
            new MonthMovements(new Month(2026, 1), 1000m, 50m, 10m, 30m, -20m, -40m, 1030m, ExpansionByType.Zero, 1, 1, 1, 1, 1),
        };

        var spec = ChartSpecs.Movements(months, "USD");

        Assert.True(spec.Stacked);
        Assert.Equal("bar", spec.Type);
        Assert.Equal(-40m, spec.Series.Single(s => s.Name == "Churn").Data.Single());
        Assert.Equal(30m, spec.Series.Single(s => s.Name == "Expansion").Data.Single());
    }
}
