using ExpansionDashboard.E2E.Infrastructure;
using ExpansionDashboard.E2E.Pages;

namespace ExpansionDashboard.E2E.Features.Planner;

/// <summary>Pipeline → Forecast (with its backtest), the what-if planner's live sliders and saved scenarios in the review, and motions.</summary>
[Trait(Lanes.Category, Lanes.Browser)]
public sealed class ForecastPlannerTests(AppServerFixture app) : BrowserTest(app)
{
    [Fact]
    public Task Planner_SlidersMovedWithKeys_CoverageBandAndNeededUpdateLive_ScenarioShowsInReview() => RunAsync(nameof(Planner_SlidersMovedWithKeys_CoverageBandAndNeededUpdateLive_ScenarioShowsInReview), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.AdminEmail, LoginPage.AdminPassword);
        var planner = new PlannerPage(page, App.BaseUrl);
        await planner.OpenAsync("?segment=SMB");

        // The demo's SMB quarter sits below the alert line.
        var start = await planner.RawAsync("plan-coverage");
        Assert.True(PlannerPage.Parse(start) < 2.5m, $"SMB starts at {start}x");
        Assert.Equal("alert", await planner.BandAsync());
        var needed = PlannerPage.Parse(await planner.RawAsync("plan-needed-ontrack"));
        Assert.True(needed > 0);

        // Extra pipeline all the way up: coverage climbs past 3.0x and nothing more is needed.
        await planner.PressOnSliderAsync("plan-extra", "End");
        var after = PlannerPage.Parse(await planner.WaitChangedAsync("plan-coverage", start));
        Assert.True(after >= 3.0m, $"coverage after adding pipeline: {after}x");
        Assert.Equal("on-track", await planner.BandAsync());
        Assert.Equal(0m, PlannerPage.Parse(await planner.RawAsync("plan-needed-ontrack")));

        // A lower win rate raises the recommended multiple and what it still needs.
        var recBefore = await planner.RawAsync("plan-needed-recommended");
        await planner.PressOnSliderAsync("plan-winrate", "Home");
        await planner.WaitChangedAsync("plan-needed-recommended", recBefore);
        Assert.Contains("100.0x", await page.InnerTextAsync("[data-testid=plan-recommended-multiple]"), StringComparison.Ordinal);

        // Back to the data, then save a scenario for the review.
        await page.ClickAsync("[data-testid=plan-reset]");
        await planner.WaitChangedAsync("plan-coverage", after.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(start, await planner.RawAsync("plan-coverage"));
        await planner.PressOnSliderAsync("plan-extra", "End");
        await planner.WaitChangedAsync("plan-coverage", start);
        const string name = "E2E SMB push";
        await planner.SaveScenarioAsync(name);
        try
        {
            var review = new ReviewPage(page, App.BaseUrl);
            await review.OpenAsync();
            await review.PressAsync("End", 8);
            var slide = page.Locator("[data-testid=slide-8]");
            Assert.Contains(name, await slide.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("SMB", await slide.InnerTextAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await planner.OpenAsync();
            await planner.DeleteScenarioAsync(name);
        }
    });

    [Fact]
    public Task Forecast_DemoData_ShowsBothQuartersWithRangesAndTheBacktestWithItsErrors() => RunAsync(nameof(Forecast_DemoData_ShowsBothQuartersWithRangesAndTheBacktestWithItsErrors), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.ViewerEmail, LoginPage.ViewerPassword);
        var dash = new DashboardPage(page, App.BaseUrl);
        await dash.OpenAsync("/pipeline/forecast");

        await dash.DrawnChartAsync("chart-backtest");
        await dash.DrawnChartAsync("chart-forecast-current");
        var rows = page.Locator("[data-testid=backtest-row]");
        Assert.Equal(4, await rows.CountAsync());
        for (var i = 0; i < 4; i++)
        {
            Assert.False(string.IsNullOrEmpty(await rows.Nth(i).GetAttributeAsync("data-error")));
        }

        Assert.True(DashboardPage.Parse(await dash.KpiRawAsync("forecast-current")) > 0);
        Assert.True(DashboardPage.Parse(await dash.KpiRawAsync("forecast-next")) > 0);
        Assert.Equal(4, await page.Locator("[data-testid=forecast-current] [data-testid=forecast-row]").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=forecast-range]", new() { HasTextString = "no range" }).CountAsync());
        Assert.Equal(5, await page.Locator("[data-testid=conversion-row]").CountAsync());

        // One segment's backtest, through the shared filter bar; the URL keeps the choice and the row is highlighted.
        await dash.ChooseFilterAsync("segment", "SMB");
        await page.Locator("[data-testid=forecast-current] [data-testid=forecast-row].row-selected", new() { HasTextString = "SMB" }).WaitForAsync();
        await page.Locator("[data-testid=chart-backtest] .chart-title", new() { HasTextString = "SMB" }).WaitForAsync();
        await dash.ScreenshotAsync("forecast-smb-1920x1080");
    });

    [Fact]
    public Task Motions_DemoData_EveryMotionWithFunnelAndSegmentBenchmarks() => RunAsync(nameof(Motions_DemoData_EveryMotionWithFunnelAndSegmentBenchmarks), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.ViewerEmail, LoginPage.ViewerPassword);
        var dash = new DashboardPage(page, App.BaseUrl);
        await dash.OpenAsync("/pipeline/motions");

        await dash.DrawnChartAsync("chart-funnel");
        Assert.Equal(4, await page.Locator("[data-testid=motion-row]").CountAsync());
        var enterprise = page.Locator("[data-testid=benchmark-row][data-segment=Enterprise]");
        Assert.Contains("110–130", await enterprise.InnerTextAsync(), StringComparison.Ordinal);
        Assert.NotEqual("NoBand", await enterprise.GetAttributeAsync("data-position"));

        var allWon = await page.Locator("[data-testid=motion-row][data-motion=Seats]").GetAttributeAsync("data-win-count");
        await dash.ChooseFilterAsync("segment", "SMB");
        await page.WaitForFunctionAsync(
            "before => document.querySelector('[data-testid=motion-row][data-motion=Seats]').dataset.winCount !== before", allWon);
    });
}
