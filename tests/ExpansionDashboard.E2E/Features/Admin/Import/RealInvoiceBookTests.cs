using ExpansionDashboard.E2E.Infrastructure;
using ExpansionDashboard.E2E.Pages;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace ExpansionDashboard.E2E.Features.Admin.Import;

/// <summary>
/// A second app for real data: no demo, AUD as the reporting currency, a bootstrap admin. The anonymised real
/// invoice history goes through the import form as a new user would, and the Overview must show the figures of the
/// worked example in docs/metrics.md.
/// </summary>
public sealed class RealBookServer : IAsyncLifetime
{
    public const string AdminEmail = "owner@real.local";
    public const string AdminPassword = "Real-Book-Admin-2026!";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ed-e2e-real", Guid.NewGuid().ToString("N"));
    private KestrelApp? _factory;

    public string BaseUrl { get; private set; } = "";

    public string Folder => _folder;

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _factory = new KestrelApp(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Dashboard"] = $"Data Source={Path.Combine(_folder, "real.db")}",
            ["Dashboard:DemoData"] = "false",
            ["Dashboard:Currency"] = "AUD",
            ["Dashboard:Culture"] = "en-AU",
            ["Dashboard:BootstrapAdmin:Email"] = AdminEmail,
            ["Dashboard:BootstrapAdmin:Password"] = AdminPassword,
        });
        BaseUrl = _factory.Start();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}

[Trait(Lanes.Category, Lanes.Browser)]
public sealed class RealInvoiceBookTests(AppServerFixture app, RealBookServer server) : BrowserTest(app), IClassFixture<RealBookServer>
{
    private const string Rates = "month,currency,rate\n2008-01,USD,1.351351\n2008-01,GBP,1.923077\n2008-01,EUR,1.515152\n2008-01,NZD,0.952381\n2008-01,CNY,0.206612\n";

    private static string? InvoiceFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "real", "q-invoice-lines", "q_invoice_lines.csv");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    [Fact]
    public async Task RealInvoiceFile_ThroughTheFormInAud_OverviewAt201606MatchesTheWorkedExample()
    {
        var invoices = InvoiceFile();
        if (invoices is null)
        {
            Assert.Skip("../shared/data/real/q-invoice-lines/q_invoice_lines.csv is not on this machine.");
        }

        var rates = Path.Combine(server.Folder, "fx-rates.csv");
        await File.WriteAllTextAsync(rates, Rates, TestContext.Current.CancellationToken);

        await RunAsync("real-invoice-book", async page =>
        {
            var login = new LoginPage(page, server.BaseUrl);
            await login.SignInAsync(RealBookServer.AdminEmail, RealBookServer.AdminPassword);

            // The rates first: the file has the kind's own headers, so it goes straight to the preview.
            await page.GotoAsync($"{server.BaseUrl}/admin/import?kind=fx-rates");
            await ShellPage.WaitInteractiveAsync(page);
            await page.SetInputFilesAsync("[data-testid=import-file]", rates);
            await page.Locator("[data-testid=import-preview]").WaitForAsync();
            await page.ClickAsync("[data-testid=commit-import]");
            await Assertions.Expect(page.Locator("[data-testid=import-message]")).ToContainTextAsync("5");

            // The billing export: its headers differ, so the mapping step opens with suggestions pre-filled.
            await page.GotoAsync($"{server.BaseUrl}/admin/import?kind=invoice-lines");
            await ShellPage.WaitInteractiveAsync(page);
            await page.SetInputFilesAsync("[data-testid=import-file]", invoices);
            await page.Locator("[data-testid=mapping-step]").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
            foreach (var (column, header) in new[] { ("account_id", "CustOrgID"), ("account_name", "name"), ("service_start", "ValidFrom"), ("service_end", "ValidTo"), ("amount", "Amount"), ("currency", "currency") })
            {
                Assert.Equal(header, await page.Locator($"[data-testid=mapcol-{column}]").GetAttributeAsync("data-value"));
            }

            await page.ClickAsync("[data-testid=apply-mapping]");
            var preview = page.Locator("[data-testid=import-preview]");
            await preview.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
            await Assertions.Expect(page.Locator("[data-testid=currency-totals]")).ToContainTextAsync("GBP");
            await Assertions.Expect(page.Locator("[data-testid=mixed-currencies]")).ToBeVisibleAsync();
            await page.ClickAsync("[data-testid=commit-import]");
            await Assertions.Expect(page.Locator("[data-testid=import-message]")).ToContainTextAsync("24,787 new", new LocatorAssertionsToContainTextOptions { Timeout = 120_000 });

            // Latest is the horizon (June 2016), not the end of the longest prepaid period.
            await page.GotoAsync($"{server.BaseUrl}/");
            await ShellPage.WaitInteractiveAsync(page);
            var overview = new OverviewPage(page);
            await overview.Kpi("mrr").WaitForAsync();
            Assert.Equal(338200.20m, Math.Round((await overview.KpiValueAsync("mrr"))!.Value, 2));
            Assert.Equal(4058402.43m, Math.Round((await overview.KpiValueAsync("arr"))!.Value, 2));
            Assert.Equal(93.61m, Math.Round((await overview.KpiValueAsync("nrr-t12m"))!.Value, 2));
            Assert.Equal(68.90m, Math.Round((await overview.KpiValueAsync("grr-t12m"))!.Value, 2));
            await Assertions.Expect(overview.Kpi("mrr")).ToContainTextAsync("A$");
            await Assertions.Expect(overview.Kpi("mrr")).ToContainTextAsync("2016-06");
            await Assertions.Expect(overview.Kpi("coverage")).ToContainTextAsync("2016-Q2");
            await Assertions.Expect(overview.Kpi("coverage")).ToContainTextAsync("No target");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppServerFixture.ArtifactsDirectory, "real-book-overview-1920x1080.png"), FullPage = true });

            // The as-of picker offers no month after the horizon.
            await page.ClickAsync("[data-testid=filter-month]");
            var items = page.Locator(".mud-popover-open .mud-list-item");
            await items.First.WaitForAsync();
            var months = await items.AllInnerTextsAsync();
            Assert.Equal("2016-06", months[0].Trim());
            Assert.DoesNotContain(months, m => string.CompareOrdinal(m.Trim(), "2016-06") > 0);

            // Admin shows the horizon and the import that set it.
            await page.GotoAsync($"{server.BaseUrl}/admin");
            await ShellPage.WaitInteractiveAsync(page);
            await Assertions.Expect(page.Locator("[data-testid=store-horizon]")).ToHaveTextAsync("2016-06");
            await Assertions.Expect(page.Locator("[data-testid=store-horizon-source]")).ToContainTextAsync("q_invoice_lines.csv");
        });
    }
}
