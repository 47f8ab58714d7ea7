using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace ExpansionDashboard.Web.Auth;

/// <summary>
/// Per-IP limits on sign-in posts and on /api (Dashboard:RateLimits): a guessed password or API key costs a request,
/// and one address cannot starve the others. Refusals answer 429 with Retry-After.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddDashboardRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(Partition);
            o.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>Before authentication, so a refused request never reaches the password or key check.</summary>
    public static IApplicationBuilder UseDashboardRateLimits(this IApplicationBuilder app) => app.UseRateLimiter();

    /// <summary>The client's address as the host sees it (behind a proxy, after forwarded headers are applied).</summary>
    public static string ClientAddress(HttpContext ctx) => ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    internal static bool IsSignInPost(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals("/Account/Login", StringComparison.OrdinalIgnoreCase);

    internal static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    private static RateLimitPartition<string> Partition(HttpContext ctx)
    {
        var limits = ctx.RequestServices.GetRequiredService<IOptions<DashboardOptions>>().Value.RateLimits;
        if (IsSignInPost(ctx.Request))
        {
            return PerMinute("sign-in:" + ClientAddress(ctx), limits.SignInPerMinute);
        }

        return IsApi(ctx.Request) ? PerMinute("api:" + ClientAddress(ctx), limits.ApiPerMinute) : RateLimitPartition.GetNoLimiter("none");
    }

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)) : 60;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-store";
        var detail = $"Too many requests from your address: try again in {seconds} seconds.";
        if (IsApi(http.Request))
        {
            await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: detail,
                extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds }).ExecuteAsync(http);
            return;
        }

        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(IsSignInPost(http.Request) ? $"Too many sign-in attempts from your address: try again in {seconds} seconds." : detail, ct);
    }
}
