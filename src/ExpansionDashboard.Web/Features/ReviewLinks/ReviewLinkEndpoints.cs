using ExpansionDashboard.Data.Audit;
using ExpansionDashboard.Data.ReviewLinks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace ExpansionDashboard.Web.Features.ReviewLinks;

public static class ReviewLinkEndpoints
{
    /// <summary>Opening a link signs this browser in as the screen and sends it to the review; a dead link gets a notice.</summary>
    public static IEndpointRouteBuilder MapReviewLinks(this IEndpointRouteBuilder app)
    {
        app.MapGet(ReviewLinkSignIn.LinkPath + "/{token}", OpenAsync).AllowAnonymous().ExcludeFromDescription();

        // Where an unreadable screen cookie is sent: the notice, and the cookie goes.
        app.MapGet(ReviewLinkSignIn.LinkPath, RefuseAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task OpenAsync(string token, HttpContext http, ReviewLinkService links, AuditLog audit)
    {
        http.Response.Headers.CacheControl = "no-store";
        var link = await links.OpenAsync(token, http.RequestAborted);
        if (link is null)
        {
            await RefuseAsync(http);
            return;
        }

        // One browser, one sign-in: a person who opens the link on their own browser makes it the screen.
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        await http.SignInAsync(ReviewLinkSignIn.Scheme, ReviewLinkSignIn.Principal(link), ReviewLinkSignIn.Properties());
        await audit.WriteAsync($"review-link:{link.Name}", "review-link.sign-in", link.Name,
            after: new { id = link.Id, address = RateLimits.ClientAddress(http) }, ct: http.RequestAborted);
        http.Response.Redirect(ReviewLinkSignIn.LandingUrl);
    }

    // A dead or unreadable link: the screen cookie goes and the notice says why, with no hint of which links exist.
    private static async Task RefuseAsync(HttpContext http)
    {
        await http.SignOutAsync(ReviewLinkSignIn.Scheme);
        await ReviewLinkScope.NoticeAsync(http, ReviewLinkNoticeKind.Invalid, StatusCodes.Status404NotFound);
    }

    /// <summary>The screen's scheme and the default policy that keeps a screen on the review inside a circuit too.</summary>
    public static IServiceCollection AddReviewLinks(this IServiceCollection services, CookieSecurePolicy cookieSecurity)
    {
        services.AddAuthentication().AddReviewLinkSignIn(cookieSecurity);
        services.AddSingleton<IAuthorizationHandler, ReviewOnlyHandler>();
        services.AddAuthorizationBuilder().SetDefaultPolicy(new AuthorizationPolicyBuilder()
            .AddRequirements(new DenyAnonymousAuthorizationRequirement(), new ReviewOnlyRequirement()).Build());
        return services;
    }
}
