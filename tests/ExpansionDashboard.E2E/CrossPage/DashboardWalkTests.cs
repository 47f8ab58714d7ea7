using ExpansionDashboard.E2E.Infrastructure;
using ExpansionDashboard.E2E.Pages;

namespace ExpansionDashboard.E2E.CrossPage;

/// <summary>
/// Walks every dashboard page on the demo data as a CS leader would: read a KPI, choose a filter in the filter bar
/// (the URL carries it and the KPI changes), open the page's drill-down, and keep a screenshot of the result.
/// </summary>
[Trait(Lanes.Category, Lanes.Browser)]
public sealed class DashboardWalkTests(AppServerFixture app) : BrowserTest(app)
{
    [Fact]
    public Task Overview_FilterThenAlertLink_OpensPipelineForThatSegment() => RunAsync(nameof(Overview_FilterThenAlertLink_OpensPipelineForThatSegment), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.ViewerEmail, LoginPage.ViewerPassword);
        var dash = new DashboardPage(page, App.BaseUrl);
        var before = await dash.KpiRawAsync("mrr");

        await dash.ChooseFilterAsync("segment", "SMB");
        var smbMrr = DashboardPage.Parse(await dash.WaitKpiChangedAsync("mrr", before));
        Assert.True(smbMrr < DashboardPage.Parse(before));
        var smbCoverage = await dash.KpiRawAsync("coverage");
        await page.Locator("[data-testid=month-changes]").WaitForAsync();
        await dash.ScreenshotAsync("walk-overview-smb");

