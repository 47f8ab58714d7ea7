using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using ExpansionDashboard.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Web.Auth;

/// <summary>
/// Authenticates automation by the X-Api-Key header: the configured bootstrap key or a stored key
/// (only its SHA-256 hash is kept) whose creator still has the rights it needs (<see cref="ApiKeyStanding"/>). Used on
/// /api routes only.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<DashboardOptions> dashboard,
    IDbContextFactory<DashboardDbContext> dbFactory)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    public static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
        {
            return AuthenticateResult.NoResult();
        }

        var key = values.ToString().Trim();
        var bootstrap = dashboard.CurrentValue.BootstrapApiKey;
        if (!string.IsNullOrEmpty(bootstrap) &&
            CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(bootstrap)))
        {
            return Success("bootstrap-api-key", Roles.Admin);
        }

        var hash = Hash(key);
        await using var db = await dbFactory.CreateDbContextAsync(Context.RequestAborted);
        var stored = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Hash == hash && k.RevokedUtc == null, Context.RequestAborted);
        if (stored is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        // Checked on every request: the creator's standing can change between two calls of a script.
        return await ApiKeyStanding.SuspensionAsync(db, stored.CreatedBy, stored.Role, Context.RequestAborted) is { } reason
            ? AuthenticateResult.Fail($"API key suspended: {reason}.")
            : Success($"api-key:{stored.Name}", stored.Role);
    }

    private static AuthenticateResult Success(string name, string role)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
