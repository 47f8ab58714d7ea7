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

    /// <summary>Chooses a file whose headers need mapping and waits for the mapping step.</summary>
    public async Task<ILocator> UploadForMappingAsync(string path)
    {
        await page.SetInputFilesAsync("[data-testid=import-file]", path);
        var step = page.Locator("[data-testid=mapping-step]");
        await step.WaitForAsync();
        return step;
    }

    /// <summary>The header (or "const:value") the mapping step holds for a canonical column.</summary>
    public Task<string?> MappedAsync(string column) => page.Locator($"[data-testid=mapcol-{column}]").GetAttributeAsync("data-value");

    /// <summary>The sample values shown under a column's chosen header.</summary>
    public Task<string> SamplesAsync(string column) => page.InnerTextAsync($"[data-testid=map-samples-{column}]");

    /// <summary>Gives a column one value for every row ("Constant value…" and its text box).</summary>
    public async Task SetConstantAsync(string column, string value)
    {
        await page.ClickAsync($"[data-testid=map-{column}]");
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasTextString = "Constant value" }).First.ClickAsync();
        var input = page.Locator($"input[data-testid=const-{column}], [data-testid=const-{column}] input").First;
        await input.FillAsync(value);
        await input.BlurAsync();
        await page.Locator($"[data-testid=mapcol-{column}][data-value='const:{value}']").WaitForAsync();
    }

    /// <summary>Applies the mapping and waits for the preview.</summary>
    public async Task<ILocator> ApplyMappingAsync()
    {
        await page.ClickAsync("[data-testid=apply-mapping]");
        var preview = page.Locator("[data-testid=import-preview]");
        await preview.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        return preview;
    }

    /// <summary>Clicks Commit without waiting for the outcome (the import may queue behind another).</summary>
    public Task StartCommitAsync() => page.ClickAsync("[data-testid=commit-import]");

    /// <summary>The outcome message of a commit already started.</summary>
    public async Task<string> OutcomeAsync(float timeout = 120_000)
    {
        var message = page.Locator("[data-testid=import-message]");
        await message.WaitForAsync(new LocatorWaitForOptions { Timeout = timeout });
        return await message.InnerTextAsync();
    }

    /// <summary>Waits for an import under way in the activity panel: this admin's own ("mine") or another's ("other"), in a phase.</summary>
    public async Task<ILocator> ActivityAsync(string whose, string phase, float timeout = 60_000)
    {
        var item = page.Locator($"[data-testid=import-activity-{whose}][data-phase={phase}]");
        await item.WaitForAsync(new LocatorWaitForOptions { Timeout = timeout });
        return item;
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
