using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace ExpansionDashboard.Web.Auth;

/// <summary>
/// Proof of intent for /api writes made with the sign-in cookie. SameSite=Strict stops other sites, but a page on
/// another port of the same host is same-site: its no-cors <c>fetch</c> (text/plain, form or multipart) carries the
/// cookie. Such a request cannot set a custom header without a CORS preflight, which this app never grants, so a
/// cookie-authenticated write must carry <see cref="HeaderName"/> (or X-Requested-With) or a valid antiforgery token
/// in the RequestVerificationToken header. API-key requests are not affected: a browser never adds X-Api-Key by itself.
/// </summary>
public static class WriteIntent
{
    /// <summary>Any non-empty value proves the request came from code that could set headers on this origin.</summary>
    public const string HeaderName = "X-Dashboard-Intent";

    public const string RequestedWithHeader = "X-Requested-With";

    public const string AntiforgeryHeader = "RequestVerificationToken";

    /// <summary>After authentication (it needs to know whether the cookie signed the request in), before authorization.</summary>
    public static IApplicationBuilder UseWriteIntent(this IApplicationBuilder app) => app.UseMiddleware<WriteIntentMiddleware>();

    internal static bool IsWrite(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method));
}

internal sealed class WriteIntentMiddleware(RequestDelegate next, IAntiforgery antiforgery)
{
    public async Task InvokeAsync(HttpContext ctx)
    {
        var request = ctx.Request;
        if (!RateLimits.IsApi(request) || !WriteIntent.IsWrite(request) || !SignedInByCookie(ctx) || HasHeader(request, ApiKeyAuthenticationHandler.HeaderName)
            || HasHeader(request, WriteIntent.HeaderName) || HasHeader(request, WriteIntent.RequestedWithHeader))
        {
            await next(ctx);
            return;
        }

        if (HasHeader(request, WriteIntent.AntiforgeryHeader))
        {
            if (await antiforgery.IsRequestValidAsync(ctx))
            {
                await next(ctx);
                return;
            }

            await RefuseAsync(ctx, "The antiforgery token in the RequestVerificationToken header is not valid for this sign-in.");
            return;
        }

        var type = string.IsNullOrWhiteSpace(request.ContentType) ? "no content type" : request.ContentType.Split(';')[0].Trim();
        await RefuseAsync(ctx,
            $"This write came with the sign-in cookie ({type}) but without proof that this app's own page sent it: browser forms and " +
            $"cross-site pages are refused. Scripts use an API key (X-Api-Key); a page of this app sends the {WriteIntent.HeaderName} header.");
    }

    private static bool SignedInByCookie(HttpContext ctx) =>
        ctx.User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == IdentityConstants.ApplicationScheme);

    private static bool HasHeader(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && !string.IsNullOrWhiteSpace(values.ToString());

    private static Task RefuseAsync(HttpContext ctx, string detail)
    {
        ctx.Response.Headers.CacheControl = "no-store";
        return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Write refused: no proof of intent", detail: detail,
            extensions: new Dictionary<string, object?> { ["reason"] = "missing-intent" }).ExecuteAsync(ctx);
    }
}
