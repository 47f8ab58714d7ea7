using ExpansionDashboard.E2E.Infrastructure;
using ExpansionDashboard.E2E.Pages;
using Microsoft.Playwright;

namespace ExpansionDashboard.E2E.Features.Review;

/// <summary>The weekly review on the projector: every slide fits without scrolling at three sizes, keys move, names hide.</summary>
[Trait(Lanes.Category, Lanes.Browser)]
public sealed class ReviewTests(AppServerFixture app) : BrowserTest(app)
{
    public static TheoryData<int, int> Projectors => new() { { 1280, 720 }, { 1280, 800 }, { 1920, 1080 } };

    [Theory]
    [MemberData(nameof(Projectors))]
    public Task Review_EverySlide_FitsTheScreenWithLargeKpis(int width, int height) => RunAsync($"review-{width}x{height}", async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.ViewerEmail, LoginPage.ViewerPassword);
        var review = new ReviewPage(page, App.BaseUrl);
        await review.OpenAsync();

        var kpiPx = await page.EvaluateAsync<double>("parseFloat(getComputedStyle(document.querySelector('.review-kpi-value')).fontSize)");
        Assert.True(kpiPx >= 64, $"KPI values are {kpiPx}px at {width}x{height}");
        for (var slide = 1; slide <= 7; slide++)
        {
            if (slide == 2)
            {
                await page.Locator("[data-testid=review-chart-nrr] [data-chart-ready=true]").WaitForAsync();
            }

            var o = await review.OverflowAsync();
            Assert.True(o.All(px => px <= 1), $"slide {slide} at {width}x{height} overflows: document {o[0]}x{o[1]}px, slide {o[2]}x{o[3]}px");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppServerFixture.ArtifactsDirectory, $"review-slide{slide}-{width}x{height}.png") });
            if (slide < 7)
            {
                await review.PressAsync("ArrowRight", slide + 1);
            }
        }
    }, width, height);

    [Fact]
    public Task Review_ClickerKeys_MoveBetweenSlides_EscLeaves() => RunAsync(nameof(Review_ClickerKeys_MoveBetweenSlides_EscLeaves), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.ViewerEmail, LoginPage.ViewerPassword);
        var review = new ReviewPage(page, App.BaseUrl);
        await review.OpenAsync();
        Assert.Equal(1, await review.SlideAsync());

        await review.PressAsync("PageDown", 2);
        await review.PressAsync("ArrowRight", 3);
        await review.PressAsync("PageUp", 2);
        await review.PressAsync("ArrowLeft", 1);
        await review.PressAsync("ArrowLeft", 1);
        await review.PressAsync("End", 7);
        await review.PressAsync("ArrowRight", 7);
        await review.PressAsync("Home", 1);

        await page.Keyboard.PressAsync("Escape");
        await page.WaitForURLAsync($"{App.BaseUrl}/");
    });

    [Fact]
    public Task Review_PresenterAndPastDate_HidesNamesAndReproducesThatWeek() => RunAsync(nameof(Review_PresenterAndPastDate_HidesNamesAndReproducesThatWeek), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.ViewerEmail, LoginPage.ViewerPassword);
        var review = new ReviewPage(page, App.BaseUrl);
        await review.OpenAsync("?slide=5");
        var owners = await page.Locator("[data-testid=review-opportunities] td.person").AllInnerTextsAsync();
        Assert.Contains(owners, o => o.Trim().Length > 3 && o.Trim() != "•••");

        await page.ClickAsync("[data-testid=review-presenter]");
        await page.WaitForFunctionAsync("location.search.includes('presenter=true')");
        await page.WaitForFunctionAsync("[...document.querySelectorAll('[data-testid=review-opportunities] td.person')].every(td => td.textContent.trim() === '•••')");
        Assert.All(await page.Locator("[data-testid=slide-6] td.person").AllTextContentsAsync(), t => Assert.Equal("•••", t.Trim()));

        var past = DateTime.Now.AddMonths(-5);
        var date = past.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await review.OpenAsync($"?date={date}");
        Assert.Contains(past.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), await page.InnerTextAsync("[data-testid=slide-1] .slide-title"), StringComparison.Ordinal);
        var nrrThen = await page.GetAttributeAsync("[data-testid=review-kpi-nrr-t12m]", "data-value");
        await review.OpenAsync();
        Assert.NotEqual(nrrThen, await page.GetAttributeAsync("[data-testid=review-kpi-nrr-t12m]", "data-value"));
    });

    [Fact]
    public Task Review_AutoAdvanceAndPrint_MovesOnItsOwnAndPrintsEverySlide() => RunAsync(nameof(Review_AutoAdvanceAndPrint_MovesOnItsOwnAndPrintsEverySlide), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.ViewerEmail, LoginPage.ViewerPassword);
        var review = new ReviewPage(page, App.BaseUrl);
        await review.OpenAsync("?auto=1");
        await page.WaitForFunctionAsync("document.querySelector('[data-testid=review]').dataset.slide === '3'", null, new() { Timeout = 10000 });

        // Print: the bar disappears and every slide is laid out, one per page.
        await review.OpenAsync();
        await page.EmulateMediaAsync(new() { Media = Microsoft.Playwright.Media.Print });
        var visible = await page.EvaluateAsync<int>("[...document.querySelectorAll('.slide')].filter(s => getComputedStyle(s).visibility === 'visible' && getComputedStyle(s).position !== 'absolute').length");
        Assert.Equal(7, visible);
        Assert.Equal("none", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.review-bar')).display"));
        Assert.Equal("page", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('[data-testid=slide-1]')).breakAfter"));
        await page.PdfAsync(new() { Path = Path.Combine(AppServerFixture.ArtifactsDirectory, "review-print.pdf"), Landscape = true });
    });
}

