using ExpansionDashboard.Web.Features.Review;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.StaticAssets;

namespace ExpansionDashboard.Web.Features.ReviewLinks;

public enum ReviewLinkNoticeKind
{
    /// <summary>The link was revoked, or the token or cookie is not one of ours.</summary>
    Invalid,

    /// <summary>A screen asked for something other than the review.</summary>
    ReviewOnly,
}

/// <summary>
/// What a screen signed in with a review link may reach: the review page and what it needs to run (Blazor's circuit and
/// scripts, static assets, status pages). Every other page answers 403 with a notice, every /api route 403. Checked twice:
/// per request here, and inside the circuit by the default authorization policy (<see cref="ReviewOnlyRequirement"/>),
/// because a navigation within a circuit makes no request.
/// </summary>
public static class ReviewLinkScope
{
    /// <summary>Right after authentication: refused requests never reach authorization, antiforgery or an endpoint.</summary>
    public static IApplicationBuilder UseReviewLinkScope(this IApplicationBuilder app) =>
        app.Use(async (ctx, next) =>
        {
            if (ReviewLinkSignIn.Ended(ctx))
            {
                // Infrastructure goes on anonymous (an open circuit then falls to its sign-in redirect, which lands here).
                if (IsInfrastructure(ctx) || !IsPage(ctx))
                {
                    await next(ctx);
                    return;
                }

                await ctx.SignOutAsync(ReviewLinkSignIn.Scheme);
                await NoticeAsync(ctx, ReviewLinkNoticeKind.Invalid, StatusCodes.Status403Forbidden);
                return;
            }

            if (!ReviewLinkSignIn.IsScreen(ctx.User) || Allows(ctx))
            {
                await next(ctx);
                return;
            }

            if (IsPage(ctx))
            {
                await NoticeAsync(ctx, ReviewLinkNoticeKind.ReviewOnly, StatusCodes.Status403Forbidden);
            }
            else
            {
                // /api and writes: the status alone (the API answers problem+json for it).
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
            }
        });

    internal static Task NoticeAsync(HttpContext ctx, ReviewLinkNoticeKind kind, int status)
    {
        ctx.Response.Headers.CacheControl = "no-store";
        return new RazorComponentResult<ReviewLinkNotice>(new { Kind = kind }) { StatusCode = status }.ExecuteAsync(ctx);
    }

    /// <summary>The review page itself, with any of its parameters.</summary>
    public static bool IsReview(PathString path) => path.Equals(ReviewParameters.Path, StringComparison.OrdinalIgnoreCase);

    internal static bool Allows(HttpContext ctx)
    {
        var path = ctx.Request.Path;
        if (IsInfrastructure(ctx))
        {
            return true;
        }

        var read = HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method);
        return read && (IsReview(path)
            || path.StartsWithSegments(ReviewLinkSignIn.LinkPath, StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/status", StringComparison.OrdinalIgnoreCase)
            // The exception handler re-executes here: a failure shows as the 500 it is, not as a refusal.
            || path.StartsWithSegments("/Error", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Blazor's circuit and scripts and the files the build publishes (styles, fonts, chart modules).</summary>
    internal static bool IsInfrastructure(HttpContext ctx)
    {
        var path = ctx.Request.Path;
        return path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/_framework", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/_content", StringComparison.OrdinalIgnoreCase)
            || ctx.GetEndpoint()?.Metadata.GetMetadata<StaticAssetDescriptor>() is not null;
    }

    /// <summary>A browser asking for a page (not an API call, not a write).</summary>
    private static bool IsPage(HttpContext ctx) =>
        (HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method))
        && !ctx.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Part of the default policy: people and keys pass; a screen passes only for the review page.</summary>
public sealed class ReviewOnlyRequirement : IAuthorizationRequirement;

internal sealed class ReviewOnlyHandler : AuthorizationHandler<ReviewOnlyRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ReviewOnlyRequirement requirement)
    {
        if (!ReviewLinkSignIn.IsScreen(context.User) || IsReview(context.Resource))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    // Inside a circuit the router asks with the route's data; a request asks with its HttpContext.
    private static bool IsReview(object? resource) => resource switch
    {
        Microsoft.AspNetCore.Components.RouteData route => route.PageType == typeof(Review.Review),
        HttpContext http => ReviewLinkScope.IsReview(http.Request.Path),
        _ => false,
    };
}
