using Microsoft.Playwright;

namespace ExpansionDashboard.E2E.Pages;

/// <summary>The weekly review deck: the current slide, keys, and fit measurements.</summary>
public sealed class ReviewPage(IPage page, string baseUrl)
{
    public async Task OpenAsync(string query = "")
    {
        await page.GotoAsync($"{baseUrl}/review{query}");
        await ShellPage.WaitInteractiveAsync(page);
        await page.Locator("[data-testid=slide-1]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    public async Task<int> SlideAsync() => int.Parse(await page.GetAttributeAsync("[data-testid=review]", "data-slide") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Presses a key and waits until the deck shows <paramref name="expected"/>.</summary>
    public async Task PressAsync(string key, int expected)
    {
        await page.Keyboard.PressAsync(key);
        await page.WaitForFunctionAsync($"document.querySelector('[data-testid=review]').dataset.slide === '{expected}'");
    }

    /// <summary>Document overflow (scrollbars) and the current slide's own overflow (clipped content), in pixels.</summary>
    public Task<int[]> OverflowAsync() => page.EvaluateAsync<int[]>("""
        (() => {
          const d = document.documentElement;
          const s = document.querySelector('.slide.current');
          return [d.scrollHeight - window.innerHeight, d.scrollWidth - window.innerWidth, s.scrollHeight - s.clientHeight, s.scrollWidth - s.clientWidth];
        })()
        """);
}
