using ExpansionDashboard.E2E.Infrastructure;
using ExpansionDashboard.E2E.Pages;
using Microsoft.Playwright;

namespace ExpansionDashboard.E2E.Features.Review;

/// <summary>
/// The weekly review on the projector: every slide readable from the back of the room and filling the screen at the
/// projector sizes, the slide in the URL, keys, autoplay, names hidden, saved reviews reopened exactly, print one slide a page.
/// </summary>
[Trait(Lanes.Category, Lanes.Browser)]
public sealed class ReviewTests(AppServerFixture app) : BrowserTest(app)
{
    public static TheoryData<int, int> Projectors => new() { { 1280, 720 }, { 1280, 800 }, { 1920, 1080 } };

    [Theory]
    [MemberData(nameof(Projectors))]
    public Task Review_EverySlide_ReadableFromTheBackAndFillsTheScreen(int width, int height) => RunAsync($"review-{width}x{height}", async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.ViewerEmail, LoginPage.ViewerPassword);
        var review = new ReviewPage(page, App.BaseUrl);
        await review.OpenAsync();

        var kpiPx = await page.EvaluateAsync<double>("parseFloat(getComputedStyle(document.querySelector('.review-kpi-value')).fontSize)");
        Assert.True(kpiPx >= 64, $"KPI values are {kpiPx}px at {width}x{height}");
        var slides = await page.EvaluateAsync<int>("+document.querySelector('[data-testid=review]').dataset.slides");
        Assert.True(slides >= 7, $"{slides} slides");
        var chartTexts = 0;
        for (var slide = 1; slide <= slides; slide++)
        {
            var o = await review.OverflowAsync();
            Assert.True(o.All(px => px <= 1), $"slide {slide} at {width}x{height} overflows: document {o[0]}x{o[1]}px, slide {o[2]}x{o[3]}px");
            var r = await review.ReadAsync();
            chartTexts += r.ChartTexts;
            Assert.True(r.MinChartPx >= 18 && r.MinChartDrawnPx >= 18, $"slide {slide} at {width}x{height}: chart text {r.MinChartPx}px, drawn at {r.MinChartDrawnPx:0.0}px");
            Assert.True(r.MinTablePx >= 20, $"slide {slide} at {width}x{height}: table text {r.MinTablePx}px");
            Assert.Equal(0, r.Links);
            Assert.True(r.KeysVisible, $"slide {slide} at {width}x{height}: the key hint is not on screen");
            Assert.True(r.Filled >= 0.75, $"slide {slide} at {width}x{height}: content reaches only {r.Filled:P0} of the slide");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppServerFixture.ArtifactsDirectory, $"review-slide{slide}-{width}x{height}.png") });
            if (slide < slides)
            {
                await review.PressAsync("ArrowRight", slide + 1);
            }
        }

        Assert.True(chartTexts >= 8, $"only {chartTexts} chart texts measured");
    }, width, height);

    [Fact]
    public Task Review_SlideOne_ThreeNumbersWithTheirOwnPeriods() => RunAsync(nameof(Review_SlideOne_ThreeNumbersWithTheirOwnPeriods), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.ViewerEmail, LoginPage.ViewerPassword);
        var review = new ReviewPage(page, App.BaseUrl);
        await review.OpenAsync();

        var slide = page.Locator("[data-testid=slide-1]");
        Assert.NotEmpty(await slide.Locator("[data-testid=review-kpi-nrr-t12m] .sev").AllAsync());
        Assert.Contains("vs last month", await slide.Locator("[data-testid=review-kpi-nrr-t12m]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("vs last week", await slide.Locator("[data-testid=review-kpi-coverage]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("vs last week", await slide.Locator("[data-testid=review-kpi-expansion-rate-by-segment]").InnerTextAsync(), StringComparison.Ordinal);

        // The expansion rate is shown per segment against the 2–4 % band, not as one company figure.
        var segments = await slide.Locator("[data-testid^=review-segment-rate-]").CountAsync();
        Assert.True(segments >= 2, $"{segments} segment rates on slide 1");
        Assert.Contains("2–4 %", await slide.Locator("[data-testid=review-kpi-expansion-rate-by-segment]").InnerTextAsync(), StringComparison.Ordinal);

        // Good, watch and alert differ in colour, shape and word.
        var looks = await page.EvaluateAsync<string[]>("""
            ['good', 'watch', 'alert'].map(s => {
              const el = document.createElement('span'); el.className = 'sev sev-' + s; document.querySelector('.review').appendChild(el);
              const c = getComputedStyle(el).backgroundColor; el.remove(); return c; })
            """);
        Assert.Equal(3, looks.Distinct().Count());
    });

    [Fact]
    public Task Review_SlideInTheUrl_KeysReplaceItAndReloadStays() => RunAsync(nameof(Review_SlideInTheUrl_KeysReplaceItAndReloadStays), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.ViewerEmail, LoginPage.ViewerPassword);
        var review = new ReviewPage(page, App.BaseUrl);
        await review.OpenAsync("?slide=3");
        Assert.Equal(3, await review.SlideAsync());
        var history = await page.EvaluateAsync<int>("history.length");

        await review.PressAsync("ArrowRight", 4);
        await page.WaitForFunctionAsync("new URLSearchParams(location.search).get('slide') === '4'");
        await review.PressAsync(" ", 5);
        await review.PressAsync("PageUp", 4);
        await page.WaitForFunctionAsync("new URLSearchParams(location.search).get('slide') === '4'");
        Assert.Equal(history, await page.EvaluateAsync<int>("history.length"));

        await page.ReloadAsync();
        await ShellPage.WaitInteractiveAsync(page);
        Assert.Equal(4, await review.SlideAsync());
        Assert.True(await page.Locator("[data-testid=slide-4] [data-testid=review-keys]").IsVisibleAsync());
        Assert.Contains("last refreshed", await page.Locator("[data-testid=slide-4] [data-testid=review-asof]").InnerTextAsync(), StringComparison.Ordinal);
    });

    [Fact]
    public Task Review_ClickerKeys_MoveBetweenSlides_EscLeaves() => RunAsync(nameof(Review_ClickerKeys_MoveBetweenSlides_EscLeaves), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.ViewerEmail, LoginPage.ViewerPassword);
        var review = new ReviewPage(page, App.BaseUrl);
        await review.OpenAsync();
        Assert.Equal(1, await review.SlideAsync());
        var last = await page.EvaluateAsync<int>("+document.querySelector('[data-testid=review]').dataset.slides");

        await review.PressAsync("PageDown", 2);
        await review.PressAsync("ArrowRight", 3);
        await review.PressAsync("PageUp", 2);
        await review.PressAsync("ArrowLeft", 1);
        await review.PressAsync("ArrowLeft", 1);
        await review.PressAsync("End", last);
        await review.PressAsync("ArrowRight", last);
        await review.PressAsync("Home", 1);

        await page.Keyboard.PressAsync("Escape");
        await page.WaitForUrlExactAsync($"{App.BaseUrl}/");
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
    public Task Review_AutoplayAndPrint_LoopsOnItsOwnAndPrintsOneSlideAPage() => RunAsync(nameof(Review_AutoplayAndPrint_LoopsOnItsOwnAndPrintsOneSlideAPage), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.ViewerEmail, LoginPage.ViewerPassword);
        var review = new ReviewPage(page, App.BaseUrl);
        await review.OpenAsync("?autoplay=1");
        await page.WaitForFunctionAsync("document.querySelector('[data-testid=review]').dataset.slide === '3'", null, new() { Timeout = 10000 });
        await page.WaitForFunctionAsync("new URLSearchParams(location.search).get('slide') === '3' || new URLSearchParams(location.search).get('slide') === '4'");
        // It loops: past the last slide it starts again.
        await page.WaitForFunctionAsync("document.querySelector('[data-testid=review]').dataset.slide === '1'", null, new() { Timeout = 15000 });

        await review.OpenAsync("?autoplay");
        Assert.Equal("30", await page.GetAttributeAsync("[data-testid=review]", "data-autoplay"));

        // Print: the bar disappears and every slide is laid out, one per page.
        await review.OpenAsync();
        var slides = await page.EvaluateAsync<int>("+document.querySelector('[data-testid=review]').dataset.slides");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        var visible = await page.EvaluateAsync<int>("[...document.querySelectorAll('.slide')].filter(s => getComputedStyle(s).visibility === 'visible' && getComputedStyle(s).position !== 'absolute').length");
        Assert.Equal(slides, visible);
        Assert.Equal("none", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.review-bar')).display"));
        Assert.Equal("page", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('[data-testid=slide-1]')).breakAfter"));
        await page.PdfAsync(new() { Path = Path.Combine(AppServerFixture.ArtifactsDirectory, "review-print.pdf"), Landscape = true });
    });

    [Fact]
    public Task Review_SaveReopenCompareExport_AdminFreezesTheWeek() => RunAsync(nameof(Review_SaveReopenCompareExport_AdminFreezesTheWeek), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.AdminEmail, LoginPage.AdminPassword);
        var review = new ReviewPage(page, App.BaseUrl);
        await review.OpenAsync();
        var live = await page.InnerTextAsync("[data-testid=slide-1] .slide-body");

        await page.ClickAsync("[data-testid=review-save]");
        var message = page.Locator("[data-testid=review-message]");
        await message.WaitForAsync();
        var id = System.Text.RegularExpressions.Regex.Match(await message.InnerTextAsync(), @"review (\d+)").Groups[1].Value;
        Assert.NotEmpty(id);

        // Reopened exactly as shown, slide for slide.
        await review.OpenAsync($"?saved={id}");
        Assert.Equal(id, await page.GetAttributeAsync("[data-testid=review]", "data-saved"));
        Assert.Equal(live, await page.InnerTextAsync("[data-testid=slide-1] .slide-body"));
        Assert.Contains("saved review", await page.InnerTextAsync("[data-testid=slide-1] [data-testid=review-asof]"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("[data-testid=review-save]").CountAsync());
        Assert.True(await page.Locator($"[data-testid=review-saved] option[value='{id}']").CountAsync() == 1);

        // This week beside the saved one: one row per headline figure with its change.
        await review.OpenAsync($"?compare={id}");
        var rows = await page.Locator("[data-testid=review-compare] tbody tr").AllInnerTextsAsync();
        Assert.Contains(rows, r => r.Contains("Net revenue retention", StringComparison.Ordinal) && r.Contains('='));
        Assert.Contains(rows, r => r.Contains("Expansion rate", StringComparison.Ordinal));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppServerFixture.ArtifactsDirectory, "review-compare-1280x720.png") });

        // The PowerPoint file of the saved review, with the chart the browser drew.
        await review.OpenAsync($"?saved={id}");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=review-export]"));
        Assert.EndsWith($"-saved-{id}.pptx", download.SuggestedFilename, StringComparison.Ordinal);
        var path = Path.Combine(AppServerFixture.ArtifactsDirectory, download.SuggestedFilename);
        await download.SaveAsAsync(path);
        using var zip = System.IO.Compression.ZipFile.OpenRead(path);
        Assert.Contains(zip.Entries, e => e.FullName.StartsWith("ppt/media/", StringComparison.Ordinal) && e.Length > 5000);
        Assert.True(zip.Entries.Count(e => e.FullName.StartsWith("ppt/slides/slide", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)) >= 7);
    }, 1280, 720);

    [Fact]
    public Task Review_Viewer_CannotSave() => RunAsync(nameof(Review_Viewer_CannotSave), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.ViewerEmail, LoginPage.ViewerPassword);
        var review = new ReviewPage(page, App.BaseUrl);
        await review.OpenAsync();
        Assert.Equal(0, await page.Locator("[data-testid=review-save]").CountAsync());
        Assert.Equal(1, await page.Locator("[data-testid=review-export]").CountAsync());
    });
}
