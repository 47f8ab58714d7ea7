using System.Globalization;
using ExpansionDashboard.E2E.Infrastructure;
using ExpansionDashboard.E2E.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace ExpansionDashboard.E2E.Features.Security;

/// <summary>
/// A page on another port of the same host is same-site, so the SameSite=Strict sign-in cookie rides along on its
/// no-cors fetches. Those writes must be refused and change nothing.
/// </summary>
[Trait(Lanes.Category, Lanes.Browser)]
public sealed class CrossOriginWriteTests(AppServerFixture app) : BrowserTest(app)
{
    [Fact]
    public Task AttackerPageOnAnotherPort_NoCorsTextPlainAndMultipartImports_RefusedStoreUnchanged() => RunAsync(nameof(AttackerPageOnAnotherPort_NoCorsTextPlainAndMultipartImports_RefusedStoreUnchanged), async page =>
    {
        var month = DateTime.Now.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var csv = $"account_id,month,product,mrr,account_name,segment,industry,region,csm\\nATTACK-1,{month},Core Platform,9000000,Attacker Co,Enterprise,Healthcare,EMEA,Ava Thompson\\n";
        await using var attacker = await AttackerSiteAsync(App.BaseUrl, csv);

        await new LoginPage(page, App.BaseUrl).SignInAsync(LoginPage.AdminEmail, LoginPage.AdminPassword);
        var summaryBefore = await GetAsync(page, "/api/metrics/summary");
        var demoBefore = await GetAsync(page, "/api/demo");

        var statuses = new List<int>();
        page.Response += (_, r) =>
        {
            if (r.Url.Contains("/api/imports/", StringComparison.Ordinal))
            {
                lock (statuses)
                {
                    statuses.Add(r.Status);
                }
            }
        };
        await page.GotoAsync(attacker.Url);
        await page.WaitForFunctionAsync("() => document.title === 'done'");
        Assert.Equal("sent,sent", await page.InnerTextAsync("#result"));

        await page.GotoAsync(App.BaseUrl + "/");
        Assert.Equal(summaryBefore, await GetAsync(page, "/api/metrics/summary"));
        Assert.Equal(demoBefore, await GetAsync(page, "/api/demo"));
        lock (statuses)
        {
            Assert.Equal([403, 403], statuses);
        }
    });

    // The signed-in context's own request API carries the same cookie; a GET needs no proof of intent.
    private static async Task<string> GetAsync(IPage page, string path)
    {
        var response = await page.Context.APIRequest.GetAsync(new Uri(new Uri(page.Url), path).ToString());
        Assert.Equal(200, response.Status);
        return await response.TextAsync();
    }

    private static async Task<Attacker> AttackerSiteAsync(string target, string csv)
    {
        var html = $$"""
            <!doctype html><html><head><title>loading</title></head><body><p id="result"></p><script>
            (async () => {
              const results = [];
              const csv = "{{csv}}";
              try {
                await fetch("{{target}}/api/imports/mrr", { method: "POST", mode: "no-cors", credentials: "include", headers: { "Content-Type": "text/plain" }, body: csv });
                results.push("sent");
              } catch (e) { results.push("error:" + e); }
              try {
                const form = new FormData();
                form.append("file", new Blob([csv], { type: "text/csv" }), "mrr.csv");
                await fetch("{{target}}/api/imports/mrr", { method: "POST", mode: "no-cors", credentials: "include", body: form });
                results.push("sent");
              } catch (e) { results.push("error:" + e); }
              document.getElementById("result").textContent = results.join(",");
              document.title = "done";
            })();
            </script></body></html>
            """;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var site = builder.Build();
        site.MapGet("/", () => Results.Content(html, "text/html"));
        await site.StartAsync();
        return new Attacker(site);
    }

    private sealed class Attacker(WebApplication site) : IAsyncDisposable
    {
        public string Url { get; } = site.Urls.First();

        public ValueTask DisposeAsync() => site.DisposeAsync();
    }
}
