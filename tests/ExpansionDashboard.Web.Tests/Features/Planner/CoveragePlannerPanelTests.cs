using System.Globalization;
using Bunit;
using ExpansionDashboard.Data.Planner;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Pipeline;
using ExpansionDashboard.Web.Features.Planner;

namespace ExpansionDashboard.Web.Tests.Features.Planner;

[Trait(Lanes.Category, Lanes.Unit)]
public sealed class CoveragePlannerPanelTests : MudComponentTest
{
    // Target 1,000,000, won 200,000, open 1,600,000, win rate 40 %: coverage 2.0x (alert), 800,000 needed for 3.0x.
    private static readonly PlannerBaseline Baseline = new(Quarter.Parse("2026-Q4"), "SMB", 1_000_000m, 200_000m, 1_600_000m, 12, 40m, 4);

    private IRenderedComponent<CoveragePlannerPanel> Render(List<PlanInputs>? changes = null) =>
        Context.Render<CoveragePlannerPanel>(p => p
            .Add(x => x.Baseline, Baseline)
            .Add(x => x.Currency, "USD")
            .Add(x => x.OnChange, (PlanInputs i) => changes?.Add(i)));

    private static string Slider(string id) => $"[data-testid={id}] input[type=range], input[type=range][data-testid={id}]";

    private static decimal? Value(IRenderedComponent<CoveragePlannerPanel> cut, string id) =>
        cut.Find($"[data-testid={id}]").GetAttribute("data-value") is { Length: > 0 } v ? decimal.Parse(v, CultureInfo.InvariantCulture) : null;

    [Fact]
    public void Panel_StartsFromTheData_CoverageBandAndPipelineNeeded()
    {
        var cut = Render();

        Assert.Equal(2.0m, Value(cut, "plan-coverage"));
        Assert.Equal("alert", cut.Find("[data-testid=plan-result]").GetAttribute("data-band"));
        Assert.Equal("Alert", cut.Find("[data-testid=plan-band]").TextContent.Trim());
        Assert.Equal(800_000m, Value(cut, "plan-needed-ontrack"));
        Assert.Equal(400_000m, Value(cut, "plan-needed-recommended"));
        Assert.Contains("2.5x", cut.Find("[data-testid=plan-recommended-multiple]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Panel_MovingExtraPipeline_UpdatesCoverageAndBandLive()
    {
        var changes = new List<PlanInputs>();
        var cut = Render(changes);

        cut.Find(Slider("plan-extra")).Input("400000");

        Assert.Equal(2.5m, Value(cut, "plan-coverage"));
        Assert.Equal("watch", cut.Find("[data-testid=plan-result]").GetAttribute("data-band"));
        Assert.Equal(400_000m, Value(cut, "plan-needed-ontrack"));
        Assert.Equal(0m, Value(cut, "plan-needed-recommended"));
        Assert.Equal(400_000m, changes[^1].ExtraPipeline);

        cut.Find(Slider("plan-extra")).Input("800000");

        Assert.Equal(3.0m, Value(cut, "plan-coverage"));
        Assert.Equal("on-track", cut.Find("[data-testid=plan-result]").GetAttribute("data-band"));
        Assert.Equal(0m, Value(cut, "plan-needed-ontrack"));
    }

    [Fact]
    public void Panel_MovingWinRateAndTarget_ChangesRecommendedMultipleAndRemaining()
    {
        var cut = Render();

        cut.Find(Slider("plan-winrate")).Input("25");
        Assert.Contains("4.0x", cut.Find("[data-testid=plan-recommended-multiple]").TextContent, StringComparison.Ordinal);
        Assert.Equal(1_600_000m, Value(cut, "plan-needed-recommended")); // 4 × 800k − 1.6M

        cut.Find(Slider("plan-target")).Input("600000");
        Assert.Equal(4.0m, Value(cut, "plan-coverage"));                 // 1.6M ÷ 400k
        Assert.Equal("on-track", cut.Find("[data-testid=plan-result]").GetAttribute("data-band"));

        cut.Find("[data-testid=plan-reset]").Click();
        Assert.Equal(2.0m, Value(cut, "plan-coverage"));
    }

    [Fact]
    public void Panel_SavedScenario_StartsFromItsValues()
    {
        var cut = Context.Render<CoveragePlannerPanel>(p => p
            .Add(x => x.Baseline, Baseline)
            .Add(x => x.Start, new PlanInputs(900_000m, 200_000m, 1_600_000m, 500_000m, 50m)));

        Assert.Equal(3.0m, Value(cut, "plan-coverage"));                 // 2.1M ÷ 700k
        Assert.Contains("2.0x", cut.Find("[data-testid=plan-recommended-multiple]").TextContent, StringComparison.Ordinal);
    }
}
