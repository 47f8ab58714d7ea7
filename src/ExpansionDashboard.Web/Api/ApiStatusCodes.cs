using Microsoft.AspNetCore.Diagnostics;

namespace ExpansionDashboard.Web.Api;

public static class ApiStatusCodes
{
    /// <summary>
    /// API and health responses keep their own status and body: the HTML status-code page is for people, and
    /// re-executing an API's 401 as a page request would turn it into something else.
    /// </summary>
    public static IApplicationBuilder UseApiStatusCodes(this IApplicationBuilder app) =>
        app.Use((ctx, next) =>
        {
            if (ctx.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) ||
                ctx.Request.Path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase))
            {
                if (ctx.Features.Get<IStatusCodePagesFeature>() is { } feature)
                {
                    feature.Enabled = false;
                }
            }

            return next(ctx);
        });
}
