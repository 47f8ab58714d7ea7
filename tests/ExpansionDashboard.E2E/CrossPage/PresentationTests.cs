using ExpansionDashboard.E2E.Infrastructure;
using ExpansionDashboard.E2E.Pages;
using Microsoft.Playwright;

namespace ExpansionDashboard.E2E.CrossPage;

/// <summary>
/// What a CS leader sees first and how it travels: the hero row above MRR, filters carried by the menu onto every
/// dashboard page, drill-downs in a drawer in view (in the URL, closed by Esc), and risk lists a team can act on.
/// </summary>
[Trait(Lanes.Category, Lanes.Browser)]
public sealed class PresentationTests(AppServerFixture app) : BrowserTest(app)
{
    [Fact]
    public Task Menu_SegmentChosenOnOverview_EveryDashboardPageKeepsIt() => RunAsync(nameof(Menu_SegmentChosenOnOverview_EveryDashboardPageKeepsIt), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.ViewerEmail, LoginPage.ViewerPassword);
        var dash = new DashboardPage(page, App.BaseUrl);
        await dash.OpenAsync("/");
        await dash.ChooseFilterAsync("segment", "SMB");

        foreach (var (nav, path) in new[] { ("retention", "/retention"), ("motions", "/pipeline/motions"), ("forecast", "/pipeline/forecast"), ("planner", "/pipeline/planner"), ("cohorts", "/cohorts"), ("overview", "/") })
        {
            await page.ClickAsync($"[data-testid=nav-{nav}]");
            await page.WaitForUrlContainingAsync($"{path}?segment=SMB".Replace("/?", "?", StringComparison.Ordinal));
            await ShellPage.WaitInteractiveAsync(page);
            // The shared filter bar shows the carried segment: the page is filtered, not just its URL.
            await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=filter-segment]')?.closest('.mud-input-control')?.innerText.includes('SMB') || document.querySelector('[data-testid=filter-segment]')?.innerText.includes('SMB')");
        }

        await dash.ScreenshotAsync("menu-carries-smb");
    });

    [Fact]
    public Task Menu_AdminLinks_DoNotCarryTheFilter() => RunAsync(nameof(Menu_AdminLinks_DoNotCarryTheFilter), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.ViewerEmail, LoginPage.ViewerPassword);
        var dash = new DashboardPage(page, App.BaseUrl);
        await dash.OpenAsync("/retention?segment=SMB&region=EMEA");

        var href = await page.Locator("[data-testid=nav-health]").GetAttributeAsync("href");
        Assert.Contains("segment=SMB", href, StringComparison.Ordinal);
        Assert.Contains("region=EMEA", href, StringComparison.Ordinal);
        var review = page.Locator("a[href^='/review']");
        if (await review.CountAsync() > 0)
        {
            Assert.DoesNotContain("segment=", await review.First.GetAttributeAsync("href") ?? "", StringComparison.Ordinal);
        }
    });

    [Theory]
    [InlineData(1280, 720)]
    [InlineData(1920, 1080)]
    public Task Drill_BridgeBarScrolledDown_DrawerOpensInViewAndIsInTheUrl(int width, int height) => RunAsync($"{nameof(Drill_BridgeBarScrolledDown_DrawerOpensInViewAndIsInTheUrl)}-{width}", async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.ViewerEmail, LoginPage.ViewerPassword);
        var dash = new DashboardPage(page, App.BaseUrl);
        await dash.OpenAsync("/retention");

        var bar = page.Locator("[data-testid=bridge-bar-churn]");
        await bar.ScrollIntoViewIfNeededAsync();
        await bar.ClickAsync();
        await page.WaitForUrlContainingAsync("drill=bridge:churn");
        var drawer = page.Locator("[data-testid=drill-drawer]");
        await drawer.WaitForAsync();
        await AssertInViewAsync(page, drawer, width, height);
        Assert.True(await drawer.Locator("[data-testid=bridge-accounts] tbody tr").CountAsync() > 0);
        await dash.ScreenshotAsync($"drill-drawer-{width}");

        // A reload (or a link) reopens the same drill-down; Esc closes it and takes it out of the URL.
        await page.ReloadAsync();
        await ShellPage.WaitInteractiveAsync(page);
        await drawer.WaitForAsync();
        Assert.Contains("Churn", await page.Locator("[data-testid=drill-title]").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        await page.WaitForFunctionAsync("() => document.activeElement?.closest('[data-testid=drill-drawer]') !== null");
        await page.Keyboard.PressAsync("Escape");
        await drawer.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await page.WaitForFunctionAsync("() => !location.search.includes('drill=')");
    }, width, height);

    [Fact]
    public Task Accounts_SearchAndSort_SurviveAReload() => RunAsync(nameof(Accounts_SearchAndSort_SurviveAReload), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.ViewerEmail, LoginPage.ViewerPassword);
        var dash = new DashboardPage(page, App.BaseUrl);
        await dash.OpenAsync("/accounts");
        var first = await page.Locator("[data-testid=account-link]").First.InnerTextAsync();
        var term = first[..Math.Min(5, first.Length)];

        await page.Locator("input[data-testid=accounts-search], [data-testid=accounts-search] input").First.FillAsync(term);
        await page.WaitForUrlContainingAsync($"q={term}");
        await page.ReloadAsync();
        await ShellPage.WaitInteractiveAsync(page);
        Assert.Equal(term, await page.Locator("input[data-testid=accounts-search], [data-testid=accounts-search] input").First.InputValueAsync());
        var names = await page.Locator("[data-testid=account-link]").AllInnerTextsAsync();
        Assert.NotEmpty(names);
        Assert.All(names, n => Assert.Contains(term, n, StringComparison.OrdinalIgnoreCase));

        await dash.OpenAsync($"/accounts?q={Uri.EscapeDataString(term)}&sort=name&dir=desc");
        // Sorted by name, descending, as the link says (the grid compares ordinally).
        await page.WaitForFunctionAsync("""
            () => {
              const n = [...document.querySelectorAll('[data-testid=account-link]')].map(a => a.textContent.trim());
              return n.length > 1 && n.every((x, i) => i === 0 || n[i - 1] >= x);
            }
            """);
        Assert.Contains("sort=name", page.Url, StringComparison.Ordinal);
    });

    [Fact]
    public Task Health_RiskLists_PagedAndAtRiskDealsFlagged() => RunAsync(nameof(Health_RiskLists_PagedAndAtRiskDealsFlagged), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.ViewerEmail, LoginPage.ViewerPassword);
        var dash = new DashboardPage(page, App.BaseUrl);
        await dash.OpenAsync("/health");

        var candidates = page.Locator("[data-testid=candidates-table]");
        await candidates.WaitForAsync();
        Assert.InRange(await candidates.Locator("tbody tr").CountAsync(), 1, 25);
        await candidates.Locator(".mud-table-pagination").WaitForAsync();
        var flagged = page.Locator("[data-testid=at-risk-table] [data-testid=flag-open-opportunity]");
        Assert.True(await flagged.CountAsync() > 0, "no at-risk account with an open deal is flagged on the first page");
        await dash.ScreenshotAsync("health-risk-lists");

        await dash.OpenAsync("/pipeline");
        await page.Locator("[data-testid=top-opportunities] [data-testid=flag-at-risk]").First.WaitForAsync();
    });

    private static async Task AssertInViewAsync(IPage page, ILocator element, int width, int height)
    {
        // Let the slide-in transition finish before measuring.
        await page.WaitForTimeoutAsync(400);
        var box = await element.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.Y >= 0 && box.X + box.Width <= width + 1 && box.Y < height / 2, $"drawer at {box.X},{box.Y} {box.Width}x{box.Height} in {width}x{height}");
    }
}
