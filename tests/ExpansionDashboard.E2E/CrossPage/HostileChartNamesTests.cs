using System.Globalization;
using System.Net.Http.Headers;
using ExpansionDashboard.E2E.Infrastructure;
using ExpansionDashboard.E2E.Pages;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace ExpansionDashboard.E2E.CrossPage;

/// <summary>
/// Segment, CSM, product, account and deal names that are markup reach every chart (legends, tooltips, axis labels,
/// review slides) and never become elements: with the Content-Security-Policy NOT enforced, so only our escaping
/// stands between the name and a running script. A name with markup characters (<c>R&amp;D &lt;Team&gt;</c>) reads
/// exactly so, neither interpreted nor escaped twice. Runs on an app and database of its own: the shared demo book
/// the other browser tests read stays untouched.
/// </summary>
[Trait(Lanes.Category, Lanes.Browser)]
public sealed class HostileChartNamesTests(AppServerFixture app) : BrowserTest(app)
{
    private const string ApiKey = "hostile-chart-names-admin-key-0123456789";
    private const string Segment = "<img src=x onerror=\"window.__xss='segment'\">";
    private const string Literal = "R&D <Team>";
    private const string Product = "<img src=x onerror=\"window.__xss='product'\">";
    private const string Csm = "<b>bold csm</b>";
    private const string Account = "<b>bold account</b>";
    private const string Deal = "<b>bold deal</b>";
    private const string Owner = "<img src=x onerror=\"window.__xss='owner'\">";

    private static readonly string[] Pages =
    [
        "/", "/retention", "/cohorts", "/cohorts?by=segment", "/expansion", "/pipeline", "/pipeline/forecast", "/pipeline/motions",
        "/pipeline/planner", "/health", "/accounts", "/accounts/HOSTILE-1", "/alerts", "/admin", "/admin/import", "/admin/edit",
        "/admin/users", "/admin/alerts", "/admin/audit", "/Account/Manage",
    ];

