using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using ExpansionDashboard.E2E.Infrastructure;
using ExpansionDashboard.E2E.Pages;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace ExpansionDashboard.E2E.Features.Admin.Import;

/// <summary>
/// A big import sent through the API shows on an admin's import page with its rows, rate and time left; the admin's
/// own commit then waits visibly behind its batch and goes through after it. On an app and database of its own, so the
/// shared demo book stays as it was.
/// </summary>
[Trait(Lanes.Category, Lanes.Browser)]
public sealed class ImportProgressTests(AppServerFixture app) : BrowserTest(app)
{
    private const string ApiKey = "import-progress-admin-key-0123456789";

    private static readonly (int Width, int Height)[] Sizes = [(1920, 1080), (1280, 720)];

    private const int BigRows = 1_500_000;

    /// <summary>Accounts P00000… × months of one product, <paramref name="rows"/> mrr rows.</summary>
    private static byte[] MrrRows(int rows)
    {
        var text = new StringBuilder("account_id,month,product,mrr,seats,plan\n", rows * 40);
        for (var i = 0; i < rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"P{i % 20_000:00000},{2020 + (i / 20_000 / 12)}-{(i / 20_000 % 12) + 1:00},Core,{100 + (i % 7)}.00,1,Plus\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <param name="shown">Scrolled into view at each size (a resize keeps the old scroll offset).</param>
    private static async Task ShootAsync(IPage page, string name, ILocator? shown = null)
    {
        foreach (var (width, height) in Sizes)
        {
            await page.SetViewportSizeAsync(width, height);
            if (shown is not null)
            {
                await shown.ScrollIntoViewIfNeededAsync();
            }

            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppServerFixture.ArtifactsDirectory, $"{name}-{width}x{height}.png") });
        }
    }

    [Fact]
    public async Task ImportPage_BigApiImportRunning_ShowsRowsRateTimeLeft_OwnCommitQueuedBehindItsBatch()
    {
        var folder = Directory.CreateTempSubdirectory("ed-e2e-progress").FullName;
        await using (var own = new KestrelApp(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Dashboard"] = $"Data Source={Path.Combine(folder, "dashboard.db")}",
            ["Dashboard:DemoData"] = "true",
            ["Dashboard:BootstrapApiKey"] = ApiKey,
            ["Dashboard:Alerts:CheckSeconds"] = "3600",
        }))
        {
            var baseUrl = own.Start();
            var small = Path.Combine(folder, "small-mrr.csv");
            await File.WriteAllTextAsync(small, "account_id,month,product,mrr,seats,plan\nQ1,2026-01,Core,500.00,5,Plus\n", TestContext.Current.CancellationToken);
            var page = await App.NewPageAsync();
            try
            {
                await new LoginPage(page, baseUrl).SignInAsync(LoginPage.AdminEmail, LoginPage.AdminPassword);
                var import = new ImportPage(page, baseUrl);
                await import.OpenAsync("mrr");
                await import.UploadAsync(small);

                using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
                http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
                // Big enough that its write is still running when the admin's own commit comes: a 400,000-row import
                // finished its writes before the screenshots and the click, once inserts were bound through SQLite's API.
                var file = new ByteArrayContent(MrrRows(BigRows));
                file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
                using var form = new MultipartFormDataContent { { file, "file", "big-mrr.csv" } };
                var big = http.PostAsync("/api/imports/mrr", form, TestContext.Current.CancellationToken);

                // Someone else's import, on this admin's page without a reload: the batch, the rows, the rate and the time left.
                var other = await import.ActivityAsync("other", "Writing");
                await page.Locator("[data-testid=import-activity-other] [data-testid=import-activity-phase]", new() { HasTextRegex = new("Writing batch #\\d+") }).WaitForAsync();
                await page.Locator("[data-testid=import-activity-other] [data-testid=import-activity-stats]", new() { HasTextRegex = new("of 1,500,000 rows · [\\d,]+ rows/s · (about \\d+ (s|min)|less than a second) left") })
                    .WaitForAsync();
                var bar = other.Locator("[role=progressbar]");
                Assert.NotNull(await bar.GetAttributeAsync("aria-valuenow"));
                Assert.Equal("polite", await other.Locator("[role=status]").GetAttributeAsync("aria-live"));
                var batch = (await other.Locator("[data-testid=import-activity-phase]").InnerTextAsync()).Split('#')[1];
                await ShootAsync(page, "import-progress-running");

                // The admin's own commit waits behind that batch, with an indeterminate bar, and says so.
                await import.StartCommitAsync();
                var mine = await import.ActivityAsync("mine", "Waiting");
                Assert.Equal($"Queued behind batch {batch} (big-mrr.csv by bootstrap-api-key)",
                    await mine.Locator("[data-testid=import-activity-queued]").InnerTextAsync());
                Assert.Equal("true", await mine.Locator("[role=progressbar]").GetAttributeAsync("aria-busy"));
                var commitBar = page.Locator("[data-testid=commit-progress]", new() { HasTextString = $"Queued behind batch {batch}" });
                await commitBar.WaitForAsync();
                await ShootAsync(page, "import-progress-queued-commit", commitBar);

                // From the top, as the admin scrolls back: their own queued import first, the running one under it.
                await ShootAsync(page, "import-progress-queued", page.Locator("h1"));

                using var response = await big;
                Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
                var outcome = await import.OutcomeAsync();
                Assert.Contains("Imported small-mrr.csv as batch #", outcome, StringComparison.Ordinal);
                Assert.True(long.Parse(outcome.Split('#')[1].Split(':')[0], CultureInfo.InvariantCulture) > long.Parse(batch, CultureInfo.InvariantCulture));
                await page.Locator("[data-testid=import-activity]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
            }
            catch
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppServerFixture.ArtifactsDirectory, "FAILED-ImportProgress.png"), FullPage = true });
                throw;
            }
            finally
            {
                await page.Context.CloseAsync();
            }
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
