using ExpansionDashboard.E2E.Infrastructure;
using ExpansionDashboard.E2E.Pages;
using Microsoft.Playwright;

namespace ExpansionDashboard.E2E.Features.Admin.ReviewLinks;

/// <summary>A meeting-room screen: an admin makes a review link in the UI, another browser opens it and sees the review only.</summary>
[Trait(Lanes.Category, Lanes.Browser)]
public sealed class ReviewLinkTests(AppServerFixture app) : BrowserTest(app)
{
    public static TheoryData<int, int> Sizes => new() { { 1280, 720 }, { 1920, 1080 } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public Task ReviewLink_CreatedByAdmin_FreshBrowserLandsOnReviewAndOverviewRefused(int width, int height) => RunAsync($"review-link-{width}x{height}", async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.AdminEmail, LoginPage.AdminPassword);
        await page.GotoAsync($"{App.BaseUrl}/admin/review-links");
        await ShellPage.WaitInteractiveAsync(page);
        var name = $"Room 3 screen {width}";
        await page.Locator("input[data-testid=new-link-name], [data-testid=new-link-name] input").First.FillAsync(name);
        await page.ClickAsync("[data-testid=new-link-save]");
        var url = (await page.Locator("[data-testid=new-link-url]").TextContentAsync())?.Trim();
        Assert.NotNull(url);
        Assert.Contains("/review/link/", url, StringComparison.Ordinal);
        await page.Locator($"[data-testid=links-table] tr[data-name='{name}']").WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppServerFixture.ArtifactsDirectory, $"admin-review-links-{width}x{height}.png") });

        // The screen: a browser of its own, with no cookie of the admin's.
        var screen = await App.NewPageAsync(width, height);
        try
        {
            await screen.GotoAsync(url);
            await screen.WaitForURLAsync($"{App.BaseUrl}/review?autoplay=30");
            await screen.Locator("[data-testid=review]").WaitForAsync();
            Assert.Equal(0, await screen.Locator("[data-testid=review-only]").CountAsync());

            var overview = await screen.GotoAsync($"{App.BaseUrl}/");
            Assert.Equal(403, overview?.Status);
            await screen.Locator("[data-testid=review-only]").WaitForAsync();
            Assert.Equal(0, await screen.Locator("[data-testid=overview], .mud-navmenu").CountAsync());
        }
        finally
        {
            await screen.Context.CloseAsync();
        }
    }, width, height);
}
