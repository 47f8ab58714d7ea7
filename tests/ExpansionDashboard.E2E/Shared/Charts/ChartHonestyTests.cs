using ExpansionDashboard.E2E.Infrastructure;
using ExpansionDashboard.E2E.Pages;
using Microsoft.Playwright;

namespace ExpansionDashboard.E2E.Shared.Charts;

/// <summary>The charts at the meeting-room size: no label on another label, money axes from zero, the theme remembered.</summary>
[Trait(Lanes.Category, Lanes.Browser)]
public sealed class ChartHonestyTests(AppServerFixture app) : BrowserTest(app)
{
    // Every chart text box (axis labels, legends, band names under the chart, gauge labels) that has text and is shown.
    private const string LabelBoxes = """
        () => {
            const boxes = [];
            const seen = new Set();
            const add = (el, chart) => {
                if (seen.has(el)) return;
                seen.add(el);
                const text = ((el.querySelector('tspan') ?? el).textContent || '').trim();
                const r = el.getBoundingClientRect();
                const style = getComputedStyle(el);
                if (!text || r.width < 1 || r.height < 1 || style.visibility === 'hidden' || style.display === 'none' || style.opacity === '0') return;
                boxes.push({ chart, text, l: r.left, t: r.top, r: r.right, b: r.bottom });
            };
            document.querySelectorAll('[data-testid^=chart-], [data-testid^=gauge-]').forEach(c => {
                const id = c.dataset.testid;
                c.querySelectorAll('.apexcharts-text, .apexcharts-legend-text, .apexcharts-yaxis-annotations text, .chart-band, .gauge-svg text, .gauge-name').forEach(el => add(el, id));
            });
            return boxes;
        }
        """;

    // Filled by Playwright from the script's objects (it needs settable properties).
    private sealed class Box
    {
        public string Chart { get; set; } = "";
        public string Text { get; set; } = "";
        public double L { get; set; }
        public double T { get; set; }
        public double R { get; set; }
        public double B { get; set; }
    }

    private static bool Overlap(Box a, Box b) => a.L < b.R - 1 && b.L < a.R - 1 && a.T < b.B - 1 && b.T < a.B - 1;

    [Theory]
    [InlineData("/", "overview", 2)]
    [InlineData("/retention", "retention", 4)]
    [InlineData("/expansion", "expansion", 4)]
    [InlineData("/pipeline", "pipeline", 1)]
    public Task Page_At1280x720_NoTwoChartLabelsOverlap(string path, string name, int charts) => RunAsync($"labels-{name}", async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.AdminEmail, LoginPage.AdminPassword);
        var dashboard = new DashboardPage(page, App.BaseUrl);
        await dashboard.OpenAsync(path);
        await page.Locator("[data-chart-ready=true]").Nth(charts - 1).WaitForAsync();

        var boxes = await page.EvaluateAsync<Box[]>(LabelBoxes);
        Assert.True(boxes.Length > 10, $"only {boxes.Length} label boxes found on {path}");
        var clashes = new List<string>();
        for (var i = 0; i < boxes.Length; i++)
        {
            for (var j = i + 1; j < boxes.Length; j++)
            {
                if (Overlap(boxes[i], boxes[j]))
                {
                    clashes.Add($"{boxes[i].Chart} '{boxes[i].Text}' × {boxes[j].Chart} '{boxes[j].Text}'");
                }
            }
        }

        await dashboard.ScreenshotAsync($"charts-{name}-1280x720");
        Assert.True(clashes.Count == 0, string.Join("; ", clashes));
    }, 1280, 720);

    [Fact]
    public Task Overview_MrrChart_MoneyAxisStartsAtZeroOnRoundTicks() => RunAsync(nameof(Overview_MrrChart_MoneyAxisStartsAtZeroOnRoundTicks), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.AdminEmail, LoginPage.AdminPassword);
        var chart = await new OverviewPage(page).DrawnChartAsync("chart-mrr");

        // The y-axis labels from top to bottom: the lowest is zero, and all are whole millions or round amounts.
        var ticks = await chart.Locator(".apexcharts-yaxis-label").EvaluateAllAsync<string[]>(
            "els => els.map(e => [e.getBoundingClientRect().top, (e.querySelector('tspan') ?? e).textContent.trim()]).sort((a, b) => a[0] - b[0]).map(x => x[1])");
        Assert.True(ticks.Length >= 3, string.Join(" / ", ticks));
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(ticks[^1], @"^[^0-9]*0[^0-9.,]*$"), string.Join(" / ", ticks));
        Assert.All(ticks, t => Assert.DoesNotMatch(@"\d[.,]\d{2}", t));

        // The NRR axis: whole percentages only.
        var nrr = await new OverviewPage(page).DrawnChartAsync("chart-nrr");
        var percents = await nrr.Locator(".apexcharts-yaxis-label").EvaluateAllAsync<string[]>("els => els.map(e => (e.querySelector('tspan') ?? e).textContent)");
        Assert.True(percents.Length >= 3);
        Assert.All(percents, t => Assert.Matches(@"^\d+ %$", t.Trim()));
    }, 1280, 720);

    [Fact]
    public Task ThemeToggle_Dark_SurvivesReloadAndNewTab() => RunAsync(nameof(ThemeToggle_Dark_SurvivesReloadAndNewTab), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.AdminEmail, LoginPage.AdminPassword);
        await ShellPage.WaitInteractiveAsync(page);
        var body = page.Locator(".page-body");
        if (await body.GetAttributeAsync("data-theme") == "dark")
        {
            await page.Locator("[data-testid=theme-toggle]").ClickAsync();
            await page.Locator(".page-body[data-theme=light]").WaitForAsync();
        }

        await page.Locator("[data-testid=theme-toggle]").ClickAsync();
        await page.Locator(".page-body[data-theme=dark]").WaitForAsync();

        // A reload is dark from its first (prerendered) paint, before the circuit starts.
        var response = await page.ReloadAsync();
        Assert.Contains("data-theme=\"dark\"", await response!.TextAsync(), StringComparison.Ordinal);
        await ShellPage.WaitInteractiveAsync(page);
        Assert.Equal("dark", await body.GetAttributeAsync("data-theme"));
        Assert.Equal(1, await page.Locator(".ed-dark").CountAsync());

        // A second tab in the same browser opens dark.
        var second = await page.Context.NewPageAsync();
        await second.GotoAsync(App.BaseUrl + "/retention");
        await ShellPage.WaitInteractiveAsync(second);
        Assert.Equal("dark", await second.Locator(".page-body").GetAttributeAsync("data-theme"));
        await second.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppServerFixture.ArtifactsDirectory, "retention-dark-1280x720.png") });

        // Back to light: remembered too.
        await page.Locator("[data-testid=theme-toggle]").ClickAsync();
        await page.Locator(".page-body[data-theme=light]").WaitForAsync();
        await page.ReloadAsync();
        await ShellPage.WaitInteractiveAsync(page);
        Assert.Equal("light", await body.GetAttributeAsync("data-theme"));
    }, 1280, 720);
}
