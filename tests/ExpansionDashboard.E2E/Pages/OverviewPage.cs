using System.Globalization;
using Microsoft.Playwright;

namespace ExpansionDashboard.E2E.Pages;

public sealed class OverviewPage(IPage page)
{
    public static readonly string[] KpiIds = ["mrr", "arr", "nrr-t12m", "grr-t12m", "expansion-rate", "coverage"];

    public ILocator Kpi(string id) => page.Locator($"[data-testid=kpi-{id}]");

    public async Task<decimal?> KpiValueAsync(string id)
    {
        var text = await Kpi(id).GetAttributeAsync("data-value");
        return string.IsNullOrEmpty(text) ? null : decimal.Parse(text, CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until ApexCharts has drawn the chart's SVG and returns it.</summary>
    public async Task<ILocator> DrawnChartAsync(string testId)
    {
        var svg = page.Locator($"[data-testid={testId}] .apexcharts-canvas svg");
        await svg.First.WaitForAsync();
        return svg.First;
    }
}
