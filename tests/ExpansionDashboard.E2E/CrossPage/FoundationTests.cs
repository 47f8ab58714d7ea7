using ExpansionDashboard.E2E.Infrastructure;
using ExpansionDashboard.E2E.Pages;

namespace ExpansionDashboard.E2E.CrossPage;

[Trait(Lanes.Category, Lanes.Browser)]
public sealed class FoundationTests(AppServerFixture app) : BrowserTest(app)
{
    [Fact]
    public Task Overview_DemoAdmin_ShowsKpiNumbersAndDrawnCharts() => RunAsync(nameof(Overview_DemoAdmin_ShowsKpiNumbersAndDrawnCharts), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.AdminEmail, LoginPage.AdminPassword);
        var overview = new OverviewPage(page);

        foreach (var id in OverviewPage.KpiIds)
        {
            Assert.NotNull(await overview.KpiValueAsync(id));
        }

        var mrr = await overview.KpiValueAsync("mrr");
        Assert.True(mrr > 0);
        Assert.Equal(mrr * 12, await overview.KpiValueAsync("arr"));
        Assert.InRange(await overview.KpiValueAsync("nrr-t12m") ?? 0, 50m, 200m);

        // Line (area) drawn by ApexCharts, and the coverage gauge with its scale and marks.
        var line = await overview.DrawnChartAsync("chart-mrr");
        Assert.True(await line.Locator("path.apexcharts-area").CountAsync() > 0);
        var gauge = page.Locator("[data-testid=chart-coverage]");
        Assert.Equal(2, await gauge.Locator("line.gauge-mark").CountAsync());
        Assert.True(await gauge.Locator("text.gauge-label").CountAsync() >= 6);
        await overview.DrawnChartAsync("chart-nrr");
    });

    [Fact]
    public Task Cohorts_DemoAdmin_HeatmapIsDrawn() => RunAsync(nameof(Cohorts_DemoAdmin_HeatmapIsDrawn), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.AdminEmail, LoginPage.AdminPassword);
        await ShellPage.NavLink(page, "Cohorts").ClickAsync();
        await page.WaitForUrlExactAsync($"{App.BaseUrl}/cohorts");

        var table = page.Locator("[data-testid=cohort-table]");
        await table.WaitForAsync();

        Assert.True(await table.Locator("[data-testid=heat-cell]").CountAsync() > 50);
        Assert.True(await table.Locator("[data-testid=heat-cell][data-past=true]").CountAsync() > 0);

        // Drill-down: the newest cohort's first cell lists its accounts.
        await table.Locator("tbody [data-testid=cohort-row]").Last.Locator("button.heat-button").First.ClickAsync();
        var accounts = page.Locator("[data-testid=cohort-accounts]");
        await accounts.WaitForAsync();
        Assert.Contains("month 0", await accounts.InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await accounts.Locator("tbody tr").CountAsync() > 0);

        // The grain lives in the URL.
        await page.GotoAsync($"{App.BaseUrl}/cohorts?grain=year&measure=logos");
        await page.Locator("[data-testid=cohort-table]").WaitForAsync();
        Assert.Contains("logo retention", await page.InnerTextAsync(".page-body"), StringComparison.Ordinal);
    });

    [Fact]
    public Task Anonymous_OpensPage_IsSentToSignIn() => RunAsync(nameof(Anonymous_OpensPage_IsSentToSignIn), async page =>
    {
        await page.GotoAsync($"{App.BaseUrl}/pipeline");

        await page.WaitForURLAsync(url => url.Contains("/Account/Login", StringComparison.Ordinal));
        Assert.Contains("ReturnUrl=%2Fpipeline", page.Url, StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("#email").CountAsync());
    });

    [Fact]
    public Task SignIn_AfterRedirect_ReturnsToRequestedPage() => RunAsync(nameof(SignIn_AfterRedirect_ReturnsToRequestedPage), async page =>
    {
        await page.GotoAsync($"{App.BaseUrl}/pipeline");
        await page.WaitForURLAsync(url => url.Contains("/Account/Login", StringComparison.Ordinal));

        await new LoginPage(page, App.BaseUrl).SubmitAsync(LoginPage.ViewerEmail, LoginPage.ViewerPassword);

        await page.WaitForURLAsync($"{App.BaseUrl}/pipeline");
        await ShellPage.WaitInteractiveAsync(page);
    });

    [Fact]
    public Task Viewer_OpensAdminPage_IsDenied() => RunAsync(nameof(Viewer_OpensAdminPage_IsDenied), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.ViewerEmail, LoginPage.ViewerPassword);
        Assert.Equal(0, await ShellPage.NavLink(page, "Admin").CountAsync());

        foreach (var path in new[] { "/admin", "/admin/import", "/admin/edit" })
        {
            await page.GotoAsync($"{App.BaseUrl}{path}");

            await page.Locator("[data-testid=access-denied]").WaitForAsync();
            Assert.Equal(0, await page.Locator("[data-testid=store-summary], [data-testid=import-file], [data-testid=save-target]").CountAsync());
        }
    });

    [Fact]
    public Task Admin_OpensAdminPage_SeesStoreSummary() => RunAsync(nameof(Admin_OpensAdminPage_SeesStoreSummary), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.AdminEmail, LoginPage.AdminPassword);
        await ShellPage.NavLink(page, "Admin").ClickAsync();

        var summary = page.Locator("[data-testid=store-summary]");
        await summary.WaitForAsync();
        Assert.Contains("2,000", await summary.InnerTextAsync(), StringComparison.Ordinal);
    });

    [Fact]
    public Task SignIn_WrongPassword_ShowsErrorAndStaysOnSignIn() => RunAsync(nameof(SignIn_WrongPassword_ShowsErrorAndStaysOnSignIn), async page =>
    {
        var login = new LoginPage(page, App.BaseUrl);
        await login.OpenAsync();

        await login.SubmitAsync(LoginPage.ViewerEmail, "not-the-password");

        await login.Error.WaitForAsync();
        Assert.Contains("not correct", await login.Error.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("/Account/Login", page.Url, StringComparison.Ordinal);
    });

    [Fact]
    public Task SignOut_FromShell_EndsSession() => RunAsync(nameof(SignOut_FromShell_EndsSession), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.ViewerEmail, LoginPage.ViewerPassword);

        await page.ClickAsync("[data-testid=sign-out]");
        await page.WaitForURLAsync(url => url.Contains("/Account/Login", StringComparison.Ordinal));
        await page.GotoAsync($"{App.BaseUrl}/");

        await page.WaitForURLAsync(url => url.Contains("/Account/Login", StringComparison.Ordinal));
    });
}
