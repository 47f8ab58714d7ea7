using System.Globalization;
using ExpansionDashboard.E2E.Infrastructure;
using ExpansionDashboard.E2E.Pages;
using Microsoft.Playwright;

namespace ExpansionDashboard.E2E.CrossPage;

/// <summary>
/// Account, segment, CSM, opportunity and owner names that are markup or spreadsheet formulas are shown as text on
/// every page that shows names (none of their elements reaches the DOM, no script runs) and neutralised in CSV.
/// </summary>
[Trait(Lanes.Category, Lanes.Browser)]
public sealed class HostileDataTests(AppServerFixture app) : BrowserTest(app)
{
    private const string Markup = "<img src=x onerror=alert(1)>";
    private const string Formula = "=cmd|' /C calc'!A0";
    private const string Segment = "<i id=seg-x>Seg</i>";
    private const string Csm = "<svg id=csm-x onload=alert(2)>";
    private const string Opportunity = "<iframe id=opp-x srcdoc=y></iframe>";
    private const string Owner = "<b id=owner-x>Owner</b>";

    // Any element the hostile names would create if a page rendered them as markup.
    private const string Injected = "img[src='x'], #seg-x, #csm-x, #opp-x, #owner-x";

    [Fact]
    public Task HostileNames_PagesThatShowNames_ShownAsTextNoElementNoDialog_CsvNeutralised() => RunAsync(nameof(HostileNames_PagesThatShowNames_ShownAsTextNoElementNoDialog_CsvNeutralised), async page =>
    {
        var dialogs = new List<string>();
        page.Dialog += async (_, d) =>
        {
            dialogs.Add(d.Message);
            await d.DismissAsync();
        };
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.AdminEmail, LoginPage.AdminPassword);
        var now = DateTime.Now;
        var month = now.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var close = new DateTime(now.Year, now.Month, 1).AddMonths(1).AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var batches = new List<long>
        {
            // The two largest new accounts this month: a markup name with a markup CSM, a formula name in a markup segment.
            await ImportAsync(page, "mrr",
                "account_id,month,product,mrr,account_name,segment,industry,region,csm\n" +
                $"HOSTILE-1,{month},Core Platform,90000,{Csv(Markup)},Enterprise,Healthcare,EMEA,{Csv(Csm)}\n" +
                $"HOSTILE-2,{month},Core Platform,89000,{Csv(Formula)},{Csv(Segment)},Healthcare,EMEA,Ava Thompson\n"),

            // The largest open opportunity (top of the pipeline and the review deck), with a markup name and owner.
            await ImportAsync(page, "opportunities",
                "opportunity_id,account_id,name,type,stage,amount,expected_close,owner\n" +
                $"OPP-HOSTILE-1,HOSTILE-1,{Csv(Opportunity)},Upsell,Negotiation,9000000,{close},{Csv(Owner)}\n"),

            // HOSTILE-1 in poor health (at risk), HOSTILE-2 healthy at its plan limit (an expansion candidate).
            await ImportAsync(page, "health",
                "account_id,month,active_users,support_tickets,nps,payment_failures,exec_sponsor_change,qbr_attended,plan_limit_utilisation,usage_trend\n" +
                $"HOSTILE-1,{month},1,40,-90,4,true,false,0.05,-0.6\n" +
                $"HOSTILE-2,{month},500,0,90,0,false,true,0.99,0.5\n"),
        };

        try
        {
            // Accounts: the grid (largest MRR first) shows the names and the segment literally.
            await OpenAsync(page, "/accounts");
            var grid = await page.InnerTextAsync("[data-testid=accounts-grid] tbody");
            Assert.Contains(Markup, grid, StringComparison.Ordinal);
            Assert.Contains(Formula, grid, StringComparison.Ordinal);
            await new DashboardPage(page, App.BaseUrl).ScreenshotAsync("hostile-accounts");

            var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=export-accounts]"));
            var lines = await File.ReadAllLinesAsync(await download.PathAsync());
            Assert.Contains(lines, l => l.StartsWith("HOSTILE-2,\"'=cmd|' /C calc'!A0\"", StringComparison.Ordinal) || l.StartsWith("HOSTILE-2,'=cmd|' /C calc'!A0", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, l => l.Contains(",=cmd", StringComparison.Ordinal) || l.Contains(",\"=cmd", StringComparison.Ordinal));

            // Account detail: the name as the heading, the CSM, the opportunity.
            await OpenAsync(page, "/accounts/HOSTILE-1");
            Assert.Equal(Markup, await page.InnerTextAsync("[data-testid=account-name]"));
            await ShowsAsync(page, "body", Csm);
            await ShowsAsync(page, "[data-testid=account-opportunities]", Opportunity);
            await OpenAsync(page, "/accounts/HOSTILE-2");
            Assert.Equal(Formula, await page.InnerTextAsync("[data-testid=account-name]"));
            await ShowsAsync(page, "body", Segment);

            // Pipeline: the open opportunities (largest first) with their account.
            await OpenAsync(page, "/pipeline");
            await ShowsAsync(page, "[data-testid=top-opportunities]", Opportunity);
            await ShowsAsync(page, "[data-testid=top-opportunities]", Markup);

            // Health: HOSTILE-1 among the accounts at risk, HOSTILE-2 among the expansion candidates.
            await OpenAsync(page, "/health");
            await ShowsAsync(page, "[data-testid=at-risk]", Markup);
            await ShowsAsync(page, "[data-testid=candidates]", Formula);

            // Cohorts: this month's cohort at month 0 holds both new accounts.
            await OpenAsync(page, "/cohorts?grain=month");
            await page.Locator($"[data-testid=cohort-row][data-cohort='{month}'] [data-testid=heat-cell][data-age='0']").ClickAsync();
            await ShowsAsync(page, "[data-testid=cohort-accounts]", Markup);
            await ShowsAsync(page, "[data-testid=cohort-accounts]", Segment);

            // The segment filter and the pages filtered to the hostile segment.
            foreach (var path in new[] { "/", "/retention", "/expansion", "/pipeline", "/health" })
            {
                await OpenAsync(page, $"{path}?segment={Uri.EscapeDataString(Segment)}");
                await ShowsAsync(page, "body", Segment);
            }

            // Review deck: the opportunities slide and the at-risk slide name them.
            await OpenAsync(page, "/review");
            // The slide lists deals by account (the opportunity's own name is not shown there).
            await ShowsAsync(page, "[data-testid=review-opportunities]", Markup, textContent: true);
            await ShowsAsync(page, "[data-testid=review-at-risk]", Markup, textContent: true);

            await OpenAsync(page, "/admin");
            Assert.Empty(dialogs);
        }
        finally
        {
            batches.Reverse();
            foreach (var batch in batches)
            {
                await page.APIRequest.PostAsync($"{App.BaseUrl}/api/imports/batches/{batch}/revert", new() { Headers = new Dictionary<string, string> { ["X-Dashboard-Intent"] = "1" } });
            }
        }
    });

    private static string Csv(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private async Task<long> ImportAsync(IPage page, string kind, string csv)
    {
        var response = await page.APIRequest.PostAsync($"{App.BaseUrl}/api/imports/{kind}", new() { Data = csv, Headers = new Dictionary<string, string> { ["Content-Type"] = "text/csv", ["X-Dashboard-Intent"] = "1" } });
        Assert.True(response.Ok, $"{kind} import answered {response.Status}: {await response.TextAsync()}");
        return (await response.JsonAsync())!.Value.GetProperty("batchId").GetInt64();
    }

    private async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(App.BaseUrl + path);
        await ShellPage.WaitInteractiveAsync(page);
        await NoInjectedElementAsync(page, path);
    }

    /// <summary>The text appears literally in the element (its rendered text, or its text content for slides not on screen).</summary>
    private static async Task ShowsAsync(IPage page, string selector, string text, bool textContent = false)
    {
        var element = page.Locator(selector).First;
        await element.WaitForAsync(new() { State = textContent ? WaitForSelectorState.Attached : WaitForSelectorState.Visible });
        var shown = textContent ? await element.TextContentAsync() ?? "" : await element.InnerTextAsync();
        Assert.True(shown.Contains(text, StringComparison.Ordinal), $"{page.Url} {selector} does not show {text}");
        await NoInjectedElementAsync(page, page.Url);
    }

    private static async Task NoInjectedElementAsync(IPage page, string where)
    {
        await page.WaitForTimeoutAsync(200);
        var injected = page.Locator(Injected);
        var found = await injected.CountAsync() == 0 ? "" : await injected.First.EvaluateAsync<string>("e => e.outerHTML + ' in ' + (e.parentElement?.outerHTML ?? '').slice(0, 300)");
        Assert.True(found.Length == 0, $"{where}: an element from a hostile name is in the DOM: {found}");
    }
}
