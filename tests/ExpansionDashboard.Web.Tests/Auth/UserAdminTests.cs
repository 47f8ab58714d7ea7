using System.Net;
using ExpansionDashboard.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ExpansionDashboard.Web.Tests.Auth;

/// <summary>Users and API keys on the real app: the last Admin is protected, keys are shown once and revocable, a reset ends sessions.</summary>
[Trait(Lanes.Category, Lanes.Host)]
public sealed class UserAdminTests : IAsyncLifetime
{
    private DashboardAppFactory _app = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _app = new DashboardAppFactory(new Dictionary<string, string?> { ["Dashboard:DemoData"] = "true" });
        _ = _app.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<T> WithAdminAsync<T>(Func<UserAdminService, Task<T>> action)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserAdminService>());
    }

    /// <summary>The principal a fresh sign-in of that user carries (with its current security stamp).</summary>
    internal static async Task<System.Security.Claims.ClaimsPrincipal> PrincipalAsync(IServiceProvider services, string email)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Data.Entities.AppUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        return await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<Data.Entities.AppUser>>().CreateAsync(user);
    }

    private Task<System.Security.Claims.ClaimsPrincipal> AdminAsync() => PrincipalAsync(_app.Services, DemoCredentials.AdminEmail);

    [Fact]
    public async Task LastAdmin_CannotBeDemotedOrDisabled_UntilAnotherAdminExists()
    {
        var admin = (await WithAdminAsync(a => a.UsersAsync())).Single(u => u.Email == DemoCredentials.AdminEmail);
        var by = await AdminAsync();

        Assert.Equal(UserAdminService.LastAdminMessage, await WithAdminAsync(a => a.SetRoleAsync(admin.Id, Roles.Viewer, by)));
        Assert.Equal(UserAdminService.LastAdminMessage, await WithAdminAsync(a => a.SetDisabledAsync(admin.Id, true, by)));

        Assert.Empty(await WithAdminAsync(a => a.CreateAsync("second.admin@demo.local", "Second-Admin-2026!", Roles.Admin, by)));
        Assert.Null(await WithAdminAsync(a => a.SetRoleAsync(admin.Id, Roles.Viewer, by)));
        var users = await WithAdminAsync(a => a.UsersAsync());
        Assert.Equal(Roles.Viewer, users.Single(u => u.Id == admin.Id).Role);
        var second = users.Single(u => u.Email == "second.admin@demo.local");
        Assert.Equal(AdminRights.StaleSignIn, await WithAdminAsync(a => a.SetDisabledAsync(second.Id, true, by)));
        var bySecond = await PrincipalAsync(_app.Services, "second.admin@demo.local");
        Assert.Equal(UserAdminService.LastAdminMessage, await WithAdminAsync(a => a.SetDisabledAsync(second.Id, true, bySecond)));
    }

    [Fact]
    public async Task CreateUser_WeakPassword_IdentityMessagesNoUser()
    {
        var by = await AdminAsync();
        var errors = await WithAdminAsync(a => a.CreateAsync("weak@demo.local", "short", Roles.Viewer, by));

        Assert.NotEmpty(errors);
        Assert.DoesNotContain(await WithAdminAsync(a => a.UsersAsync()), u => u.Email == "weak@demo.local");
    }

    [Fact]
    public async Task ApiKey_ViewerKeyReadsRefusedWrites_RevokedKeyIs401_SecretNotStored()
    {
        var by = await AdminAsync();
        var (secret, error) = await WithAdminAsync(a => a.CreateKeyAsync("BI export", Roles.Viewer, by));
        Assert.Null(error);
        using var client = _app.CreateApiClient(secret);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/metrics/summary", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/imports/targets", new StringContent("quarter,segment,amount\n"), Ct)).StatusCode);
        var key = (await WithAdminAsync(a => a.KeysAsync())).Single(k => k.Name == "BI export");
        Assert.Equal(secret![..10], key.Prefix);
        Assert.DoesNotContain(secret, File.ReadAllText(_app.DatabasePath, System.Text.Encoding.Latin1), StringComparison.Ordinal);

        Assert.Null(await WithAdminAsync(a => a.RevokeKeyAsync(key.Id, by)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/metrics/summary", Ct)).StatusCode);
    }

    [Fact]
    public async Task ResetPassword_EndsTheUsersSessions_NewPasswordSignsIn_DisabledUserCannot()
    {
        await using var strict = _app.WithWebHostBuilder(b => b.ConfigureServices(s => s.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero)));
        var viewer = await _app.TrySignInAsync(DemoCredentials.ViewerEmail, DemoCredentials.ViewerPassword, strict);
        Assert.NotNull(viewer);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/retention", Ct)).StatusCode);
        var id = (await WithAdminAsync(a => a.UsersAsync())).Single(u => u.Email == DemoCredentials.ViewerEmail).Id;
        var by = await AdminAsync();

        await using (var scope = strict.Services.CreateAsyncScope())
        {
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<UserAdminService>().ResetPasswordAsync(id, "Brand-New-Viewer-2026!", by));
        }

        using var after = await viewer.GetAsync("/retention", Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Null(await _app.TrySignInAsync(DemoCredentials.ViewerEmail, DemoCredentials.ViewerPassword, strict));
        Assert.NotNull(await _app.TrySignInAsync(DemoCredentials.ViewerEmail, "Brand-New-Viewer-2026!", strict));

        await using (var scope = strict.Services.CreateAsyncScope())
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<UserAdminService>().SetDisabledAsync(id, true, by));
        }

        Assert.Null(await _app.TrySignInAsync(DemoCredentials.ViewerEmail, "Brand-New-Viewer-2026!", strict));
    }

    [Fact]
    public async Task AuditLog_SignInsAndUserChanges_RecordedWithWhoAndBeforeAfter()
    {
        Assert.Null(await _app.TrySignInAsync(DemoCredentials.ViewerEmail, "wrong-password-1"));
        Assert.NotNull(await _app.TrySignInAsync(DemoCredentials.ViewerEmail, DemoCredentials.ViewerPassword));
        var id = (await WithAdminAsync(a => a.UsersAsync())).Single(u => u.Email == DemoCredentials.ViewerEmail).Id;
        var by = await AdminAsync();
        Assert.Null(await WithAdminAsync(a => a.SetRoleAsync(id, Roles.Admin, by)));

        var log = await _app.Services.GetRequiredService<Data.Audit.AuditLog>().LatestAsync(ct: Ct);

        Assert.Contains(log, r => r.Action == "sign-in.failed" && r.Target == DemoCredentials.ViewerEmail);
        Assert.Contains(log, r => r.Action == "sign-in" && r.Actor == DemoCredentials.ViewerEmail);
        var role = Assert.Single(log, r => r.Action == "user.role");
        Assert.Equal((DemoCredentials.AdminEmail, DemoCredentials.ViewerEmail), (role.Actor, role.Target));
        Assert.Contains("Viewer", role.Before, StringComparison.Ordinal);
        Assert.Contains("Admin", role.After, StringComparison.Ordinal);
        Assert.DoesNotContain(log, r => (r.Before + r.After).Contains(DemoCredentials.ViewerPassword, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChangeOwnPassword_SignsOutOtherSessions_KeepsThisOne()
    {
        await using var strict = _app.WithWebHostBuilder(b => b.ConfigureServices(s => s.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero)));
        var here = (await _app.TrySignInAsync(DemoCredentials.ViewerEmail, DemoCredentials.ViewerPassword, strict))!;
        var elsewhere = (await _app.TrySignInAsync(DemoCredentials.ViewerEmail, DemoCredentials.ViewerPassword, strict))!;

        var html = await here.GetStringAsync("/Account/Manage", Ct);
        var fields = System.Text.RegularExpressions.Regex.Matches(html, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")
            .ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        fields["Input.Current"] = DemoCredentials.ViewerPassword;
        fields["Input.New"] = "Changed-Viewer-2026!";
        fields["Input.Confirm"] = "Changed-Viewer-2026!";
        using var post = await here.PostAsync("/Account/Manage", new FormUrlEncodedContent(fields), Ct);
        Assert.Contains("Password changed", await post.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/retention", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/retention", Ct)).StatusCode);
        Assert.NotNull(await _app.TrySignInAsync(DemoCredentials.ViewerEmail, "Changed-Viewer-2026!", strict));
    }

    [Theory]
    [InlineData("Password123!")]
    [InlineData("!!Qwerty2026")]
    [InlineData("Sunshine2026?")]
    public async Task CreateUser_CommonPasswordDressedUp_RefusedWithReasonNoUser(string password)
    {
        var by = await AdminAsync();

        var errors = await WithAdminAsync(a => a.CreateAsync("common@demo.local", password, Roles.Viewer, by));

        Assert.Contains(CommonPasswordValidator.Message, errors);
        Assert.DoesNotContain(await WithAdminAsync(a => a.UsersAsync()), u => u.Email == "common@demo.local");
    }
}
