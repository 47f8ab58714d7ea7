using Microsoft.Playwright;

namespace ExpansionDashboard.E2E.Infrastructure;

/// <summary>Runs a browser scenario and keeps a screenshot of the page when it fails.</summary>
public abstract class BrowserTest(AppServerFixture app)
{
    protected AppServerFixture App { get; } = app;

    protected async Task RunAsync(string name, Func<IPage, Task> scenario, int width = 1920, int height = 1080, bool enforceCsp = false)
    {
        var page = await App.NewPageAsync(width, height, enforceCsp);
        try
        {
            await scenario(page);
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppServerFixture.ArtifactsDirectory, $"FAILED-{name}-{width}x{height}.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
