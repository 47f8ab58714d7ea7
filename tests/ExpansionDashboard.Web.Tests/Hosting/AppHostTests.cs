using System.Net;
using ExpansionDashboard.Data;
using ExpansionDashboard.Data.Entities;
using ExpansionDashboard.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExpansionDashboard.Web.Tests.Hosting;

[Trait(Lanes.Category, Lanes.Host)]
public class AppHostTests
{
    private static readonly WebApplicationFactoryClientOptions NoRedirects = new() { AllowAutoRedirect = false };

    [Fact]
    public async Task Healthz_MigratedDatabase_ReportsHealthy()
    {
        await using var app = new DashboardAppFactory(new Dictionary<string, string?>());
        using var client = app.CreateClient(NoRedirects);

        var response = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("reachable", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(File.Exists(app.DatabasePath));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/retention")]
    [InlineData("/cohorts")]
    [InlineData("/expansion")]
    [InlineData("/pipeline")]
    [InlineData("/accounts")]
    [InlineData("/accounts/ACC-00001")]
    [InlineData("/admin")]
    [InlineData("/admin/import")]
    [InlineData("/admin/edit")]
    public async Task Page_Anonymous_RedirectsToSignIn(string path)
    {
        await using var app = new DashboardAppFactory(new Dictionary<string, string?>());
        using var client = app.CreateClient(NoRedirects);

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInPage_Anonymous_IsServed()
    {
        await using var app = new DashboardAppFactory(new Dictionary<string, string?>());
        using var client = app.CreateClient(NoRedirects);

        var html = await client.GetStringAsync("/Account/Login", TestContext.Current.CancellationToken);

        Assert.Contains("Sign in", html, StringComparison.Ordinal);
        Assert.DoesNotContain("fonts.googleapis", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_BootstrapAdminWithoutDemoData_CreatesAdminAndLeavesStoreEmpty()
    {
        await using var app = new DashboardAppFactory(new Dictionary<string, string?>
        {
            ["Dashboard:BootstrapAdmin:Email"] = "owner@example.com",
            ["Dashboard:BootstrapAdmin:Password"] = "Owner-Passw0rd!",
        });
        using var client = app.CreateClient(NoRedirects);
        await client.GetAsync("/healthz", TestContext.Current.CancellationToken);

        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admin = await users.FindByEmailAsync("owner@example.com");
        Assert.NotNull(admin);
        Assert.True(await users.IsInRoleAsync(admin, Roles.Admin));
        Assert.True(await users.CheckPasswordAsync(admin, "Owner-Passw0rd!"));
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, await db.Accounts.CountAsync(TestContext.Current.CancellationToken));
        Assert.Null(await users.FindByEmailAsync(DemoCredentials.AdminEmail));
    }

    [Fact]
    public async Task Start_DemoData_SeedsStoreAndDemoUsers()
    {
        await using var app = new DashboardAppFactory(new Dictionary<string, string?> { ["Dashboard:DemoData"] = "true" });
        using var client = app.CreateClient(NoRedirects);
        await client.GetAsync("/healthz", TestContext.Current.CancellationToken);

        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var viewer = await users.FindByEmailAsync(DemoCredentials.ViewerEmail);
        Assert.NotNull(viewer);
        Assert.True(await users.IsInRoleAsync(viewer, Roles.Viewer));
        Assert.False(await users.IsInRoleAsync(viewer, Roles.Admin));
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2000, await db.Accounts.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Start_InvalidSetting_FailsWithMessageNamingTheKey()
    {
        await using var app = new DashboardAppFactory(new Dictionary<string, string?> { ["Dashboard:BootstrapAdmin:Email"] = "lonely@example.com" });

        var ex = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Dashboard:BootstrapAdmin", ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/healthz")]
    [InlineData("/api/metrics/summary")]
    public async Task Response_AnyRoute_CarriesSecurityHeadersWithoutUnsafeEval(string path)
    {
        await using var app = new DashboardAppFactory(new Dictionary<string, string?>());
        using var client = app.CreateApiClient(null);

        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }
}

