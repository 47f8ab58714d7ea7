using System.Net;
using ExpansionDashboard.Web.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace ExpansionDashboard.Web.Tests.Auth;

/// <summary>
/// Rights are read from the store at each action: an open session of a demoted or disabled admin can no longer act,
/// that user's keys are suspended (audited, not deleted) and come back when the rights do, and sign-out kills the
/// cookie server-side.
/// </summary>
[Trait(Lanes.Category, Lanes.Host)]
public sealed class RightsAtEachActionTests : IAsyncLifetime
{
    private const string Second = "second.admin@demo.local";

    private DashboardAppFactory _app = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app = new DashboardAppFactory(new Dictionary<string, string?> { ["Dashboard:DemoData"] = "true" });
        _ = _app.CreateClient();
        var admin = await UserAdminTests.PrincipalAsync(_app.Services, DemoCredentials.AdminEmail);
        Assert.Empty(await WithAdminAsync(a => a.CreateAsync(Second, "Second-Admin-2026!", Roles.Admin, admin)));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<T> WithAdminAsync<T>(Func<UserAdminService, Task<T>> action)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserAdminService>());
    }

    private async Task<string> SecondIdAsync() => (await WithAdminAsync(a => a.UsersAsync())).Single(u => u.Email == Second).Id;

    [Fact]
    public async Task DemotedAdmin_OpenSessionCannotCreateKeys_TheirAdminKeySuspendedThenResumed()
    {
        var secondSession = await UserAdminTests.PrincipalAsync(_app.Services, Second);
        var (secret, error) = await WithAdminAsync(a => a.CreateKeyAsync("nightly", Roles.Admin, secondSession));
        Assert.Null(error);
        using var key = _app.CreateApiClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await key.GetAsync("/api/admin/backup", Ct)).StatusCode);
        var admin = await UserAdminTests.PrincipalAsync(_app.Services, DemoCredentials.AdminEmail);
        var id = await SecondIdAsync();

        Assert.Null(await WithAdminAsync(a => a.SetRoleAsync(id, Roles.Viewer, admin)));

        var (none, refused) = await WithAdminAsync(a => a.CreateKeyAsync("more", Roles.Admin, secondSession));
        Assert.Null(none);
        Assert.NotNull(refused);
        var freshViewerSession = await UserAdminTests.PrincipalAsync(_app.Services, Second);
        Assert.Equal(AdminRights.NotAdmin, (await WithAdminAsync(a => a.CreateKeyAsync("more", Roles.Viewer, freshViewerSession))).Error);
        Assert.Equal(HttpStatusCode.Unauthorized, (await key.GetAsync("/api/admin/backup", Ct)).StatusCode);
        var row = (await WithAdminAsync(a => a.KeysAsync())).Single(k => k.Name == "nightly");
        Assert.Null(row.RevokedUtc);
        Assert.Equal("its creator is no longer an Admin", row.Suspension);

        Assert.Null(await WithAdminAsync(a => a.SetRoleAsync(id, Roles.Admin, admin)));
        Assert.Equal(HttpStatusCode.OK, (await key.GetAsync("/api/metrics/summary", Ct)).StatusCode);
        var log = await _app.Services.GetRequiredService<Data.Audit.AuditLog>().LatestAsync("api-key.", ct: Ct);
        Assert.Contains(log, r => r.Action == "api-key.suspend" && r.Target == "nightly" && r.After!.Contains("no longer an Admin", StringComparison.Ordinal));
        Assert.Contains(log, r => r.Action == "api-key.resume" && r.Target == "nightly");
    }

    [Fact]
    public async Task DisabledAdmin_BackdoorKey_RefusedAfterDisable_AndTheirSessionCannotAct()
    {
        var secondSession = await UserAdminTests.PrincipalAsync(_app.Services, Second);
        var (secret, _) = await WithAdminAsync(a => a.CreateKeyAsync("backdoor", Roles.Admin, secondSession));
        using var key = _app.CreateApiClient(secret);
        var admin = await UserAdminTests.PrincipalAsync(_app.Services, DemoCredentials.AdminEmail);
        var id = await SecondIdAsync();

        Assert.Null(await WithAdminAsync(a => a.SetDisabledAsync(id, true, admin)));

        using var backup = await key.GetAsync("/api/admin/backup", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, backup.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await key.GetAsync("/api/metrics/summary", Ct)).StatusCode);
        Assert.Equal(AdminRights.Disabled, await WithAdminAsync(a => a.RevokeKeyAsync(1, secondSession)));
        Assert.Equal("its creator is disabled", (await WithAdminAsync(a => a.KeysAsync())).Single(k => k.Name == "backdoor").Suspension);
        Assert.Contains(await _app.Services.GetRequiredService<Data.Audit.AuditLog>().LatestAsync("api-key.suspend", ct: Ct), r => r.Target == "backdoor");
    }

    [Fact]
    public async Task SignOut_CopiedCookieStopsWorking()
    {
        var jar = new CookieContainer();
        var origin = new Uri("http://localhost");
        var browser = _app.CreateDefaultClient(origin, new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(jar));
        Assert.Equal(HttpStatusCode.Redirect, (await AuthTestHost.SignInAsync(browser, DemoCredentials.AdminEmail, DemoCredentials.AdminPassword)).Status);
        var cookie = jar.GetCookieHeader(origin);
        var token = await AuthTestHost.PageTokenAsync(browser);
        using var copy = _app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/api/demo", Ct)).StatusCode);

        using var signOut = await browser.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), Ct);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/demo", Ct)).StatusCode);
    }

    [Fact]
    public async Task SignOut_WithoutToken_400AndStillSignedIn()
    {
        var browser = await _app.SignedInClientAsync(DemoCredentials.AdminEmail, DemoCredentials.AdminPassword);

        using var signOut = await browser.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>()), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/demo", Ct)).StatusCode);
    }
}
