using System.ComponentModel.DataAnnotations;

namespace ExpansionDashboard.Web.Options;

/// <summary>The `Dashboard:RateLimits` settings: requests per client IP address and minute.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Sign-in form posts per IP address and minute; more answer 429 with Retry-After.</summary>
    [Range(1, 100_000, ErrorMessage = "Dashboard:RateLimits:SignInPerMinute must be between 1 and 100000.")]
    public int SignInPerMinute { get; set; } = 20;

    /// <summary>Requests to /api per IP address and minute (with or without a key); more answer 429 with Retry-After.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Dashboard:RateLimits:ApiPerMinute must be between 1 and 1000000.")]
    public int ApiPerMinute { get; set; } = 600;

    /// <summary>
    /// Wrong passwords one IP address may try within <see cref="FailedSignInWindowMinutes"/> before it is refused
    /// without checking; kept below the account lockout so one address alone can never lock an account.
    /// </summary>
    [Range(1, 1000, ErrorMessage = "Dashboard:RateLimits:FailedSignInsPerIp must be between 1 and 1000.")]
    public int FailedSignInsPerIp { get; set; } = 5;

    [Range(1, 1440, ErrorMessage = "Dashboard:RateLimits:FailedSignInWindowMinutes must be between 1 and 1440.")]
    public int FailedSignInWindowMinutes { get; set; } = 15;
}
