using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace ExpansionDashboard.Web.Tests.Hosting;

/// <summary>The real app on a private SQLite file, with settings given per test.</summary>
public sealed class DashboardAppFactory(IDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
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
            var all = new Dictionary<string, string?>(settings) { ["ConnectionStrings:Dashboard"] = $"Data Source={DatabasePath}" };
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
