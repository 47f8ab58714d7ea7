using System.Globalization;
using System.Text.RegularExpressions;
using ExpansionDashboard.E2E.Infrastructure;
using ExpansionDashboard.E2E.Pages;
using Microsoft.Playwright;

namespace ExpansionDashboard.E2E.Features.Admin.Import;

[Trait(Lanes.Category, Lanes.Browser)]
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
        await page.Locator("[data-testid=mrr-diff-chart] .apexcharts-svg").WaitForAsync();
        await page.ClickAsync("[data-testid=mrr-diff-details] summary");
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

    [Fact]
    public Task Admin_UploadsRealInvoiceFile_SuggestionsSamplesConstantAndGroupedWarnings() => RunAsync(nameof(Admin_UploadsRealInvoiceFile_SuggestionsSamplesConstantAndGroupedWarnings), async page =>
    {
        var path = FindShared("data/real/q-invoice-lines/q_invoice_lines.csv");
        if (path is null)
        {
            Assert.Skip("../shared/data/real/q-invoice-lines/q_invoice_lines.csv is not on this machine.");
        }

        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.AdminEmail, LoginPage.AdminPassword);
        var import = new ImportPage(page, App.BaseUrl);
        await import.OpenAsync("invoice-lines");

        await import.UploadForMappingAsync(path);

        // Suggestions are pre-filled: the id (not the anonymised name, which two organisations share), the service
        // period, the amount in the line's currency with that currency — not the AUD column, which would convert twice.
        Assert.Equal("CustOrgID", await import.MappedAsync("account_id"));
        Assert.Equal("name", await import.MappedAsync("account_name"));
        Assert.Equal("ValidFrom", await import.MappedAsync("service_start"));
        Assert.Equal("ValidTo", await import.MappedAsync("service_end"));
        Assert.Equal("Amount", await import.MappedAsync("amount"));
        Assert.Equal("currency", await import.MappedAsync("currency"));
        Assert.Contains("AUD", await page.InnerTextAsync("[data-testid=mapping-hint]"), StringComparison.Ordinal);

        // Three sample values per header: under the chosen header and in the file's column list.
        Assert.Contains("5072088a-5e82-4024-b1d1-b159d7cae07c", await import.SamplesAsync("account_id"), StringComparison.Ordinal);
        var nameSamples = await page.InnerTextAsync("[data-testid='header-name'] [data-testid=samples]");
        Assert.Equal(3, nameSamples.Split('·').Length);
        Assert.Contains("Organization 33", nameSamples, StringComparison.Ordinal);

        await import.SetConstantAsync("segment", "SMB");
        var preview = await import.ApplyMappingAsync();

        Assert.Contains("segment = \"SMB\"", await page.InnerTextAsync("[data-testid=mapping-summary]"), StringComparison.Ordinal);
        var firstRows = await page.InnerTextAsync("[data-testid=first-rows]");
        Assert.Contains("SMB", firstRows, StringComparison.Ordinal);

        // Findings come grouped: fewer groups than findings, each with its count, and the full list as a CSV download.
        var warningCount = int.Parse(Regex.Match(await preview.Locator("[data-testid=import-warnings]").InnerTextAsync(), @"Download all ([\d,.\u00A0\u202F]+)").Groups[1].Value
            .Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal).Replace("\u202F", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        var groups = preview.Locator("[data-testid=import-warnings] [data-testid=issue-group]");
        var groupCount = await groups.CountAsync();
        Assert.InRange(groupCount, 1, warningCount - 1);
        var counts = new List<int>();
        for (var i = 0; i < groupCount; i++)
        {
            counts.Add(int.Parse((await groups.Nth(i).GetAttributeAsync("data-count"))!, CultureInfo.InvariantCulture));
        }

        Assert.Equal(warningCount, counts.Sum());
        Assert.True(await page.Locator("[data-testid=mixed-currencies]").IsVisibleAsync());
        Assert.True(await page.Locator("[data-testid=currency-totals] tbody tr").CountAsync() >= 6);
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=import-warnings-download]"));
        var csv = await File.ReadAllLinesAsync(await download.PathAsync());
        Assert.Equal(warningCount + 1, csv.Count(l => l.Length > 0));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppServerFixture.ArtifactsDirectory, "import-real-invoices-1920x1080.png"), FullPage = true });
    });

    [Fact]
    public Task Admin_UploadsStripeExport_PresetRecognisedAndPrefilled() => RunAsync(nameof(Admin_UploadsStripeExport_PresetRecognisedAndPrefilled), async page =>
    {
        var file = Path.Combine(Path.GetTempPath(), $"stripe-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file,
            "id,invoice_id,customer,customer_name,description,product_name,quantity,amount,amount_excluding_tax,currency,period_start,period_end,proration\n" +
            "il_1,in_1,cus_E2E1,E2E Stripe Co,10 × Core,Core Platform,10,1320.00,1200.00,usd,2026-08-01 00:00:00,2026-09-01 00:00:00,false\n");
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.AdminEmail, LoginPage.AdminPassword);
        var import = new ImportPage(page, App.BaseUrl);
        await import.OpenAsync("mrr");

        await import.UploadForMappingAsync(file);

        Assert.Contains("Recognised: Stripe invoice line items", await page.InnerTextAsync("[data-testid=preset-recognised]"), StringComparison.Ordinal);
        Assert.Contains("Invoice lines", await page.InnerTextAsync("[data-testid=kind-note]"), StringComparison.Ordinal);
        Assert.Equal("customer", await import.MappedAsync("account_id"));
        Assert.Equal("amount_excluding_tax", await import.MappedAsync("amount"));
        Assert.Equal("period_start", await import.MappedAsync("service_start"));
        File.Delete(file);
    });

    private static string? FindShared(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

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
