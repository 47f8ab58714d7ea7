using System.Net;
using ExpansionDashboard.Web.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ExpansionDashboard.Web.Tests.Auth;

/// <summary>The sign-in and antiforgery cookies: Secure over HTTPS, HttpOnly and SameSite=Strict always.</summary>
[Trait(Lanes.Category, Lanes.Host)]
public sealed class CookieFlagsTests : IAsyncLifetime
{
    private DashboardAppFactory _app = default!;

    public ValueTask InitializeAsync()
    {
        _app = new DashboardAppFactory(new Dictionary<string, string?> { ["Dashboard:DemoData"] = "true" });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("https://localhost", true)]
    [InlineData("http://localhost", false)]
    public async Task SignIn_AuthAndAntiforgeryCookies_SecureOnlyOverHttps_HttpOnlyStrict(string origin, bool secure)
    {
        var client = _app.CreateClient(new() { BaseAddress = new Uri(origin), AllowAutoRedirect = false, HandleCookies = true });
        using var page = await _app.CreateClient(new() { BaseAddress = new Uri(origin) }).GetAsync("/Account/Login", TestContext.Current.CancellationToken);

        var (status, _, response) = await AuthTestHost.SignInAsync(client, DemoCredentials.AdminEmail, DemoCredentials.AdminPassword);

        Assert.Equal(HttpStatusCode.Redirect, status);
        var auth = response.Headers.GetValues("Set-Cookie").Where(c => c.StartsWith("ExpansionDashboard.Auth=", StringComparison.Ordinal)).ToList();
        var antiforgery = page.Headers.GetValues("Set-Cookie").Where(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(auth);
        Assert.NotEmpty(antiforgery);
        foreach (var cookie in auth.Concat(antiforgery))
        {
            var flags = cookie.ToLowerInvariant();
            Assert.Equal(secure, flags.Contains("; secure", StringComparison.Ordinal));
            Assert.Contains("; httponly", flags, StringComparison.Ordinal);
            Assert.Contains("; samesite=strict", flags, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Production", "https://+:443", CookieSecurePolicy.Always)]
    [InlineData("Production", "http://+:80;https://+:443", CookieSecurePolicy.SameAsRequest)]
    [InlineData("Development", "https://localhost:5001", CookieSecurePolicy.SameAsRequest)]
    [InlineData("Production", null, CookieSecurePolicy.SameAsRequest)]
    public void SecurePolicy_HttpsOnlyOutsideDevelopment_Always(string environment, string? urls, CookieSecurePolicy expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = urls }).Build();

        Assert.Equal(expected, WebServiceCollectionExtensions.SecurePolicy(new Env(environment), configuration));
    }

    private sealed class Env(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "test";

        public string ContentRootPath { get; set; } = "/";

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
