using System.ComponentModel.DataAnnotations;
using System.Net;

namespace ExpansionDashboard.Web.Options;

/// <summary>
/// The <c>Dashboard:ReverseProxy</c> settings. Off by default: forwarded headers are believed only when the app is known
/// to sit behind a proxy, and then only from the proxies named here, so a client that reaches the app directly cannot
/// claim another address or https.
/// </summary>
public sealed class ReverseProxyOptions : IValidatableObject
{
    public const string Section = "Dashboard:ReverseProxy";

    /// <summary>Apply X-Forwarded-For, X-Forwarded-Proto and X-Forwarded-Host from the known proxies.</summary>
    public bool Enabled { get; set; }

    /// <summary>Addresses of the proxies (e.g. 10.0.0.5); with neither this nor <see cref="KnownNetworks"/>, the loopback address only.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks in CIDR notation (e.g. 10.0.0.0/24) whose members are trusted proxies.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row may add their entry (1 for one nginx in front).</summary>
    [Range(1, 10, ErrorMessage = "Dashboard:ReverseProxy:ForwardLimit must be between 1 and 10.")]
    public int ForwardLimit { get; set; } = 1;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var p in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult($"Dashboard:ReverseProxy:KnownProxies '{p}' is not an IP address (for example 10.0.0.5 or ::1).", [nameof(KnownProxies)]);
        }

        foreach (var n in KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult($"Dashboard:ReverseProxy:KnownNetworks '{n}' is not a network in CIDR notation (for example 10.0.0.0/24).", [nameof(KnownNetworks)]);
        }
    }
}
