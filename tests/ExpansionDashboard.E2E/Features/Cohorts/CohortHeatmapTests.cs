using System.Globalization;
using ExpansionDashboard.E2E.Infrastructure;
using ExpansionDashboard.E2E.Pages;
using Microsoft.Playwright;

namespace ExpansionDashboard.E2E.Features.Cohorts;

/// <summary>The cohort table in a real browser: every cohort is there, header and cohort column stay in view while it scrolls.</summary>
[Trait(Lanes.Category, Lanes.Browser)]
public sealed class CohortHeatmapTests(AppServerFixture app) : BrowserTest(app)
{
    public static TheoryData<int, int> Sizes => new() { { 1920, 1080 }, { 1280, 720 } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public Task MonthCohorts_ScrolledToTheCorner_EveryRowIsThereAndHeaderAndCohortColumnStay(int width, int height) => RunAsync($"cohort-table-{width}", async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.ViewerEmail, LoginPage.ViewerPassword);
        await page.GotoAsync($"{App.BaseUrl}/cohorts?grain=month");
        await ShellPage.WaitInteractiveAsync(page);
        var table = page.Locator("[data-testid=cohort-table]");
        await table.WaitForAsync();

        // The tile's "N cohorts" and the table agree: no row is cut off.
        var hint = await page.Locator("[data-testid=kpi-cohort-accounts] .kpi-hint").InnerTextAsync();
        var cohorts = int.Parse(hint.Split(' ')[0], NumberStyles.Integer, CultureInfo.InvariantCulture);
        Assert.Equal(cohorts, await table.Locator("tbody [data-testid=cohort-row]").CountAsync());
        Assert.True(cohorts > 12, $"the demo has {cohorts} month cohorts");

        var scroll = page.Locator(".heat-scroll");
        await scroll.EvaluateAsync("e => { e.scrollTop = e.scrollHeight; e.scrollLeft = e.scrollWidth; }");
        var box = (await scroll.BoundingBoxAsync())!;
        var header = (await table.Locator("thead th").Last.BoundingBoxAsync())!;
        var lastCohort = (await table.Locator("tbody [data-testid=cohort-row]").Last.Locator("th").BoundingBoxAsync())!;
        Assert.InRange(header.Y, box.Y - 1, box.Y + 2);
        Assert.InRange(lastCohort.X, box.X - 1, box.X + 2);
        Assert.True(lastCohort.Y + lastCohort.Height <= box.Y + box.Height + 1, "the newest cohort is reachable by scrolling");
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page overflows horizontally by {overflow}px");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppServerFixture.ArtifactsDirectory, $"cohorts-month-scrolled-{width}x{height}.png") });

        await page.Locator("[data-testid=theme-toggle]").ClickAsync();
        await page.Locator(".ed-dark").WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppServerFixture.ArtifactsDirectory, $"cohorts-month-dark-{width}x{height}.png") });
    }, width, height);
}