        // Drill-down: the coverage alert opens the Pipeline page filtered to the segment, with the same coverage.
        await page.Locator("[data-testid=alert-coverage-SMB] a").ClickAsync();
        await page.WaitForUrlContainingAsync("/pipeline?segment=SMB");
        await page.Locator("[data-testid=coverage-row-SMB]").First.WaitForAsync();
        Assert.Equal(smbCoverage, await dash.KpiRawAsync("coverage"));
        Assert.Equal("alert", await page.Locator("[data-testid=kpi-coverage]").GetAttributeAsync("data-severity"));
    });

    [Fact]
    public Task Retention_RegionFilterThenBridgeBar_ListsItsAccounts() => RunAsync(nameof(Retention_RegionFilterThenBridgeBar_ListsItsAccounts), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.ViewerEmail, LoginPage.ViewerPassword);
        var dash = new DashboardPage(page, App.BaseUrl);
        await dash.OpenAsync("/retention");
        var before = await dash.KpiRawAsync("nrr-t12m");

        await dash.ChooseFilterAsync("region", "EMEA");
        await dash.WaitKpiChangedAsync("nrr-t12m", before);
        await page.Locator(".mud-tab", new() { HasTextString = "Region" }).ClickAsync();
        var rows = page.Locator("[data-testid=breakdown-region] tbody tr");
        await rows.First.WaitForAsync();
        Assert.Equal(1, await rows.CountAsync());
        Assert.Contains("EMEA", await rows.First.InnerTextAsync(), StringComparison.Ordinal);

        await page.ClickAsync("[data-testid=bridge-bar-churn]");
        var accounts = page.Locator("[data-testid=drill-drawer] [data-testid=bridge-accounts]");
        await accounts.WaitForAsync();
        await UrlWaits.WaitForUrlContainingAsync(page, "drill=bridge");
        Assert.True(await accounts.Locator("tbody tr").CountAsync() > 0);
        await dash.ScreenshotAsync("walk-retention-emea-churn");
    });

    [Fact]
    public Task Cohorts_SegmentRowsAndFilterThenCell_ListsItsAccounts() => RunAsync(nameof(Cohorts_SegmentRowsAndFilterThenCell_ListsItsAccounts), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.ViewerEmail, LoginPage.ViewerPassword);
        var dash = new DashboardPage(page, App.BaseUrl);
        await dash.OpenAsync("/cohorts?by=segment");
        await page.Locator("[data-testid=cohort-table]").WaitForAsync();
        var before = await dash.KpiRawAsync("cohort-accounts");

        await dash.ChooseFilterAsync("industry", "Healthcare");
        var after = await dash.WaitKpiChangedAsync("cohort-accounts", before);
        Assert.True(DashboardPage.Parse(after) < DashboardPage.Parse(before));
        Assert.Contains("by=segment", page.Url, StringComparison.Ordinal);

        await page.Locator("[data-testid=cohort-row][data-cohort=SMB] button.heat-button").First.ClickAsync();
        var accounts = page.Locator("[data-testid=cohort-accounts]");
        await accounts.WaitForAsync();
        Assert.Contains("month 0", await accounts.InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await accounts.Locator("tbody tr").CountAsync() > 0);
        await dash.ScreenshotAsync("walk-cohorts-healthcare");
    });

    [Fact]
    public Task Expansion_SegmentFilterThenTypeBar_ListsAccountsThatExpanded() => RunAsync(nameof(Expansion_SegmentFilterThenTypeBar_ListsAccountsThatExpanded), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.ViewerEmail, LoginPage.ViewerPassword);
        var dash = new DashboardPage(page, App.BaseUrl);
        await dash.OpenAsync("/expansion");
        var before = await dash.KpiRawAsync("expansion-share");

        await dash.ChooseFilterAsync("segment", "Enterprise");
        await dash.WaitKpiChangedAsync("expansion-share", before);

        // The last month's seats bar (series 3 of the stacked chart).
        var svg = await dash.DrawnChartAsync("chart-expansion-type");
        await svg.Locator(".apexcharts-series[rel='3'] .apexcharts-bar-area").Last.ClickAsync(new() { Force = true });
        var accounts = page.Locator("[data-testid=expansion-accounts]");
        await accounts.WaitForAsync();
        Assert.Contains("Seats expansion", await accounts.InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await accounts.Locator("tbody tr").CountAsync() > 0);
        await dash.ScreenshotAsync("walk-expansion-enterprise-seats");
    });

    [Fact]
    public Task Pipeline_CsmFilterThenStageBar_ListsThatStagesOpportunities() => RunAsync(nameof(Pipeline_CsmFilterThenStageBar_ListsThatStagesOpportunities), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.ViewerEmail, LoginPage.ViewerPassword);
        var dash = new DashboardPage(page, App.BaseUrl);
        await dash.OpenAsync("/pipeline");
        var before = await dash.KpiRawAsync("open-pipeline");

        await dash.ChooseFilterAsync("csm", "Ava Thompson");
        var after = await dash.WaitKpiChangedAsync("open-pipeline", before);
        Assert.True(DashboardPage.Parse(after) < DashboardPage.Parse(before));
        await page.Locator("[data-testid=coverage-filter-note]").WaitForAsync();

        var svg = await dash.DrawnChartAsync("chart-stages");
        await svg.Locator(".apexcharts-bar-area[j='0']").First.ClickAsync(new() { Force = true });
        await page.WaitForFunctionAsync("document.querySelector('[data-testid=drill-title]')?.textContent.includes('Identified')");
        await UrlWaits.WaitForUrlContainingAsync(page, "drill=stage");
        var stages = await page.Locator("[data-testid=stage-opportunities] tbody tr td:nth-child(3)").AllInnerTextsAsync();
        Assert.NotEmpty(stages);
        Assert.All(stages, s => Assert.Equal("Identified", s.Trim()));
        await dash.ScreenshotAsync("walk-pipeline-csm-identified");
    });

    [Fact]
    public Task Accounts_RegionFilterAndAsOfThenAccount_OpensDetail() => RunAsync(nameof(Accounts_RegionFilterAndAsOfThenAccount_OpensDetail), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.ViewerEmail, LoginPage.ViewerPassword);
        var dash = new DashboardPage(page, App.BaseUrl);
        await dash.OpenAsync("/accounts");
        var before = await dash.KpiRawAsync("mrr");

        await dash.ChooseFilterAsync("region", "APAC");
        var apac = await dash.WaitKpiChangedAsync("mrr", before);
        await dash.ChooseFilterAsync("month", "2026-06");
        await dash.WaitKpiChangedAsync("mrr", apac);
        Assert.Contains("region=APAC", page.Url, StringComparison.Ordinal);
        var regions = await page.Locator("[data-testid=accounts-grid] tbody tr td:nth-child(4)").AllInnerTextsAsync();
        Assert.All(regions, r => Assert.Equal("APAC", r.Trim()));
        await dash.ScreenshotAsync("walk-accounts-apac-june");

        var link = page.Locator("[data-testid=account-link]").First;
        var name = await link.InnerTextAsync();
        await link.ClickAsync();
        await page.WaitForUrlContainingAsync("/accounts/");
        Assert.Equal(name, await page.InnerTextAsync("[data-testid=account-name]"));
    });
}
