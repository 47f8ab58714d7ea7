using System.Globalization;
using Microsoft.Playwright;

namespace ExpansionDashboard.E2E.Pages;

/// <summary>The what-if coverage planner: its sliders (moved with the keyboard, as a user can), results and saved scenarios.</summary>
public sealed class PlannerPage(IPage page, string baseUrl)
{
    public async Task OpenAsync(string query = "")
    {
        await page.GotoAsync($"{baseUrl}/pipeline/planner{query}");
        await ShellPage.WaitInteractiveAsync(page);
        await page.Locator("[data-testid=plan-result]").WaitForAsync();
    }

    public ILocator Slider(string id) => page.Locator($"[data-testid={id}] input[type=range], input[type=range][data-testid={id}]").First;

    /// <summary>Focuses a slider and presses a key on it (arrows, Home, End, PageUp/PageDown).</summary>
    public async Task PressOnSliderAsync(string id, string key)
    {
        await Slider(id).FocusAsync();
        await page.Keyboard.PressAsync(key);
    }

    public async Task<string> RawAsync(string id) => await page.GetAttributeAsync($"[data-testid={id}]", "data-value") ?? "";

    public async Task<string> BandAsync() => await page.GetAttributeAsync("[data-testid=plan-result]", "data-band") ?? "";

    /// <summary>Waits until the value shown under <paramref name="id"/> differs from <paramref name="before"/>.</summary>
    public async Task<string> WaitChangedAsync(string id, string before)
    {
        await page.WaitForFunctionAsync(
            "([id, before]) => { const e = document.querySelector(`[data-testid=${id}]`); return e && e.dataset.value !== before; }",
            new object[] { id, before });
        return await RawAsync(id);
    }

    public static decimal Parse(string raw) => decimal.Parse(raw, CultureInfo.InvariantCulture);

    public async Task SaveScenarioAsync(string name)
    {
        await page.FillAsync("input[data-testid=scenario-name], [data-testid=scenario-name] input", name);
        await page.ClickAsync("[data-testid=scenario-save]");
        await page.Locator("[data-testid=scenario-row]", new() { HasTextString = name }).WaitForAsync();
    }

    public async Task DeleteScenarioAsync(string name)
    {
        await page.Locator("[data-testid=scenario-row]", new() { HasTextString = name }).Locator("[data-testid=scenario-delete]").ClickAsync();
        await page.Locator("[data-testid=scenario-row]", new() { HasTextString = name }).WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }
}
