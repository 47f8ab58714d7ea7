using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using ExpansionDashboard.E2E.Infrastructure;
using ExpansionDashboard.E2E.Pages;

namespace ExpansionDashboard.E2E.Hosting;

/// <summary>
/// The README's production start, run as written: its publish command, then its run command in Production, with only
/// the output folder, the database file and the port moved to a private place (so the test never touches a real
/// store). Every other test runs in Development, where static web assets are served from the build; this one proves
/// the published app serves its styles and scripts and goes interactive.
/// </summary>
[Trait(Lanes.Category, Lanes.Browser)]
public sealed partial class ProductionStartTests(AppServerFixture app) : BrowserTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadmeProductionStart_PublishedAndRunInProduction_SignInPageStyledEveryAssetServedAndInteractive()
    {
        var root = RepositoryRoot();
        var (publish, run) = ReadmeCommands(File.ReadAllText(Path.Combine(root, "README.md")));
        var folder = Path.Combine(Path.GetTempPath(), "ed-prod-start", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var email = BootstrapEmail().Match(run).Groups[1].Value;
        var password = BootstrapPassword().Match(run).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(email) || string.IsNullOrEmpty(password), "the README's run command sets no bootstrap admin");
        Assert.Contains("ASPNETCORE_ENVIRONMENT=Production", run, StringComparison.Ordinal);
        Assert.Contains("Dashboard__DemoData=false", run, StringComparison.Ordinal);

        try
        {
            var (code, output) = await RunToEndAsync(Moved(publish, folder), root, TimeSpan.FromMinutes(5));
            Assert.True(code == 0, $"publish failed ({code}):\n{output}");
            Assert.True(File.Exists(Path.Combine(folder, "out", "wwwroot", "lib", "apexcharts", "apexcharts.esm.js")), "the npm-built chart library is not in the published output");

            using var server = Start(Moved(run, folder), root, baseUrl, out var log);
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri(baseUrl + "/"), Timeout = TimeSpan.FromSeconds(30) };
                await WaitHealthyAsync(http, server, log);
                Assert.Contains("Hosting environment: Production", log.ToString(), StringComparison.Ordinal);
                Assert.True(File.Exists(Path.Combine(folder, "data", "dashboard.db")), "the store is not the file the README names");

                var html = await http.GetStringAsync("Account/Login", Ct);
                var assets = AssetReference().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups["url"].Value)).Distinct().ToList();
                Assert.Contains(assets, a => a.EndsWith("_framework/blazor.web.js", StringComparison.Ordinal));
                Assert.Contains(assets, a => a.StartsWith("_content/MudBlazor/", StringComparison.Ordinal) && a.EndsWith(".css", StringComparison.Ordinal));
                Assert.Contains(assets, a => a.StartsWith("lib/apexcharts/", StringComparison.Ordinal));
                foreach (var asset in assets.Append("lib/roboto/roboto-latin-400-normal.woff2"))
                {
                    using var response = await http.GetAsync(asset, Ct);
                    var body = await response.Content.ReadAsByteArrayAsync(Ct);

                    // An app started with the wrong content root answers 200 with an empty body: check both.
                    Assert.True(response.StatusCode == HttpStatusCode.OK && body.Length > 0, $"{asset} → {(int)response.StatusCode}, {body.Length} bytes");
                }

                await RunAsync("production-start", async page =>
                {
                    await page.GotoAsync($"{baseUrl}/Account/Login");
                    var font = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('[data-testid=login-submit]')).fontFamily");
                    Assert.Contains("Roboto", font, StringComparison.Ordinal);
                    var mudRules = await page.EvaluateAsync<int>(
                        "() => [...document.styleSheets].filter(s => (s.href || '').includes('MudBlazor')).reduce((n, s) => n + s.cssRules.length, 0)");
                    Assert.True(mudRules > 100, $"MudBlazor's stylesheet has {mudRules} rules in the page");

                    await new LoginPage(page, baseUrl).SignInAsync(email, password);
                    Assert.True(await page.Locator("[data-interactive=true]").IsVisibleAsync());
                });
            }
            finally
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync(Ct);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The two bash blocks under the README's production heading.</summary>
    private static (string Publish, string Run) ReadmeCommands(string readme)
    {
        var start = readme.IndexOf("### Run it for real data (production)", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no production section");
        var blocks = BashBlock().Matches(readme, start).Take(2).Select(m => m.Groups[1].Value.Trim()).ToList();
        Assert.Equal(2, blocks.Count);
        Assert.Equal("dotnet publish src/ExpansionDashboard.Web -c Release -o out", blocks[0]);
        Assert.EndsWith("dotnet out/ExpansionDashboard.Web.dll", blocks[1], StringComparison.Ordinal);
        return (blocks[0], blocks[1]);
    }

    /// <summary>The command with the output folder and the database file moved into <paramref name="folder"/>; fails when the README no longer has them.</summary>
    private static string Moved(string command, string folder)
    {
        var moved = command.Replace("-o out", $"-o {folder}/out", StringComparison.Ordinal)
            .Replace("dotnet out/", $"dotnet {folder}/out/", StringComparison.Ordinal);
        moved = ConnectionString().Replace(moved, $"ConnectionStrings__Dashboard=\"Data Source={folder}/data/dashboard.db\"");
        Assert.NotEqual(command, moved);
        Assert.DoesNotContain(" out/", moved, StringComparison.Ordinal);
        if (command.Contains("dotnet out/", StringComparison.Ordinal))
        {
            Assert.Contains($"Data Source={folder}/data/dashboard.db", moved, StringComparison.Ordinal);
        }

        return moved;
    }

    private static ProcessStartInfo Bash(string command, string workingDirectory)
    {
        var info = new ProcessStartInfo("bash") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-euo");
        info.ArgumentList.Add("pipefail");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);

        // Nothing of the test run's own environment decides the outcome: only what the README sets.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)
                     || k.StartsWith("Dashboard__", StringComparison.Ordinal) || k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)
                     || k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        return info;
    }

    private static async Task<(int Code, string Output)> RunToEndAsync(string command, string workingDirectory, TimeSpan timeout)
    {
        using var process = Process.Start(Bash(command, workingDirectory))!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static Process Start(string command, string workingDirectory, string url, out StringBuilder log)
    {
        var info = Bash(command, workingDirectory);
        info.Environment["ASPNETCORE_URLS"] = url;
        var process = new Process { StartInfo = info };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        log = output;
        return process;
    }

    private static async Task WaitHealthyAsync(HttpClient http, Process server, StringBuilder log)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until)
        {
            Assert.False(server.HasExited, $"the app stopped at start:\n{log}");
            try
            {
                using var response = await http.GetAsync("healthz", Ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250, Ct);
        }

        Assert.Fail($"the app did not answer /healthz within 90 s:\n{log}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ExpansionDashboard.sln")) && File.Exists(Path.Combine(dir.FullName, "README.md")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (ExpansionDashboard.sln) was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("```bash\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();

    [GeneratedRegex("ConnectionStrings__Dashboard=\"[^\"]*\"")]
    private static partial Regex ConnectionString();

    [GeneratedRegex("Dashboard__BootstrapAdmin__Email=(\\S+)")]
    private static partial Regex BootstrapEmail();

    [GeneratedRegex("Dashboard__BootstrapAdmin__Password='([^']*)'")]
    private static partial Regex BootstrapPassword();

    /// <summary>The address of every &lt;script src&gt; and &lt;link href&gt; in a page.</summary>
    [GeneratedRegex("<(?:script[^>]*?\\ssrc|link[^>]*?\\shref)=\"(?<url>[^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex AssetReference();
}
