using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(ExpansionDashboard.E2E.Infrastructure.AppServerFixture))]

// One app and one database serve every browser test; the import test changes data (and reverts it), so tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace ExpansionDashboard.E2E.Infrastructure;

/// <summary>
/// The real app with the demo data set on a real Kestrel port, plus Debian's Chromium driven by Playwright
/// (Playwright's own browser download cannot work here). Shared by every browser test in the run.
/// </summary>
public sealed class AppServerFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ed-e2e", Guid.NewGuid().ToString("N"));
    private KestrelApp? _factory;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = default!;

    public static string ArtifactsDirectory { get; } = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../TestResults/screenshots"));

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(ArtifactsDirectory);
        _factory = new KestrelApp(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Dashboard"] = $"Data Source={Path.Combine(_folder, "dashboard.db")}",
            ["Dashboard:DemoData"] = "true",
            ["Dashboard:Alerts:CheckSeconds"] = "1",

            // Twenty sessions sign in within seconds from 127.0.0.1 (ConcurrentBrowserTests).
            ["Dashboard:RateLimits:SignInPerMinute"] = "10000",
            ["Dashboard:RateLimits:ApiPerMinute"] = "1000000",
        });
        BaseUrl = _factory.Start();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <param name="width">Viewport width.</param>
    /// <param name="height">Viewport height.</param>
    /// <param name="enforceCsp">
    /// False lets the test's own probes (Playwright's function waits evaluate strings) run under the app's
    /// Content-Security-Policy, which forbids eval; the page walk that checks the policy keeps it enforced.
    /// </param>
    public async Task<IPage> NewPageAsync(int width = 1920, int height = 1080, bool enforceCsp = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, BypassCSP = !enforceCsp });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}

/// <summary>The real app in Development with the given settings on a free Kestrel port.</summary>
public sealed class KestrelApp(IDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    /// <summary>Starts the server and returns its base address.</summary>
    public string Start()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
    }
}
