using System.Globalization;
using System.Text.RegularExpressions;
using ExpansionDashboard.E2E.Infrastructure;
using ExpansionDashboard.E2E.Pages;
using Microsoft.Playwright;

namespace ExpansionDashboard.E2E;

public sealed partial class ImportTests(AppServerFixture app) : BrowserTest(app)
{
    [Fact]
    public Task Admin_UploadsMrrAndOpportunities_OverviewChanges_RevertRestores() => RunAsync(nameof(Admin_UploadsMrrAndOpportunities_OverviewChanges_RevertRestores), async page =>
    {
        var month = DateTime.Now.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var quarterEnd = QuarterEnd(DateTime.Now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var folder = Directory.CreateTempSubdirectory("ed-e2e-import").FullName;
        var mrrFile = Path.Combine(folder, "mrr-upload.csv");
        var oppFile = Path.Combine(folder, "opportunities-upload.csv");
        await File.WriteAllTextAsync(mrrFile, $"account_id,month,product,mrr,account_name,segment,industry,region,csm\nE2E-1,{month},Core Platform,100000,E2E Imported Co,Enterprise,Healthcare,EMEA,Ava Thompson\n");
        await File.WriteAllTextAsync(oppFile, $"opportunity_id,account_id,name,type,stage,amount,expected_close,owner\nE2E-OPP-1,E2E-1,E2E expansion,Upsell,Proposal,5000000,{quarterEnd},Ava Thompson\n");

        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.AdminEmail, LoginPage.AdminPassword);
        var overview = new OverviewPage(page);
        var mrrBefore = await overview.KpiValueAsync("mrr");
        var coverageBefore = await overview.KpiValueAsync("coverage");

        var import = new ImportPage(page, App.BaseUrl);
        await import.OpenAsync("mrr");
        var preview = await import.UploadAsync(mrrFile);
        Assert.Contains("1 new", await page.InnerTextAsync("[data-testid=diff-new]"), StringComparison.Ordinal);
        Assert.Contains(month, await page.InnerTextAsync("[data-testid=mrr-diff]"), StringComparison.Ordinal);
        var mrrBatch = BatchId(await import.CommitAsync());

        await import.OpenAsync("opportunities");
        await import.UploadAsync(oppFile);
        Assert.Contains("1 new", await page.InnerTextAsync("[data-testid=diff-new]"), StringComparison.Ordinal);
        var oppBatch = BatchId(await import.CommitAsync());

        await page.GotoAsync(App.BaseUrl + "/");
        await ShellPage.WaitInteractiveAsync(page);
        Assert.Equal(mrrBefore + 100000m, await overview.KpiValueAsync("mrr"));
        Assert.True(await overview.KpiValueAsync("coverage") > coverageBefore);

        var admin = new AdminPage(page, App.BaseUrl);
        await admin.RevertAsync(oppBatch);
        await admin.RevertAsync(mrrBatch);

        await page.GotoAsync(App.BaseUrl + "/");
        await ShellPage.WaitInteractiveAsync(page);
        Assert.Equal(mrrBefore, await overview.KpiValueAsync("mrr"));
        Assert.Equal(coverageBefore, await overview.KpiValueAsync("coverage"));
        Directory.Delete(folder, recursive: true);
    });

    [Fact]
    public Task Admin_UploadsBadFile_SeesRowColumnReasonAndCannotCommit() => RunAsync(nameof(Admin_UploadsBadFile_SeesRowColumnReasonAndCannotCommit), async page =>
    {
        var file = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "account_id,month,product,mrr\nACC-00001,2026-13,Core Platform,12\n");
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.AdminEmail, LoginPage.AdminPassword);
        var import = new ImportPage(page, App.BaseUrl);
        await import.OpenAsync("mrr");

        await import.UploadAsync(file);

        var errors = await page.InnerTextAsync("[data-testid=import-errors]");
        Assert.Contains("month", errors, StringComparison.Ordinal);
        Assert.Contains("YYYY-MM", errors, StringComparison.Ordinal);
        Assert.True(await page.IsDisabledAsync("[data-testid=commit-import]"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppServerFixture.ArtifactsDirectory, "import-errors-1920x1080.png"), FullPage = false });
        File.Delete(file);
    });

    private static DateTime QuarterEnd(DateTime d) => new DateTime(d.Year, (d.Month - 1) / 3 * 3 + 1, 1).AddMonths(3).AddDays(-1);

    internal static long BatchId(string message)
    {
        var match = BatchPattern().Match(message);
        Assert.True(match.Success, message);
        return long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("batch #(\\d+)")]
    private static partial Regex BatchPattern();
}
