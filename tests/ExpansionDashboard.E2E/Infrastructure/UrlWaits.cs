using Microsoft.Playwright;

namespace ExpansionDashboard.E2E.Infrastructure;

/// <summary>Waits for the address bar after an in-circuit navigation (Blazor's history.pushState/replaceState).</summary>
public static class UrlWaits
{
    /// <summary>
    /// Polls <c>location.href</c> until it contains <paramref name="text"/>. Playwright's WaitForURL waits for a
    /// navigation event, and on a loaded 2-core CI machine it missed a same-document URL change that had happened
    /// (the page showed the new state); polling the address cannot miss it. Generous, since the circuit's round trip
    /// can take a while there.
    /// </summary>
    public static Task WaitForUrlContainingAsync(this IPage page, string text, float timeoutMs = 45_000) =>
        page.WaitForFunctionAsync(
            "t => decodeURIComponent(location.href.replace(/\\+/g, '%20')).includes(t)",
            Uri.UnescapeDataString(text),
            new PageWaitForFunctionOptions { Timeout = timeoutMs, PollingInterval = 100 });

    /// <summary>Polls <c>location.href</c> until it no longer contains <paramref name="text"/> (see <see cref="WaitForUrlContainingAsync"/>).</summary>
    public static Task WaitForUrlNotContainingAsync(this IPage page, string text, float timeoutMs = 45_000) =>
        page.WaitForFunctionAsync(
            "t => !decodeURIComponent(location.href.replace(/\\+/g, '%20')).includes(t)",
            Uri.UnescapeDataString(text),
            new PageWaitForFunctionOptions { Timeout = timeoutMs, PollingInterval = 100 });

    /// <summary>Polls <c>location.href</c> until it is exactly <paramref name="url"/> (see <see cref="WaitForUrlContainingAsync"/>).</summary>
    public static Task WaitForUrlExactAsync(this IPage page, string url, float timeoutMs = 45_000) =>
        page.WaitForFunctionAsync(
            "u => location.href === u",
            url,
            new PageWaitForFunctionOptions { Timeout = timeoutMs, PollingInterval = 100 });
}
