using System.Net;
using System.Text.Json;
using ExpansionDashboard.Data;
using ExpansionDashboard.Web.Hosting;
using ExpansionDashboard.Web.Options;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;

namespace ExpansionDashboard.Web.Tests.Hosting;

/// <summary>Demo data in Production (refused unless forced) and the demo-removal API.</summary>
[Trait(Lanes.Category, Lanes.Host)]
public sealed class DemoDataHostingTests
{
    private const string ApiKey = "demo-api-test-admin-key-0123456789";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Development", false, false, DemoDataMode.Off)]
    [InlineData("Development", true, false, DemoDataMode.On)]
    [InlineData("Testing", true, false, DemoDataMode.On)]
    [InlineData("Production", false, false, DemoDataMode.Off)]
    [InlineData("Production", false, true, DemoDataMode.Off)]
    [InlineData("Production", true, true, DemoDataMode.Forced)]
    public void Decide_EnvironmentAndSettings_Mode(string environment, bool demo, bool force, DemoDataMode expected) =>
        Assert.Equal(expected, DemoDataPolicy.Decide(new HostingEnvironment { EnvironmentName = environment }, new DashboardOptions { DemoData = demo, DemoDataForce = force }));

    [Fact]
    public void Decide_DemoInProductionNotForced_RefusedNamingTheKeys()
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            DemoDataPolicy.Decide(new HostingEnvironment { EnvironmentName = "Production" }, new DashboardOptions { DemoData = true }));

        Assert.Contains("Dashboard:DemoData", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Dashboard:DemoDataForce=true", ex.Message, StringComparison.Ordinal);
        Assert.Contains("passwords are published", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ProductionWithDemoData_FailsAndWritesNothing()
    {
        await using var app = new ProductionApp(new() { ["Dashboard:DemoData"] = "true" });

        var ex = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Dashboard:DemoDataForce", ex.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(app.DatabasePath));
    }

    [Fact]
    public async Task Start_ProductionWithDemoDataForced_SeedsTheDemo()
    {
        await using var app = new ProductionApp(new() { ["Dashboard:DemoData"] = "true", ["Dashboard:DemoDataForce"] = "true" });
        _ = app.CreateClient();

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(2000, await db.Accounts.CountAsync(Ct));
    }

    [Fact]
    public async Task RemoveApi_AdminKey_RemovesDemoAndUsersThenReportsNothingLeft()
    {
        await using var app = new DashboardAppFactory(new Dictionary<string, string?> { ["Dashboard:DemoData"] = "true", ["Dashboard:BootstrapApiKey"] = ApiKey });
        using var client = app.CreateApiClient(ApiKey);
        var status = await JsonAsync(await client.GetAsync("/api/demo", Ct));
        Assert.True(status.GetProperty("present").GetBoolean());
        Assert.Equal(2000, status.GetProperty("accounts").GetInt32());

        var removed = await JsonAsync(await client.PostAsync("/api/demo/remove", null, Ct));

        Assert.True(removed.GetProperty("wasPresent").GetBoolean());
        Assert.Equal(2000, removed.GetProperty("accounts").GetInt32());
        Assert.True(removed.GetProperty("revenueLines").GetInt32() > 10_000);
        Assert.Equal(["admin@demo.local", "viewer@demo.local"], removed.GetProperty("usersRemoved").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Null, removed.GetProperty("userKept").ValueKind);
        Assert.Null(await app.TrySignInAsync("viewer@demo.local", "Demo-Viewer-2026!"));
        Assert.False((await JsonAsync(await client.GetAsync("/api/demo", Ct))).GetProperty("present").GetBoolean());
        var again = await JsonAsync(await client.PostAsync("/api/demo/remove", null, Ct));
        Assert.False(again.GetProperty("wasPresent").GetBoolean());
        Assert.Equal(0, again.GetProperty("accounts").GetInt32());
    }

    [Fact]
    public async Task RemoveApi_SignedInAsDemoAdmin_KeepsThatUserAndSaysSo()
    {
        await using var app = new DashboardAppFactory(new Dictionary<string, string?> { ["Dashboard:DemoData"] = "true" });
        var admin = await app.SignedInClientAsync("admin@demo.local", "Demo-Admin-2026!");
        var viewer = await app.SignedInClientAsync("viewer@demo.local", "Demo-Viewer-2026!");
        using var refused = await viewer.PostAsync("/api/demo/remove", null, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        admin.DefaultRequestHeaders.Add(ExpansionDashboard.Web.Auth.WriteIntent.HeaderName, "1");
        var removed = await JsonAsync(await admin.PostAsync("/api/demo/remove", null, Ct));

        Assert.Equal("admin@demo.local", removed.GetProperty("userKept").GetString());
        Assert.Equal(["viewer@demo.local"], removed.GetProperty("usersRemoved").EnumerateArray().Select(e => e.GetString()));
        Assert.NotNull(await app.TrySignInAsync("admin@demo.local", "Demo-Admin-2026!"));
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
        }
    }

    /// <summary>The app in the Production environment on a private SQLite file.</summary>
    private sealed class ProductionApp(Dictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "ed-web-tests", Guid.NewGuid().ToString("N"));

        public string DatabasePath => Path.Combine(_folder, "dashboard.db");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(
                new Dictionary<string, string?>(settings) { ["ConnectionStrings:Dashboard"] = $"Data Source={DatabasePath}" }));
        }

        public override async ValueTask DisposeAsync()
        {
            try
            {
                await base.DisposeAsync();
            }
            catch (InvalidOperationException)
            {
                // A host that refused to start has nothing to stop.
            }

            SqliteConnection.ClearAllPools();
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }
    }
}
