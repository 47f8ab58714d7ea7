using System.Net;
using System.Globalization;
using ExpansionDashboard.Web.Features.ReviewLinks;
using ExpansionDashboard.Web.Tests.Auth;

namespace ExpansionDashboard.Web.Tests.Features.ReviewLinks;

/// <summary>
/// The kiosk token's rights, over a real Kestrel port and the real SQLite store: a review link opens /review and
/// nothing else, never times out, and a revoke ends it on the next request.
/// </summary>
[Trait(Lanes.Category, Lanes.Host)]
public sealed class ReviewLinkRightsTests : IAsyncLifetime
{
    private ScreenHost _host = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _host = ScreenHost.Start();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task OpenLink_ValidToken_SignsInAsScreenAndLandsOnAutoplayingReview()
    {
        var token = await CreateAsync("Room 3 screen");
        var (client, cookies) = _host.NewClient();

        using var open = await client.GetAsync($"/review/link/{token}", Ct);

        await ExpectAsync(open, HttpStatusCode.Redirect);
        Assert.Equal("/review?autoplay=30", open.Headers.Location?.OriginalString);
        Assert.NotNull(cookies.GetCookies(new Uri(_host.BaseUrl))[ReviewLinkSignIn.CookieName]);
        using var review = await client.GetAsync("/review", Ct);
        await ExpectAsync(review, HttpStatusCode.OK);
        var reviewHtml = await review.Content.ReadAsStringAsync(Ct);
        await File.WriteAllTextAsync("/tmp/kiosk-review.html", reviewHtml, Ct);
        Assert.Contains("data-testid=\"review\"", reviewHtml, StringComparison.Ordinal);
        var row = Assert.Single(await _host.Links.ListAsync(Ct), l => l.Name == "Room 3 screen");
        Assert.NotNull(row.LastUsedUtc);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/accounts")]
    [InlineData("/retention")]
    [InlineData("/alerts")]
    [InlineData("/admin")]
    [InlineData("/admin/review-links")]
    [InlineData("/admin/users")]
    [InlineData("/Account/Manage")]
    [InlineData("/Account/Login")]
    [InlineData("/no-such-page")]
    public async Task Screen_AnyPageButReview_Refused403WithReviewOnlyNotice(string path)
    {
        var client = await ScreenClientAsync();

        using var response = await client.GetAsync(path, Ct);

        await ExpectAsync(response, HttpStatusCode.Forbidden);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("This screen shows the review only", html, StringComparison.Ordinal);
        Assert.DoesNotContain("blazor.web.js", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/metrics/summary")]
    [InlineData("/api/metrics/movements")]
    [InlineData("/api/admin/backup")]
    public async Task Screen_ApiRoutes_Refused403(string path)
    {
        var client = await ScreenClientAsync();

        using var response = await client.GetAsync(path, Ct);

        await ExpectAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Screen_LogoutAndApiWrites_Refused403()
    {
        var client = await ScreenClientAsync();

        using var logout = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent([]), Ct);
        using var import = await client.PostAsync("/api/imports/accounts", new StringContent("x"), Ct);

        await ExpectAsync(logout, HttpStatusCode.Forbidden);
        await ExpectAsync(import, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Screen_ReviewsScriptsAndStyles_Served()
    {
        var client = await ScreenClientAsync();

        using var script = await client.GetAsync("/_framework/blazor.web.js", Ct);
        using var styles = await client.GetAsync("/css/app.css", Ct);
        using var review = await client.GetAsync("/review?autoplay=30", Ct);

        await ExpectAsync(script, HttpStatusCode.OK);
        await ExpectAsync(styles, HttpStatusCode.OK);
        await ExpectAsync(review, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Revoke_NextRequestOfThatScreen_RefusedWithRevokedNotice()
    {
        var token = await CreateAsync("Board room");
        var (client, cookies) = _host.NewClient();
        using (await client.GetAsync($"/review/link/{token}", Ct))
        {
        }

        using (var before = await client.GetAsync("/review", Ct))
        {
            await ExpectAsync(before, HttpStatusCode.OK);
        }

        var link = Assert.Single(await _host.Links.ListAsync(Ct), l => l.Name == "Board room");
        Assert.True(await _host.Links.RevokeAsync(link.Id, "admin@demo.local", Ct));

        using var after = await client.GetAsync("/review", Ct);
        await ExpectAsync(after, HttpStatusCode.Forbidden);
        Assert.Contains("This review link was revoked or is not valid", await after.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // The notice drops the dead cookie: the browser is an ordinary anonymous one again, sent to sign in.
        Assert.Null(cookies.GetCookies(new Uri(_host.BaseUrl))[ReviewLinkSignIn.CookieName]);
        using var next = await client.GetAsync("/review", Ct);
        await ExpectAsync(next, HttpStatusCode.Redirect);
        Assert.Contains("/Account/Login", next.Headers.Location?.OriginalString, StringComparison.Ordinal);

        // The token itself is dead too.
        using var reopen = await client.GetAsync($"/review/link/{token}", Ct);
        await ExpectAsync(reopen, HttpStatusCode.NotFound);
        var audit = await _host.Links.ListAsync(Ct);
        Assert.Contains(audit, l => l.Id == link.Id && l.RevokedBy == "admin@demo.local");
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("%F0%9F%92%A9%27%22%3Cscript%3E")]
    [InlineData("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    public async Task OpenLink_UnknownToken_FriendlyNoticeNoSignIn(string token)
    {
        var (client, cookies) = _host.NewClient();

        using var response = await client.GetAsync($"/review/link/{token}", Ct);

        await ExpectAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("This review link was revoked or is not valid", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Null(cookies.GetCookies(new Uri(_host.BaseUrl))[ReviewLinkSignIn.CookieName]);
    }

    [Fact]
    public async Task ScreenCookie_NoTimeout_StillSignedInAfterAMonthWhileAPersonTimesOut()
    {
        var screen = await ScreenClientAsync();
        var person = _host.NewClient().Client;
        var (status, _, _) = await AuthTestHost.SignInAsync(person, "viewer@demo.local", "Demo-Viewer-2026!");
        Assert.Equal(HttpStatusCode.Redirect, status);
        using (var fresh = await person.GetAsync("/review", Ct))
        {
            await ExpectAsync(fresh, HttpStatusCode.OK);
        }

        _host.Time.Advance(TimeSpan.FromDays(31));

        using var screenReview = await screen.GetAsync("/review", Ct);
        using var personReview = await person.GetAsync("/review", Ct);
        await ExpectAsync(screenReview, HttpStatusCode.OK);
        await ExpectAsync(personReview, HttpStatusCode.Redirect);

        // A month on, the screen's browser is handed the cookie again with the full lifetime ahead.
        var reissued = screenReview.Headers.TryGetValues("Set-Cookie", out var set) ? set.FirstOrDefault(c => c.StartsWith(ReviewLinkSignIn.CookieName + "=", StringComparison.Ordinal)) : null;
        Assert.NotNull(reissued);
        Assert.True(Expires(reissued) > _host.Time.GetUtcNow().AddDays(399), reissued);
    }

    [Fact]
    public async Task OpenLink_Cookie_PersistentHttpOnlyLaxWithoutSliding()
    {
        var token = await CreateAsync("Lobby");
        var (client, _) = _host.NewClient();

        using var open = await client.GetAsync($"/review/link/{token}", Ct);

        var cookie = Assert.Single(open.Headers.GetValues("Set-Cookie"), c => c.StartsWith(ReviewLinkSignIn.CookieName + "=", StringComparison.Ordinal));
        var flags = cookie.ToLowerInvariant();
        Assert.Contains("; httponly", flags, StringComparison.Ordinal);
        Assert.Contains("; samesite=lax", flags, StringComparison.Ordinal);
        Assert.True(Expires(cookie) > _host.Time.GetUtcNow().AddDays(399), cookie);

        // Requests within the day do not re-issue it: nothing slides.
        _host.Time.Advance(TimeSpan.FromHours(9));
        using var later = await client.GetAsync("/review", Ct);
        await ExpectAsync(later, HttpStatusCode.OK);
        Assert.False(later.Headers.TryGetValues("Set-Cookie", out var again) && again.Any(c => c.StartsWith(ReviewLinkSignIn.CookieName + "=", StringComparison.Ordinal)));
    }

    /// <summary>The status, with the start of the body when it is not the expected one.</summary>
    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync(Ct);
            await File.WriteAllTextAsync($"/tmp/kiosk-fail-{(int)response.StatusCode}.html", body, Ct);
            Assert.Fail($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} instead of {(int)expected}: {body[..Math.Min(body.Length, 1500)]}");
        }
    }

    private async Task<string> CreateAsync(string name)
    {
        var (created, error) = await _host.Links.CreateAsync(name, "admin@demo.local", Ct);
        Assert.Null(error);
        return created!.Token;
    }

    private async Task<HttpClient> ScreenClientAsync()
    {
        var token = await CreateAsync("Screen " + Guid.NewGuid().ToString("N")[..6]);
        var (client, _) = _host.NewClient();
        using var open = await client.GetAsync($"/review/link/{token}", Ct);
        await ExpectAsync(open, HttpStatusCode.Redirect);
        return client;
    }

    private static DateTimeOffset Expires(string setCookie)
    {
        var part = setCookie.Split(';').Select(p => p.Trim()).First(p => p.StartsWith("expires=", StringComparison.OrdinalIgnoreCase));
        return DateTimeOffset.Parse(part["expires=".Length..], CultureInfo.InvariantCulture);
    }
}
