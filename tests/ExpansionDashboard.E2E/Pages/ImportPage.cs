using Microsoft.Playwright;

namespace ExpansionDashboard.E2E.Pages;

public sealed class ImportPage(IPage page, string baseUrl)
{
    public async Task OpenAsync(string kind)
    {
        await page.GotoAsync($"{baseUrl}/admin/import?kind={kind}");
        await ShellPage.WaitInteractiveAsync(page);
    }

    /// <summary>Chooses the file and waits for the preview.</summary>
    public async Task<ILocator> UploadAsync(string path)
    {
        await page.SetInputFilesAsync("[data-testid=import-file]", path);
        var preview = page.Locator("[data-testid=import-preview]");
        await preview.WaitForAsync();
        return preview;
    }

    public async Task<string> CommitAsync()
    {
        await page.ClickAsync("[data-testid=commit-import]");
        var message = page.Locator("[data-testid=import-message]");
        await message.WaitForAsync();
        return await message.InnerTextAsync();
    }
}

public sealed class AdminPage(IPage page, string baseUrl)
{
    public async Task RevertAsync(long batchId)
    {
        await page.GotoAsync($"{baseUrl}/admin");
        await ShellPage.WaitInteractiveAsync(page);
        await page.ClickAsync($"[data-testid=revert-{batchId}]");
        await page.Locator(".mud-dialog button", new PageLocatorOptions { HasTextString = "Revert" }).ClickAsync();
        await page.Locator($"[data-testid=batch-{batchId}]", new PageLocatorOptions { HasTextString = "Reverted" }).WaitForAsync();
    }
}
