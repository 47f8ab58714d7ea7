using ExpansionDashboard.E2E.Infrastructure;
using ExpansionDashboard.E2E.Pages;
using Microsoft.Playwright;

namespace ExpansionDashboard.E2E.CrossPage;

/// <summary>Every page at the two review sizes: charts drawn, no horizontal overflow; the PNGs are kept for people to look at.</summary>
[Trait(Lanes.Category, Lanes.Browser)]
public sealed class ScreenshotTests(AppServerFixture app) : BrowserTest(app)
{
    public static TheoryData<int, int> Sizes => new() { { 1920, 1080 }, { 1280, 720 } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public Task EveryPage_ReviewSize_FitsWidthAndDrawsCharts(int width, int height) => RunAsync($"pages-{width}", async page =>
    {
        // The Content-Security-Policy must not block anything the pages need (no eval, no inline script).
        var blocked = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || m.Text.Contains("Refused to", StringComparison.Ordinal))
            {
                blocked.Add(m.Text);
            }
        };
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.AdminEmail, LoginPage.AdminPassword);
        (string Path, string Name, int Charts)[] pages =
        [
            ("/", "overview", 2), ("/retention", "retention", 4), ("/cohorts", "cohorts", 0), ("/expansion", "expansion", 4),
            ("/pipeline", "pipeline", 1), ("/accounts", "accounts", 0), ("/admin", "admin", 0),
            ("/admin/import", "import", -1), ("/admin/edit", "edit", 0),
            ("/health", "health", 0), ("/alerts", "alerts", 0), ("/admin/alerts", "alert-rules", 0), ("/admin/users", "users", 0), ("/admin/audit", "audit", 0),
            ("/pipeline/forecast", "forecast", 3), ("/pipeline/planner", "planner", 0), ("/pipeline/motions", "motions", 1),
        ];

        foreach (var (path, name, charts) in pages)
        {
            await page.GotoAsync(App.BaseUrl + path);
            await ShellPage.WaitInteractiveAsync(page);
            if (charts > 0)
            {
                await page.Locator("[data-chart-ready=true]").Nth(charts - 1).WaitForAsync();
            }
            else if (charts == 0)
            {
                await page.Locator("table").First.WaitForAsync();
            }
            else
            {
                await page.Locator("h1").First.WaitForAsync();
            }

            await page.ScreenshotAsync(new PageScreenshotOptions { Path = System.IO.Path.Combine(AppServerFixture.ArtifactsDirectory, $"{name}-{width}x{height}.png") });
            var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"{path} overflows horizontally by {overflow}px at {width}x{height}");
            Assert.Equal(0, await page.Locator("[data-testid=chart-error]").CountAsync());
        }

        Assert.Empty(blocked);
    }, width, height, enforceCsp: true);
}
