using ExpansionDashboard.E2E.Infrastructure;
using ExpansionDashboard.E2E.Pages;
using Microsoft.Playwright;

namespace ExpansionDashboard.E2E.Features.Review;

/// <summary>Bad review parameters, typed in the address bar or reached by in-app navigation: a message, never a dead circuit.</summary>
[Trait(Lanes.Category, Lanes.Browser)]
public sealed class ReviewParameterTests(AppServerFixture app) : BrowserTest(app)
{
    [Fact]
    public Task Review_BadParameterLoadedThenNavigatedInCircuit_400MessageCircuitKeepsWorking() => RunAsync(nameof(Review_BadParameterLoadedThenNavigatedInCircuit_400MessageCircuitKeepsWorking), async page =>
    {
        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.ViewerEmail, LoginPage.ViewerPassword);

        var response = await page.GotoAsync($"{App.BaseUrl}/review?date=9999-12-31");
        Assert.Equal(400, response!.Status);
        await ShellPage.WaitInteractiveAsync(page);
        Assert.Contains("date 9999-12-31 is outside", await page.InnerTextAsync("[data-testid=review-invalid]"), StringComparison.Ordinal);

        // In-app navigation sets the parameters on the live circuit: a timer period beyond what a Timer takes used to end it.
        await page.GotoAsync($"{App.BaseUrl}/review?slide=2");
        await ShellPage.WaitInteractiveAsync(page);
        await page.Locator("[data-testid=review][data-slide='2']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.EvaluateAsync("() => Blazor.navigateTo('/review?auto=2147483647')");
        await page.Locator("[data-testid=review-invalid]").WaitForAsync();
        Assert.Contains("auto '2147483647'", await page.InnerTextAsync("[data-testid=review-invalid]"), StringComparison.Ordinal);

        // A good address again: the deck is back and still answers clicks (the circuit lives).
        await page.EvaluateAsync("() => Blazor.navigateTo('/review')");
        await page.Locator("[data-testid=slide-1]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.Equal(0, await page.Locator("[data-testid=review-invalid]").CountAsync());
        var review = new ReviewPage(page, App.BaseUrl);
        var before = await review.SlideAsync();
        await page.Locator("[data-testid=review-next]").ClickAsync();
        await page.WaitForFunctionAsync($"() => document.querySelector('[data-testid=review]').dataset.slide === '{before + 1}'");
    });
}
