using Microsoft.Playwright;

namespace ExpansionDashboard.E2E.Pages;

public sealed class LoginPage(IPage page, string baseUrl)
{
    public const string AdminEmail = "admin@demo.local";
    public const string AdminPassword = "Demo-Admin-2026!";
    public const string ViewerEmail = "viewer@demo.local";
    public const string ViewerPassword = "Demo-Viewer-2026!";

    public async Task OpenAsync() => await page.GotoAsync($"{baseUrl}/Account/Login");

    public async Task SubmitAsync(string email, string password)
    {
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=login-submit]");
    }

    /// <summary>Signs in and waits for the interactive app shell.</summary>
    public async Task SignInAsync(string email, string password)
    {
        await OpenAsync();
        await SubmitAsync(email, password);
        await page.WaitForURLAsync($"{baseUrl}/");
        await ShellPage.WaitInteractiveAsync(page);
    }

    public ILocator Error => page.Locator("[data-testid=login-error]");
}

public static class ShellPage
{
    /// <summary>The layout marks itself after its first interactive render: the circuit is live from then on.</summary>
    public static Task WaitInteractiveAsync(IPage page) => page.WaitForSelectorAsync("[data-interactive=true]");

    public static ILocator NavLink(IPage page, string text) => page.Locator(".mud-navmenu a", new PageLocatorOptions { HasTextString = text });
}
