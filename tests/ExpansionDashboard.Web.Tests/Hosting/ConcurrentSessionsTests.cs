using System.Globalization;
using System.Text.Json;
using ExpansionDashboard.Web.Auth;

namespace ExpansionDashboard.Web.Tests.Hosting;

/// <summary>Twenty signed-in sessions read the dashboards' figures while an import commits through the API.</summary>
[Trait(Lanes.Category, Lanes.Host)]
public sealed class ConcurrentSessionsTests(ITestOutputHelper output)
{
    private const string ApiKey = "sessions-test-admin-key-0123456789";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwentySessions_ReadingWhileAnImportCommits_NoErrorsOnlyBeforeOrAfterFigures()
    {
        await using var app = new DashboardAppFactory(new Dictionary<string, string?> { ["Dashboard:DemoData"] = "true", ["Dashboard:BootstrapApiKey"] = ApiKey });
        using var admin = app.CreateApiClient(ApiKey);
        var sessions = new List<HttpClient>();
        for (var i = 0; i < 20; i++)
        {
            sessions.Add(await app.SignedInClientAsync(i % 2 == 0 ? DemoCredentials.ViewerEmail : DemoCredentials.AdminEmail, i % 2 == 0 ? DemoCredentials.ViewerPassword : DemoCredentials.AdminPassword));
        }

        const string url = "/api/metrics/summary?month=2026-11";
        static decimal Mrr(string json) => JsonDocument.Parse(json).RootElement.GetProperty("mrr").GetDecimal();
        var before = Mrr(await admin.GetStringAsync(url, Ct));

        using var stop = new CancellationTokenSource();
        var seen = new System.Collections.Concurrent.ConcurrentBag<decimal>();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var readers = sessions.Select(client => Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                using var summary = await client.GetAsync(url, Ct);
                using var page = await client.GetAsync("/", Ct);
                if (!summary.IsSuccessStatusCode || !page.IsSuccessStatusCode)
                {
                    failures.Add($"{(int)summary.StatusCode}/{(int)page.StatusCode}");
                }
                else
                {
                    seen.Add(Mrr(await summary.Content.ReadAsStringAsync(Ct)));
                }

                n++;
            }

            return n;
        }, Ct)).ToList();

        var csv = "account_id,month,product,mrr,account_name,segment,industry,region,csm\n" +
                  string.Join("\n", Enumerable.Range(0, 20_000).Select(a => string.Create(CultureInfo.InvariantCulture, $"SES-{a},2026-11,Core,{a % 500 + 1}.25,Session Co {a},SMB,Retail,EMEA,Ava Thompson")));
        admin.DefaultRequestHeaders.Add(ExpansionDashboard.Web.Auth.WriteIntent.HeaderName, "1");
        using (var import = await admin.PostAsync("/api/imports/mrr", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"), Ct))
        {
            Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync(Ct));
        }

        await Task.Delay(500, Ct);
        await stop.CancelAsync();
        var requests = (await Task.WhenAll(readers)).Sum() * 2;
        var after = Mrr(await admin.GetStringAsync(url, Ct));

        Assert.Empty(failures);
        Assert.NotEqual(before, after);
        Assert.All(seen, v => Assert.True(v == before || v == after, $"a session saw MRR {v}, neither {before} nor {after}"));
        Assert.Contains(after, seen);
        output.WriteLine($"20 sessions made {requests:N0} requests (summary API and the Overview page) during a 20,000-row import; no errors, MRR only ever {before} or {after}");
        foreach (var s in sessions)
        {
            s.Dispose();
        }
    }
}
