using System.Net;
using ExpansionDashboard.Web.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ExpansionDashboard.Web.Tests.Hosting;

/// <summary>HSTS, forwarded headers from known proxies only, no-store and problem+json on every /api answer.</summary>
[Trait(Lanes.Category, Lanes.Host)]
public sealed class HttpHardeningTests
{
    private const string AdminKey = "hardening-test-admin-key-0123456789";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hsts_OutsideDevelopmentOverHttps_StrictTransportSecurityForAYear()
    {
        await using var app = new DashboardAppFactory(new Dictionary<string, string?>());
        using var client = app.CreateClient(new() { BaseAddress = new Uri("https://dashboard.example"), AllowAutoRedirect = false });

        using var response = await client.GetAsync("/healthz", Ct);

        Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task Hsts_Development_NoHeader()
    {
        await using var factory = new DashboardAppFactory(new Dictionary<string, string?>());
        await using var app = factory.WithWebHostBuilder(b => b.UseEnvironment("Development"));
        using var client = app.CreateClient(new() { BaseAddress = new Uri("https://dashboard.example"), AllowAutoRedirect = false });

        using var response = await client.GetAsync("/healthz", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData(true, "10.0.0.5", true)]
    [InlineData(true, "10.0.0.9", false)]
    [InlineData(false, "10.0.0.5", false)]
    public async Task ForwardedProto_FromKnownProxyOnly_RequestCountsAsHttps(bool enabled, string sender, bool https)
    {
        await using var app = new DashboardAppFactory(new Dictionary<string, string?>
        {
            ["Dashboard:ReverseProxy:Enabled"] = enabled ? "true" : "false",
            ["Dashboard:ReverseProxy:KnownProxies:0"] = "10.0.0.5",
        });

        // HSTS is sent over https only, so it shows whether the forwarded scheme was believed.
        var context = await app.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Scheme = "http";
            c.Request.Host = new HostString("dashboard.example");
            c.Request.Path = "/healthz";
            c.Request.Headers["X-Forwarded-Proto"] = "https";
            c.Request.Headers["X-Forwarded-For"] = "203.0.113.7";
            c.Connection.RemoteIpAddress = IPAddress.Parse(sender);
        }, Ct);

        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal(https, context.Response.Headers.ContainsKey("Strict-Transport-Security"));
    }

    [Fact]
    public async Task ReverseProxy_NetworkSetting_MemberTrusted()
    {
        await using var app = new DashboardAppFactory(new Dictionary<string, string?>
        {
            ["Dashboard:ReverseProxy:Enabled"] = "true",
            ["Dashboard:ReverseProxy:KnownNetworks:0"] = "172.16.0.0/12",
        });
        var options = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;

        Assert.Contains(options.KnownIPNetworks, n => n.Contains(IPAddress.Parse("172.20.1.2")));
        Assert.DoesNotContain(options.KnownProxies, p => IPAddress.IsLoopback(p));
    }

    [Theory]
    [InlineData("Dashboard:ReverseProxy:KnownProxies:0", "proxy.internal", "Dashboard:ReverseProxy:KnownProxies 'proxy.internal'")]
    [InlineData("Dashboard:ReverseProxy:KnownNetworks:0", "10.0.0.0", "Dashboard:ReverseProxy:KnownNetworks '10.0.0.0'")]
    public async Task ReverseProxy_BadAddress_StartRefusedNamingTheKey(string key, string value, string message)
    {
        await using var app = new DashboardAppFactory(new Dictionary<string, string?> { [key] = value });

        var ex = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/metrics/summary")]
    [InlineData("/api/admin/backup")]
    [InlineData("/api/no-such-endpoint")]
    public async Task ApiAnswer_AnyOutcome_NoStore(string path)
    {
        await using var app = new DashboardAppFactory(new Dictionary<string, string?> { ["Dashboard:BootstrapApiKey"] = AdminKey });
        using var client = app.CreateApiClient(AdminKey);

        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, Ct);

        Assert.True(response.Headers.CacheControl?.NoStore, $"{path} answered {(int)response.StatusCode} without Cache-Control: no-store");
    }

    [Fact]
    public async Task Page_NotApi_NoNoStoreAdded()
    {
        await using var app = new DashboardAppFactory(new Dictionary<string, string?>());
        using var client = app.CreateApiClient(null);

        using var response = await client.GetAsync("/favicon.svg", Ct);

        Assert.NotEqual(true, response.Headers.CacheControl?.NoStore);
    }

    [Theory]
    [InlineData("GET", "/api/no-such-endpoint", null, HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/metrics/summary", null, HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/api/metrics/summary", "not-a-key-0123456789abcdefgh", HttpStatusCode.Unauthorized)]
    [InlineData("DELETE", "/api/metrics/summary", AdminKey, HttpStatusCode.MethodNotAllowed)]
    [InlineData("PUT", "/api/admin/backup", AdminKey, HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/api/imports/batches/not-a-number/revert", AdminKey, HttpStatusCode.NotFound)]
    public async Task ApiError_AnyKind_ProblemJson(string method, string path, string? key, HttpStatusCode status)
    {
        await using var app = new DashboardAppFactory(new Dictionary<string, string?> { ["Dashboard:BootstrapApiKey"] = AdminKey });
        using var client = app.CreateApiClient(key);
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);

        await AssertProblemAsync(response, status);
    }

    [Fact]
    public async Task ApiError_SignedInViewerOnAdminEndpoint_403ProblemJson()
    {
        await using var app = new DashboardAppFactory(new Dictionary<string, string?> { ["Dashboard:DemoData"] = "true" });
        using var viewer = await app.SignedInClientAsync(ExpansionDashboard.Web.Auth.DemoCredentials.ViewerEmail, ExpansionDashboard.Web.Auth.DemoCredentials.ViewerPassword);

        using var response = await viewer.GetAsync("/api/admin/backup", Ct);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ApiError_UnhandledException_500ProblemJsonWithoutTheExceptionText()
    {
        await using var factory = new DashboardAppFactory(new Dictionary<string, string?> { ["Dashboard:BootstrapApiKey"] = AdminKey });
        await using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddSingleton<Data.Api.MetricsApiQuery>(_ => throw new InvalidOperationException("secret-internal-detail"))));
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        using var response = await client.GetAsync("/api/metrics/summary", Ct);

        var body = await AssertProblemAsync(response, HttpStatusCode.InternalServerError);
        Assert.DoesNotContain("secret-internal-detail", body, StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task ApiError_UnsupportedMediaType_415ProblemJson()
    {
        // No endpoint of the app binds a JSON body yet, so the pipeline piece is checked on its own with one that does.
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddProblemDetails();
        await using var app = builder.Build();
        app.UseApiStatusCodes();
        app.MapPost("/api/json", (Probe probe) => Results.Ok(probe.Name));
        app.MapPost("/api/refuse", () => Results.StatusCode(StatusCodes.Status415UnsupportedMediaType));
        await app.StartAsync(Ct);
        using var client = app.GetTestClient();

        foreach (var path in new[] { "/api/json", "/api/refuse" })
        {
            using var response = await client.PostAsync(path, new StringContent("name=x", System.Text.Encoding.UTF8, "text/plain"), Ct);
            await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        }
    }

    private static async Task<string> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = System.Text.Json.JsonDocument.Parse(body);
        Assert.Equal((int)status, json.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("title").GetString()));
        return body;
    }

    private sealed record Probe(string Name);
}
