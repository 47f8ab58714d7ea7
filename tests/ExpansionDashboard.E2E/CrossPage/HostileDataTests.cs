using System.Globalization;
using System.Text.Json;
using ExpansionDashboard.E2E.Infrastructure;
using ExpansionDashboard.E2E.Pages;

namespace ExpansionDashboard.E2E.CrossPage;

/// <summary>Account names that are markup or spreadsheet formulas are shown as text everywhere and neutralised in CSV.</summary>
[Trait(Lanes.Category, Lanes.Browser)]
public sealed class HostileDataTests(AppServerFixture app) : BrowserTest(app)
{
    private const string Markup = "<img src=x onerror=alert(1)>";
    private const string Formula = "=cmd|' /C calc'!A0";

    [Fact]
    public Task HostileAccountNames_EveryPage_ShownAsTextNoDialog_CsvNeutralised() => RunAsync(nameof(HostileAccountNames_EveryPage_ShownAsTextNoDialog_CsvNeutralised), async page =>
    {
        var dialogs = new List<string>();
        page.Dialog += async (_, d) =>
        {
            dialogs.Add(d.Message);
            await d.DismissAsync();
        };
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.AdminEmail, LoginPage.AdminPassword);
        var month = DateTime.Now.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var csv = "account_id,month,product,mrr,account_name,segment,industry,region,csm\n" +
                  $"HOSTILE-1,{month},Core Platform,90000,\"{Markup}\",Enterprise,Healthcare,EMEA,Ava Thompson\n" +
                  $"HOSTILE-2,{month},Core Platform,89000,\"{Formula.Replace("\"", "\"\"", StringComparison.Ordinal)}\",Enterprise,Healthcare,EMEA,Ava Thompson\n";
        var response = await page.APIRequest.PostAsync($"{App.BaseUrl}/api/imports/mrr", new() { Data = csv, Headers = new Dictionary<string, string> { ["Content-Type"] = "text/csv" } });
        Assert.True(response.Ok, $"import answered {response.Status}: {await response.TextAsync()}");
        var batch = (await response.JsonAsync())!.Value.GetProperty("batchId").GetInt64();

        try
        {
            foreach (var path in new[] { "/", "/retention", "/cohorts", "/expansion", "/pipeline", "/accounts", "/health", "/alerts", "/review", "/accounts/HOSTILE-1", "/accounts/HOSTILE-2", "/admin" })
            {
                await page.GotoAsync(App.BaseUrl + path);
                await ShellPage.WaitInteractiveAsync(page);
                await page.WaitForTimeoutAsync(300);
                Assert.Equal(0, await page.Locator("img[src='x']").CountAsync());
            }

            // Shown literally: the grid (largest MRR first), the account page, the Overview's biggest gains.
            await page.GotoAsync($"{App.BaseUrl}/accounts");
            await ShellPage.WaitInteractiveAsync(page);
            var grid = await page.InnerTextAsync("[data-testid=accounts-grid] tbody");
            Assert.Contains(Markup, grid, StringComparison.Ordinal);
            Assert.Contains(Formula, grid, StringComparison.Ordinal);
            await new DashboardPage(page, App.BaseUrl).ScreenshotAsync("hostile-accounts");

            var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=export-accounts]"));
            var lines = await File.ReadAllLinesAsync(await download.PathAsync());
            Assert.Contains(lines, l => l.StartsWith("HOSTILE-2,\"'=cmd|' /C calc'!A0\"", StringComparison.Ordinal) || l.StartsWith("HOSTILE-2,'=cmd|' /C calc'!A0", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, l => l.Contains(",=cmd", StringComparison.Ordinal) || l.Contains(",\"=cmd", StringComparison.Ordinal));

            await page.GotoAsync($"{App.BaseUrl}/accounts/HOSTILE-1");
            await ShellPage.WaitInteractiveAsync(page);
            Assert.Equal(Markup, await page.InnerTextAsync("[data-testid=account-name]"));
            Assert.Empty(dialogs);
        }
        finally
        {
            await page.APIRequest.PostAsync($"{App.BaseUrl}/api/imports/batches/{batch}/revert");
        }
    });
}
