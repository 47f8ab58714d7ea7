using System.Net;
using ExpansionDashboard.Data.Entities;
using ExpansionDashboard.Web.Auth;
using ExpansionDashboard.Web.Features.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ExpansionDashboard.Web.Tests.Auth;

/// <summary>
/// Sign-in on the real app: unknown and known e-mails cost the same and read the same, account status only after the
/// right password, a per-address limit below the account lockout, throttled audit rows, and 429 rate limits.
/// </summary>
[Trait(Lanes.Category, Lanes.Host)]
public sealed class SignInHardeningTests : IAsyncLifetime
{
    private const string ApiKey = "sign-in-hardening-key-0123456789";

    private DashboardAppFactory _app = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _app = new DashboardAppFactory(new Dictionary<string, string?> { ["Dashboard:DemoData"] = "true", ["Dashboard:BootstrapApiKey"] = ApiKey });
        _ = _app.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<T> WithUsersAsync<T>(WebApplicationFactory<Program> app, Func<UserManager<AppUser>, AppUser, Task<T>> action, string email = DemoCredentials.ViewerEmail)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await action(users, (await users.FindByEmailAsync(email))!);
    }

    [Fact]
    public async Task SignIn_UnknownAndKnownEmail_OneHashCheckEachAndTheSameMessage()
    {
        var hasher = new CountingHasher();
        await using var app = _app.WithClientAddresses(s => s.Replace(ServiceDescriptor.Singleton<IPasswordHasher<AppUser>>(hasher)));
        var client = AuthTestHost.Client(app, "10.0.0.1");
        _ = await AuthTestHost.SignInAsync(client, "warm-up@nowhere.test", "Wrong-Password-1!");

        var before = hasher.Verifications;
        var unknown = await AuthTestHost.SignInAsync(client, "nobody@nowhere.test", "Wrong-Password-1!");
        var afterUnknown = hasher.Verifications;
        var known = await AuthTestHost.SignInAsync(client, DemoCredentials.ViewerEmail, "Wrong-Password-1!");

        Assert.Equal(1, afterUnknown - before);
        Assert.Equal(1, hasher.Verifications - afterUnknown);
        Assert.Equal(Login.WrongCredentialsMessage, unknown.Error);
        Assert.Equal(unknown.Error, known.Error);
        Assert.Equal(unknown.Status, known.Status);
    }

    [Fact]
    public async Task SignIn_DisabledAccount_RevealedOnlyAfterTheRightPassword()
    {
        await WithUsersAsync(_app, async (users, u) => { u.IsDisabled = true; return await users.UpdateAsync(u); });
        await using var app = _app.WithClientAddresses();
        var client = AuthTestHost.Client(app, "10.0.0.2");

        var wrong = await AuthTestHost.SignInAsync(client, DemoCredentials.ViewerEmail, "Wrong-Password-1!");
        var right = await AuthTestHost.SignInAsync(client, DemoCredentials.ViewerEmail, DemoCredentials.ViewerPassword);

        Assert.Equal(Login.WrongCredentialsMessage, wrong.Error);
        Assert.Contains("disabled", right.Error, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.Redirect, right.Status);
    }

    [Fact]
    public async Task SignIn_OneAddress_ThrottledBeforeTheAccountLocks_OtherAddressStillSignsIn()
    {
        await using var app = _app.WithClientAddresses();
        var attacker = AuthTestHost.Client(app, "203.0.113.9");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(Login.WrongCredentialsMessage, (await AuthTestHost.SignInAsync(attacker, DemoCredentials.AdminEmail, $"Wrong-Password-{i}!")).Error);
        }

        var sixth = await AuthTestHost.SignInAsync(attacker, DemoCredentials.AdminEmail, DemoCredentials.AdminPassword);
        Assert.Contains("Too many failed sign-ins from your address", sixth.Error, StringComparison.Ordinal);
        Assert.False(await WithUsersAsync(app, (users, u) => users.IsLockedOutAsync(u), DemoCredentials.AdminEmail));

        var admin = await AuthTestHost.SignInAsync(AuthTestHost.Client(app, "198.51.100.7"), DemoCredentials.AdminEmail, DemoCredentials.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, admin.Status);
    }

    [Fact]
    public async Task SignIn_ManyAddresses_LockTheAccountForFiveMinutes_ShownOnlyWithThePassword()
    {
        await using var app = _app.WithClientAddresses();
        for (var i = 0; i < SignInThrottle.AccountLockoutFailures; i++)
        {
            _ = await AuthTestHost.SignInAsync(AuthTestHost.Client(app, $"192.0.2.{i + 1}"), DemoCredentials.ViewerEmail, $"Wrong-Password-{i}!");
        }

        var end = await WithUsersAsync(app, (users, u) => users.GetLockoutEndDateAsync(u));
        Assert.InRange((end!.Value - DateTimeOffset.UtcNow).TotalMinutes, 4, 5.1);

        var probe = AuthTestHost.Client(app, "192.0.2.200");
        Assert.Equal(Login.WrongCredentialsMessage, (await AuthTestHost.SignInAsync(probe, DemoCredentials.ViewerEmail, "Wrong-Password-x!")).Error);
        Assert.Contains("locked", (await AuthTestHost.SignInAsync(probe, DemoCredentials.ViewerEmail, DemoCredentials.ViewerPassword)).Error, StringComparison.Ordinal);
        Assert.Contains(await _app.Services.GetRequiredService<Data.Audit.AuditLog>().LatestAsync("sign-in.locked-out", ct: Ct), r => r.Target == DemoCredentials.ViewerEmail);
    }

    [Fact]
    public async Task SignIn_AnonymousFailuresFromOneAddress_OneAuditRow_NoChosenNames()
    {
        await using var app = _app.WithClientAddresses();
        var client = AuthTestHost.Client(app, "203.0.113.50");
        for (var i = 0; i < 4; i++)
        {
            _ = await AuthTestHost.SignInAsync(client, $"chosen-name-{i}@attacker.test", "Wrong-Password-1!");
        }

        var log = await _app.Services.GetRequiredService<Data.Audit.AuditLog>().LatestAsync(ct: Ct);

        Assert.Single(log, r => r.Action == "sign-in.failed");
        Assert.DoesNotContain(log, r => (r.Actor + r.Target + r.Before + r.After).Contains("chosen-name", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_PostsOverTheLimit_429WithRetryAfter()
    {
        await using var app = new DashboardAppFactory(new Dictionary<string, string?> { ["Dashboard:DemoData"] = "true", ["Dashboard:RateLimits:SignInPerMinute"] = "3" });
        var client = AuthTestHost.Client(app);
        for (var i = 0; i < 3; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await AuthTestHost.SignInAsync(client, "nobody@nowhere.test", "Wrong-Password-1!")).Status);
        }

        var refused = await AuthTestHost.SignInAsync(client, DemoCredentials.AdminEmail, DemoCredentials.AdminPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.InRange(int.Parse(refused.Response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
    }

    [Fact]
    public async Task Api_RequestsOverTheLimit_429ProblemWithRetryAfter()
    {
        await using var app = new DashboardAppFactory(new Dictionary<string, string?> { ["Dashboard:RateLimits:ApiPerMinute"] = "3", ["Dashboard:BootstrapApiKey"] = ApiKey });
        using var client = app.CreateApiClient("wrong-key-guess-0123456789abcdef");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/demo", Ct)).StatusCode);
        }

        using var refused = await client.GetAsync("/api/demo", Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 and <= 60 }, refused.Headers.RetryAfter?.ToString());
    }

    private sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