    [Fact]
    public async Task HostileNames_EveryPageAndSlideWithCspOff_NoElementNoScript_LiteralNameReadsExactly()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ed-e2e-hostile", Guid.NewGuid().ToString("N"));
        await using (var own = new KestrelApp(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Dashboard"] = $"Data Source={Path.Combine(folder, "dashboard.db")}",
            ["Dashboard:DemoData"] = "true",
            ["Dashboard:BootstrapApiKey"] = ApiKey,
            ["Dashboard:Alerts:CheckSeconds"] = "3600",
        }))
        {
            var baseUrl = own.Start();
            await ImportHostileBookAsync(baseUrl);
            await WalkAsync(baseUrl);
        }

        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task WalkAsync(string baseUrl)
    {
        var page = await App.NewPageAsync(enforceCsp: false);
        try
        {
            await new LoginPage(page, baseUrl).SignInAsync(LoginPage.AdminEmail, LoginPage.AdminPassword);
            foreach (var path in Pages.Append($"/expansion?segment={Uri.EscapeDataString(Segment)}").Append($"/?segment={Uri.EscapeDataString(Literal)}"))
            {
                await VisitAsync(page, baseUrl + path);
                if (path == "/expansion")
                {
                    // The charts drew the hostile names (so the walk is not vacuous), as text, exactly.
                    var legend = await page.Locator("[data-testid=chart-expansion-rate] .apexcharts-legend-text").AllTextContentsAsync();
                    Assert.Contains(Segment, legend);
                    Assert.Contains(Literal, legend);
                }

                if (path == "/pipeline/forecast")
                {
                    // Segments are the x-axis categories there: SVG text (a tspan, plus a title for the hover), which must
                    // not be escaped a second time.
                    var labels = await page.Locator(".apexcharts-xaxis-label tspan, .apexcharts-xaxis-label title").AllTextContentsAsync();
                    Assert.Contains(Literal, labels);
                    Assert.DoesNotContain(labels, l => l.Contains("&amp;", StringComparison.Ordinal) || l.Contains("&lt;", StringComparison.Ordinal));
                }
            }

            for (var slide = 1; slide <= 8; slide++)
            {
                await VisitAsync(page, $"{baseUrl}/review?slide={slide}");
            }
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppServerFixture.ArtifactsDirectory, "FAILED-hostile-chart-names.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static async Task VisitAsync(IPage page, string url)
    {
        await page.GotoAsync(url);

        // The account pages are static server-rendered (they set cookies): no circuit to wait for.
        if (!url.Contains("/Account/", StringComparison.Ordinal))
        {
            await ShellPage.WaitInteractiveAsync(page);
        }

        await ChartsDrawnAsync(page);
        await HoverChartsAsync(page);
        await NothingInjectedAsync(page, url);
    }

    private static async Task ChartsDrawnAsync(IPage page)
    {
        for (var i = 0; i < 40 && await page.Locator(".apex-chart-canvas:not([data-chart-ready=true])").CountAsync() > 0; i++)
        {
            await page.WaitForTimeoutAsync(250);
        }
    }

    /// <summary>Tooltips and the x-axis tooltip are written only on hover: move across every visible chart's plot.</summary>
    private static async Task HoverChartsAsync(IPage page)
    {
        var charts = page.Locator(".apexcharts-svg");
        for (var i = 0; i < await charts.CountAsync(); i++)
        {
            var chart = charts.Nth(i);
            if (!await chart.IsVisibleAsync())
            {
                continue;
            }

            await chart.ScrollIntoViewIfNeededAsync();
            if (await chart.BoundingBoxAsync() is not { } box)
            {
                continue;
            }

            foreach (var fx in new[] { 0.15f, 0.35f, 0.5f, 0.65f, 0.85f })
            {
                foreach (var fy in new[] { 0.4f, 0.7f })
                {
                    await page.Mouse.MoveAsync(box.X + (box.Width * fx), box.Y + (box.Height * fy));
                }
            }
        }

        await page.Mouse.MoveAsync(0, 0);
    }

    private static async Task NothingInjectedAsync(IPage page, string where)
    {
        // An injected <img src=x> fails to load at once and its onerror runs; give it the time to.
        await page.WaitForTimeoutAsync(300);
        var found = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('img[src=\"x\"]'), ...[...document.querySelectorAll('b')].filter(b => b.textContent.startsWith('bold '))]" +
            ".map(e => e.outerHTML + ' in ' + (e.parentElement?.outerHTML ?? '').slice(0, 300))");
        Assert.True(found.Length == 0, $"{where}: an element from a hostile name is in the DOM: {string.Join(" | ", found)}");
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__xss"));
    }

    private static async Task ImportHostileBookAsync(string baseUrl)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        var now = DateTime.Now;
        var mrr = new System.Text.StringBuilder("account_id,month,product,mrr,account_name,segment,industry,region,csm\n");
        for (var back = 12; back >= 0; back--)
        {
            var month = new DateTime(now.Year, now.Month, 1).AddMonths(-back).ToString("yyyy-MM", CultureInfo.InvariantCulture);
            var step = 12 - back;
            for (var a = 1; a <= 4; a++)
            {
                // Growing every month: expansion in each segment, every month, for the rate and average charts.
                var segment = a <= 2 ? Segment : Literal;
                var name = a == 1 ? Account : $"Hostile {a}";
                mrr.Append(CultureInfo.InvariantCulture, $"HOSTILE-{a},{month},{Csv(Product)},{40000 + (a * 1000) + (step * 900)},{Csv(name)},{Csv(segment)},Healthcare,EMEA,{Csv(Csm)}\n");
                mrr.Append(CultureInfo.InvariantCulture, $"HOSTILE-{a},{month},Core Platform,{30000 + (step * 500)},{Csv(name)},{Csv(segment)},Healthcare,EMEA,{Csv(Csm)}\n");
            }
        }

        await ImportAsync(http, "mrr", mrr.ToString());
        var close = new DateTime(now.Year, now.Month, 1).AddMonths(1).AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await ImportAsync(http, "opportunities",
            "opportunity_id,account_id,name,type,stage,amount,expected_close,owner\n" +
            $"OPP-HOSTILE-1,HOSTILE-1,{Csv(Deal)},Upsell,Negotiation,9000000,{close},{Csv(Owner)}\n" +
            $"OPP-HOSTILE-2,HOSTILE-3,{Csv(Deal)},Cross-sell,Proposal,500000,{close},{Csv(Owner)}\n");
        var month0 = now.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await ImportAsync(http, "health",
            "account_id,month,active_users,support_tickets,nps,payment_failures,exec_sponsor_change,qbr_attended,plan_limit_utilisation,usage_trend\n" +
            $"HOSTILE-1,{month0},1,40,-90,4,true,false,0.05,-0.6\n" +
            $"HOSTILE-3,{month0},500,0,90,0,false,true,0.99,0.5\n");
    }

    private static async Task ImportAsync(HttpClient http, string kind, string csv)
    {
        using var content = new StringContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var response = await http.PostAsync($"/api/imports/{kind}", content, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{kind} import answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }

    private static string Csv(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
