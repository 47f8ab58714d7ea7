using Microsoft.AspNetCore.Diagnostics;

namespace ExpansionDashboard.Web.Api;

public static class ApiStatusCodes
{
    /// <summary>
    /// API and health responses keep their own status: the HTML status-code page is for people, and re-executing an
    /// API's 401 as a page request would turn it into something else. Under /api every error without a body of its own
    /// (unknown route, 401, 403, 405, 415, an unhandled exception) answers application/problem+json, and no answer may be
    /// cached: they carry figures, keys' results and backups.
    /// </summary>
    public static IApplicationBuilder UseApiStatusCodes(this IApplicationBuilder app)
    {
        app.Use((ctx, next) =>
        {
            var api = IsApi(ctx);
            if (api || ctx.Request.Path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase))
            {
                if (ctx.Features.Get<IStatusCodePagesFeature>() is { } feature)
                {
                    feature.Enabled = false;
                }
            }

            if (api)
            {
                ctx.Response.OnStarting(() =>
                {
                    ctx.Response.Headers.CacheControl = "no-store";
                    return Task.CompletedTask;
                });
            }

            return next(ctx);
        });

        // Before the page-wide handler: an API client gets problem details, not the HTML error page, and never the exception text.
        app.UseWhen(IsApi, api => api.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = ctx => Problem(ctx, StatusCodes.Status500InternalServerError),
        }));

        return app.Use(async (ctx, next) =>
        {
            await next(ctx);
            if (IsApi(ctx) && NeedsBody(ctx.Response))
            {
                await Problem(ctx, ctx.Response.StatusCode);
            }
        });
    }

    private static bool IsApi(HttpContext ctx) => ctx.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    private static bool NeedsBody(HttpResponse response) =>
        response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType);

    private static Task Problem(HttpContext ctx, int status) =>
        Results.Problem(statusCode: status, detail: Detail(ctx, status)).ExecuteAsync(ctx);

    private static string? Detail(HttpContext ctx, int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "Sign in, or send an API key in the X-Api-Key header.",
        StatusCodes.Status403Forbidden => "Your role or API key does not allow this.",
        StatusCodes.Status404NotFound => $"There is no API endpoint at {ctx.Request.Path}.",
        StatusCodes.Status405MethodNotAllowed => $"{ctx.Request.Method} is not allowed on {ctx.Request.Path}.",
        StatusCodes.Status415UnsupportedMediaType => "The request body's content type is not accepted here.",
        StatusCodes.Status500InternalServerError => "The request could not be completed; the server log has the details.",
        _ => null,
    };
}
