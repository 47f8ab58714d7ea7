using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace ExpansionDashboard.TestKit.Hosting;

/// <summary>
/// The real app on a private SQLite file (or the connection string a test gives), with settings given per test. With
/// Dashboard:DemoData=true on its own file it starts on a copy of the demo store the app seeded once this run
/// (<see cref="DemoStore"/>), so the start-up finds the demo present and does not seed it again.
/// </summary>
public sealed partial class DashboardAppFactory(IDictionary<string, string?> settings) : WebApplicationFactory<Program>
{

    /// <summary>Signs in through the real sign-in form (antiforgery token and all) and returns a client holding the cookie; null when refused.</summary>
    public async Task<HttpClient?> TrySignInAsync(string email, string password, WebApplicationFactory<Program>? app = null)
    {
        var client = (app ?? this).CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var ct = TestContext.Current.CancellationToken;
        var html = await client.GetStringAsync("/Account/Login", ct);
        var fields = HiddenInput().Matches(html).ToDictionary(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value), m => System.Net.WebUtility.HtmlDecode(m.Groups[2].Value));
        fields["Input.Email"] = email;
        fields["Input.Password"] = password;
        using var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(fields), ct);
        return response.StatusCode == System.Net.HttpStatusCode.Redirect ? client : null;
    }

    public async Task<HttpClient> SignedInClientAsync(string email, string password) =>
        await TrySignInAsync(email, password) ?? throw new InvalidOperationException($"{email} could not sign in.");

    [System.Text.RegularExpressions.GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial System.Text.RegularExpressions.Regex HiddenInput();

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ed-web-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(_folder, "dashboard.db");

    /// <summary>A client that follows no redirects and, when given, sends the API key header.</summary>
    public HttpClient CreateApiClient(string? apiKey)
    {
        var client = CreateClient(new() { AllowAutoRedirect = false });
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    private bool UsesDemoCopy =>
        settings.TryGetValue("Dashboard:DemoData", out var demo) && string.Equals(demo, "true", StringComparison.OrdinalIgnoreCase)
        && !settings.ContainsKey("ConnectionStrings:Dashboard") && !settings.ContainsKey("Dashboard:Database:Provider");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (UsesDemoCopy && !File.Exists(DatabasePath))
        {
            // Off the test's synchronisation context: the seeding app's continuations must not wait for this thread.
            Task.Run(() => DemoStore.CopyToAsync("app", SeedThroughAppAsync, DatabasePath)).GetAwaiter().GetResult();
        }

        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, config) =>
        {
            var all = new Dictionary<string, string?>(settings);
            all.TryAdd("ConnectionStrings:Dashboard", $"Data Source={DatabasePath}");
            all.TryAdd("Dashboard:DemoData", "false");

            // Every test signs in and calls /api from the same (or no) address, many times a minute; a test of the
            // limits themselves sets its own.
            all.TryAdd("Dashboard:RateLimits:SignInPerMinute", "10000");
            all.TryAdd("Dashboard:RateLimits:ApiPerMinute", "1000000");
            config.AddInMemoryCollection(all);
        });
    }

    // The app's own start-up seeds the store (demo book at the real clock, demo users, default alert rules); the alert
    // monitor is left out so no firing is recorded before a test's own app (and its webhook) exists.
    private static async Task SeedThroughAppAsync(string path)
    {
        await using var app = new DashboardAppFactory(new Dictionary<string, string?>
        {
            ["Dashboard:DemoData"] = "true",
            ["ConnectionStrings:Dashboard"] = $"Data Source={path}",
        });
        await using var started = app.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            foreach (var d in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationFactory is not null).ToList())
            {
                services.Remove(d);
            }
        }));
        _ = started.Services;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
