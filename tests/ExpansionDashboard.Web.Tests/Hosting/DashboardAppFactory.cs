using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace ExpansionDashboard.Web.Tests.Hosting;

/// <summary>The real app on a private SQLite file (or the connection string a test gives), with settings given per test.</summary>
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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, config) =>
        {
            var all = new Dictionary<string, string?>(settings);
            all.TryAdd("ConnectionStrings:Dashboard", $"Data Source={DatabasePath}");
            all.TryAdd("Dashboard:DemoData", "false");
            config.AddInMemoryCollection(all);
        });
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
