using ExpansionDashboard.E2E.Infrastructure;
using ExpansionDashboard.E2E.Pages;
using Microsoft.Playwright;

namespace ExpansionDashboard.E2E.Shared.Widgets;

[Trait(Lanes.Category, Lanes.Browser)]
public sealed class FilterTests(AppServerFixture app) : BrowserTest(app)
{
    [Fact]
    public Task Overview_SegmentFilter_LivesInUrlChangesKpisAndSurvivesBackForward() => RunAsync(nameof(Overview_SegmentFilter_LivesInUrlChangesKpisAndSurvivesBackForward), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.AdminEmail, LoginPage.AdminPassword);
        var overview = new OverviewPage(page);
        var all = await overview.KpiValueAsync("mrr");
        foreach (var id in new[] { "mrr", "arr", "nrr-t12m", "nrr-monthly", "grr-t12m", "logo-retention-t12m", "expansion-rate", "quick-ratio", "coverage" })
        {
            Assert.Equal(1, await overview.Kpi(id).CountAsync());
        }

        // Choose a segment in the filter bar: the URL carries it and the tiles follow.
        await page.ClickAsync("[data-testid=filter-segment]");
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasTextString = "Enterprise" }).First.ClickAsync();
        await page.WaitForUrlContainingAsync("segment=Enterprise");
        await page.WaitForFunctionAsync($"document.querySelector('[data-testid=kpi-mrr]').dataset.value !== '{Inv(all)}'");
        var enterprise = await overview.KpiValueAsync("mrr");
        Assert.True(enterprise < all);

        // A link reproduces the view.
        await page.GotoAsync($"{App.BaseUrl}/?segment=SMB&month=2026-06");
        await ShellPage.WaitInteractiveAsync(page);
        var smbJune = await overview.KpiValueAsync("mrr");
        Assert.True(smbJune < all && smbJune != enterprise);
        Assert.Contains("2026-06", await page.InnerTextAsync("[data-testid=as-of]"), StringComparison.Ordinal);

        // Clearing and going back restores the filtered view.
        await page.ClickAsync("[data-testid=filter-clear]");
        await page.WaitForUrlNotContainingAsync("segment=");
        await page.WaitForFunctionAsync($"document.querySelector('[data-testid=kpi-mrr]').dataset.value === '{Inv(all)}'");
        // The browser's Back, without waiting on a navigation event that a same-document pop may not raise.
        await page.EvaluateAsync("() => history.back()");
        await page.WaitForUrlContainingAsync("segment=SMB");
        await page.WaitForFunctionAsync($"document.querySelector('[data-testid=kpi-mrr]').dataset.value === '{Inv(smbJune)}'");
    });

    [Fact]
    public Task RetentionExpansionAccounts_SegmentInUrl_FiltersEachPage() => RunAsync(nameof(RetentionExpansionAccounts_SegmentInUrl_FiltersEachPage), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.ViewerEmail, LoginPage.ViewerPassword);

        await page.GotoAsync($"{App.BaseUrl}/retention?segment=SMB");
        await ShellPage.WaitInteractiveAsync(page);
        var breakdown = page.Locator("[data-testid=breakdown-segment] tbody tr");
        await breakdown.First.WaitForAsync();
        Assert.Equal(1, await breakdown.CountAsync());
        Assert.Contains("SMB", await breakdown.First.InnerTextAsync(), StringComparison.Ordinal);

        await page.GotoAsync($"{App.BaseUrl}/expansion");
        await ShellPage.WaitInteractiveAsync(page);
        var all = await page.GetAttributeAsync("[data-testid=kpi-expansion-share]", "data-value");
        await page.GotoAsync($"{App.BaseUrl}/expansion?segment=SMB");
        await ShellPage.WaitInteractiveAsync(page);
        Assert.NotEqual(all, await page.GetAttributeAsync("[data-testid=kpi-expansion-share]", "data-value"));

        await page.GotoAsync($"{App.BaseUrl}/accounts?segment=Enterprise");
        await ShellPage.WaitInteractiveAsync(page);
        var grid = page.Locator("[data-testid=accounts-grid] tbody");
        await grid.WaitForAsync();
        var text = await grid.InnerTextAsync();
        Assert.Contains("Enterprise", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SMB", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Mid-Market", text, StringComparison.Ordinal);
    });

    [Fact]
    public Task Accounts_ClickAccount_OpensDetailWithSameMrrAndDrawnChart() => RunAsync(nameof(Accounts_ClickAccount_OpensDetailWithSameMrrAndDrawnChart), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.ViewerEmail, LoginPage.ViewerPassword);
        await page.GotoAsync($"{App.BaseUrl}/accounts");
        await ShellPage.WaitInteractiveAsync(page);
        var first = page.Locator("[data-testid=account-link]").First;
        var name = await first.InnerTextAsync();

        await first.ClickAsync();

        await page.WaitForUrlContainingAsync("/accounts/");
        await page.Locator("[data-testid=account-name]").WaitForAsync();
        Assert.Equal(name, await page.InnerTextAsync("[data-testid=account-name]"));
        await new OverviewPage(page).DrawnChartAsync("chart-account-mrr");
        Assert.True(await page.Locator("[data-testid=account-movements] tbody tr").CountAsync() > 0);
        Assert.True(decimal.Parse((await page.GetAttributeAsync("[data-testid=account-mrr]", "data-value"))!, System.Globalization.CultureInfo.InvariantCulture) > 0);
    });

    [Fact]
    public Task Accounts_ExportButton_DownloadsTheTableAsCsv() => RunAsync(nameof(Accounts_ExportButton_DownloadsTheTableAsCsv), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.ViewerEmail, LoginPage.ViewerPassword);
        await page.GotoAsync($"{App.BaseUrl}/accounts");
        await ShellPage.WaitInteractiveAsync(page);

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=export-accounts]"));

        Assert.Equal("accounts.csv", download.SuggestedFilename);
        var lines = (await File.ReadAllLinesAsync(await download.PathAsync()));
        Assert.Equal("account_id,name,segment,industry,region,csm,mrr,change_1m,health_score,health_band", lines[0].TrimStart('\uFEFF'));
        Assert.Equal(2001, lines.Length);
    });

    private static string Inv(decimal? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
