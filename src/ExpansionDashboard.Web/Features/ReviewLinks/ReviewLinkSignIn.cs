using System.Security.Claims;
using ExpansionDashboard.Data.ReviewLinks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace ExpansionDashboard.Web.Features.ReviewLinks;

/// <summary>
/// The sign-in of a meeting-room screen: its own cookie scheme, apart from people's. A person's cookie ends after 8
/// hours without use; a screen's never ends by time (its ticket has no expiry and it does not slide) and only a revoke
/// ends it, checked on every request. The principal is a Viewer limited to the review (<see cref="ReviewLinkScope"/>).
/// </summary>
public static class ReviewLinkSignIn
{
    /// <summary>The cookie scheme of screens.</summary>
    public const string Scheme = "ReviewLink";

    /// <summary>The default scheme: a screen's cookie when the request has one, else a person's (Identity's).</summary>
    public const string SelectorScheme = "DashboardSignIn";

    public const string CookieName = "ExpansionDashboard.ReviewLink";

    /// <summary>The claim that makes a principal a screen: the id of the link it signed in with.</summary>
    public const string LinkClaim = "review-link";

    /// <summary>The path of a link: <c>/review/link/{token}</c>.</summary>
    public const string LinkPath = "/review/link";

    /// <summary>Where a screen lands, advancing every 30 seconds.</summary>
    public const string LandingUrl = "/review?autoplay=30";

    /// <summary>
    /// What the browser is told the cookie lives (Chromium keeps no cookie longer than 400 days). The ticket itself has
    /// no expiry; the cookie is sent again once a day, so a screen that stays on is never signed out by its browser.
    /// </summary>
    public static readonly TimeSpan BrowserCookieLifetime = TimeSpan.FromDays(400);

    public static readonly TimeSpan CookieReissuedEvery = TimeSpan.FromDays(1);

    /// <summary>The link id of a screen's principal; null for people, API keys and anonymous requests.</summary>
    public static int? LinkId(ClaimsPrincipal? user) =>
        user?.Identities.FirstOrDefault(i => i.IsAuthenticated && i.AuthenticationType == Scheme)?.FindFirst(LinkClaim)?.Value is { } v
        && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static bool IsScreen(ClaimsPrincipal? user) => LinkId(user) is not null;

    public static ClaimsPrincipal Principal(ReviewLinkRow link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, link.Name),
                new Claim(ClaimTypes.Role, Roles.Viewer),
                new Claim(LinkClaim, link.Id.ToString(CultureInfo.InvariantCulture)),
            ],
            Scheme, ClaimTypes.Name, ClaimTypes.Role);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>Persistent; the expiry is dropped when the ticket is written (<see cref="Configure"/>).</summary>
    public static AuthenticationProperties Properties() => new() { IsPersistent = true, AllowRefresh = false };

    /// <summary>Set on a request whose screen cookie names a revoked link.</summary>
    internal const string EndedItem = "review-link.ended";

    internal static bool Ended(HttpContext ctx) => ctx.Items.ContainsKey(EndedItem);

    internal static void Configure(CookieAuthenticationOptions o, CookieSecurePolicy security)
    {
        o.Cookie.Name = CookieName;
        o.Cookie.HttpOnly = true;
        o.Cookie.SecurePolicy = security;

        // Lax, not Strict like people's cookie: a link opened from a chat or a calendar invite is a cross-site navigation,
        // and Strict would drop the cookie on the redirect to /review. A screen can only read the review, so there is
        // nothing for a cross-site request to do with it.
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.SlidingExpiration = false;
        o.ExpireTimeSpan = BrowserCookieLifetime;
        o.LoginPath = LinkPath;

        o.Events.OnSigningIn = ctx =>
        {
            // The handler has set issued + ExpireTimeSpan; the cookie's Expires header keeps it, the ticket does not, so
            // the server never ends the session by time.
            ctx.Properties.ExpiresUtc = null;
            return Task.CompletedTask;
        };
        o.Events.OnValidatePrincipal = ValidateAsync;
        o.Events.OnRedirectToLogin = ctx => StatusOrRedirect(ctx, StatusCodes.Status401Unauthorized);
        o.Events.OnRedirectToAccessDenied = ctx => StatusOrRedirect(ctx, StatusCodes.Status403Forbidden);
    }

    /// <summary>
    /// Every request: the link must still be active. A revoked link's request is marked and goes on anonymous; the cookie
    /// stays until a page request shows the screen that its link ended (<see cref="ReviewLinkScope"/>), so a circuit that
    /// reloads after the revoke lands on that notice, not on the sign-in form.
    /// </summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext ctx)
    {
        var links = ctx.HttpContext.RequestServices.GetRequiredService<ReviewLinkService>();
        if (LinkId(ctx.Principal) is not { } id || !await links.IsActiveAsync(id, ctx.HttpContext.RequestAborted))
        {
            ctx.RejectPrincipal();
            ctx.HttpContext.Items[EndedItem] = true;
            return;
        }

        var time = ctx.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        if (ctx.Properties.IssuedUtc is { } issued && time.GetUtcNow() - issued > CookieReissuedEvery && !ctx.HttpContext.WebSockets.IsWebSocketRequest)
        {
            await ctx.HttpContext.SignInAsync(Scheme, ctx.Principal!, Properties());
        }
    }

    private static Task StatusOrRedirect(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (status == StatusCodes.Status403Forbidden || ctx.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || !HttpMethods.IsGet(ctx.Request.Method))
        {
            ctx.Response.StatusCode = status;
        }
        else
        {
            // A cookie that cannot be read (another key ring, a damaged copy) lands on the "not valid" notice.
            ctx.Response.Redirect(LinkPath);
        }

        return Task.CompletedTask;
    }

    /// <summary>The schemes: a screen's cookie, and the default that picks it or a person's.</summary>
    public static AuthenticationBuilder AddReviewLinkSignIn(this AuthenticationBuilder auth, CookieSecurePolicy security)
    {
        ArgumentNullException.ThrowIfNull(auth);
        return auth
            .AddCookie(Scheme, o => Configure(o, security))
            .AddPolicyScheme(SelectorScheme, "A screen's or a person's sign-in", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Cookies.ContainsKey(CookieName) ? Scheme : IdentityConstants.ApplicationScheme);
    }
}
