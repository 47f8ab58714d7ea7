using System.Globalization;
using ExpansionDashboard.E2E.Infrastructure;
using ExpansionDashboard.E2E.Pages;
using Microsoft.Playwright;

namespace ExpansionDashboard.E2E.Hosting;

/// <summary>Twenty browser sessions keep loading the Overview while an import commits: no errors, never half a batch.</summary>
[Trait(Lanes.Category, Lanes.Browser)]
public sealed class ConcurrentBrowserTests(AppServerFixture app) : BrowserTest(app)
{
    [Fact]
    public Task TwentyBrowserSessions_ReloadingWhileAnImportCommits_SeeBeforeOrAfterOnly() => RunAsync(nameof(TwentyBrowserSessions_ReloadingWhileAnImportCommits_SeeBeforeOrAfterOnly), async admin =>
    {
        await new LoginPage(admin, App.BaseUrl).SignInAsync(LoginPage.AdminEmail, LoginPage.AdminPassword);
        var month = DateTime.Now.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var before = await new DashboardPage(admin, App.BaseUrl).KpiRawAsync("mrr");

        // Twenty sessions (own cookies each), signed in as the Viewer, each on the Overview.
        var sessions = new List<IPage>();
        for (var i = 0; i < 20; i++)
        {
            var page = await App.NewPageAsync(1280, 720);
            await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.ViewerEmail, LoginPage.ViewerPassword);
            sessions.Add(page);
        }

        await Task.Delay(3000);
        var errors = new System.Collections.Concurrent.ConcurrentBag<string>();
        var seen = new System.Collections.Concurrent.ConcurrentBag<string>();
        foreach (var p in sessions)
        {
            p.PageError += (_, e) => errors.Add(e);
        }

        using var stop = new CancellationTokenSource();
        var readers = sessions.Select(async p =>
        {
            while (!stop.IsCancellationRequested)
            {
                await p.ReloadAsync();
                await ShellPage.WaitInteractiveAsync(p);
                seen.Add(await p.Locator("[data-testid=kpi-mrr]").GetAttributeAsync("data-value") ?? "");

                // A person rereads every few seconds; twenty tabs reloading flat out would only measure this 2-core machine.
                await Task.Delay(1000);
            }
        }).ToList();

        var csv = "account_id,month,product,mrr,account_name,segment,industry,region,csm\n" +
                  string.Join("\n", Enumerable.Range(0, 5_000).Select(a => string.Create(CultureInfo.InvariantCulture, $"BR-{a},{month},Core,{a % 300 + 1}.75,Browser Co {a},SMB,Retail,EMEA,Ava Thompson")));
        var import = await admin.APIRequest.PostAsync($"{App.BaseUrl}/api/imports/mrr", new() { Data = csv, Headers = new Dictionary<string, string> { ["Content-Type"] = "text/csv", ["X-Dashboard-Intent"] = "1" }, Timeout = 120_000 });
        Assert.True(import.Ok, await import.TextAsync());
        var batch = (await import.JsonAsync())!.Value.GetProperty("batchId").GetInt64();
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        try
        {
            await admin.ReloadAsync();
            await ShellPage.WaitInteractiveAsync(admin);
            var after = await new DashboardPage(admin, App.BaseUrl).KpiRawAsync("mrr");
            Assert.NotEqual(before, after);
            Assert.Empty(errors);
            Assert.True(seen.Count >= 20, $"only {seen.Count} loads");
            Assert.All(seen, v => Assert.True(v == before || v == after, $"a session showed MRR {v}, neither {before} nor {after}"));

            // Once the batch is in, every session shows it.
            var finals = await Task.WhenAll(sessions.Select(async p =>
            {
                await p.ReloadAsync();
                await ShellPage.WaitInteractiveAsync(p);
                return await p.Locator("[data-testid=kpi-mrr]").GetAttributeAsync("data-value");
            }));
            Assert.All(finals, v => Assert.Equal(after, v));
        }
        finally
        {
            await admin.APIRequest.PostAsync($"{App.BaseUrl}/api/imports/batches/{batch}/revert", new() { Headers = new Dictionary<string, string> { ["X-Dashboard-Intent"] = "1" } });
            foreach (var p in sessions)
            {
                await p.Context.CloseAsync();
            }
        }
    });
}
