using System.Globalization;
using ExpansionDashboard.E2E.Infrastructure;
using Microsoft.Playwright;

namespace ExpansionDashboard.E2E.Pages;

/// <summary>Any dashboard page: its filter bar, KPI tiles, charts and screenshots.</summary>
public sealed class DashboardPage(IPage page, string baseUrl)
{
    public IPage Page => page;

    public async Task OpenAsync(string path)
    {
        await page.GotoAsync(baseUrl + path);
        await ShellPage.WaitInteractiveAsync(page);
    }

    /// <summary>Chooses a value in one filter of the filter bar, as a user does, and waits for the URL to carry it.</summary>
    /// <remarks>
    /// On a loaded 2-core CI machine a click can land while the popover is still opening and be lost, so the choice is
    /// made again (up to three times) when the URL has not changed; an app that never writes the filter still fails.
    /// </remarks>
    public async Task ChooseFilterAsync(string name, string value)
    {
        var expected = $"{name}={Uri.EscapeDataString(value)}";
        for (var attempt = 1; ; attempt++)
        {
            await page.ClickAsync($"[data-testid=filter-{name}]");
            await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasTextString = value }).First.ClickAsync();
            try
            {
                await page.WaitForUrlContainingAsync(expected, 20_000);
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                await page.Keyboard.PressAsync("Escape");
            }
        }
    }

    public ILocator Kpi(string id) => page.Locator($"[data-testid=kpi-{id}]").First;

    public async Task<string> KpiRawAsync(string id)
    {
        await Kpi(id).WaitForAsync();
        return await Kpi(id).GetAttributeAsync("data-value") ?? "";
    }

    public static decimal Parse(string raw) => decimal.Parse(raw, CultureInfo.InvariantCulture);

    /// <summary>Waits until the KPI's invariant value differs from <paramref name="before"/> and returns the new one.</summary>
    public async Task<string> WaitKpiChangedAsync(string id, string before)
    {
        await page.WaitForFunctionAsync(
            "([id, before]) => { const e = document.querySelector(`[data-testid=kpi-${id}]`); return e && e.dataset.value !== before; }",
            new object[] { id, before });
        return await KpiRawAsync(id);
    }

    /// <summary>Waits until ApexCharts has drawn the chart's SVG and returns it.</summary>
    public async Task<ILocator> DrawnChartAsync(string testId)
    {
        await page.Locator($"[data-testid={testId}] [data-chart-ready=true]").WaitForAsync();
        return page.Locator($"[data-testid={testId}] .apexcharts-canvas svg").First;
    }

    public Task ScreenshotAsync(string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Infrastructure.AppServerFixture.ArtifactsDirectory, $"{name}.png"), FullPage = true });
}
