using System.Security.Claims;
using ExpansionDashboard.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace ExpansionDashboard.Web.Auth;

/// <summary>The outcome of a rights check: the acting admin's e-mail, or why the action is refused.</summary>
public sealed record AdminCheck(string? Actor, string? Refusal)
{
    public bool Allowed => Actor is not null;
}

/// <summary>
/// Re-reads the acting user from the store before each admin action. A circuit holds the principal it started with; a
/// demotion, a disable or a sign-out elsewhere must stop the next click on an open page, not a minute later. The user
/// store is resolved at the check, so a component that only renders needs no Identity services.
/// </summary>
public sealed class AdminRights(IServiceProvider services, IOptions<IdentityOptions> identity, AuthenticationStateProvider authState)
{
    public const string StaleSignIn = "Your sign-in is no longer valid (your password, role or status changed, or you signed out): sign in again.";

    public const string NotAdmin = "Only an Admin may do this, and your account is no longer an Admin: nothing was changed.";

    public const string Disabled = "Your account is disabled: nothing was changed.";

    /// <summary>The signed-in user of this circuit (or request), checked against the store.</summary>
    public async Task<AdminCheck> CheckAsync() => await CheckAsync((await authState.GetAuthenticationStateAsync()).User);

    public async Task<AdminCheck> CheckAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var users = services.GetRequiredService<UserManager<AppUser>>();
        if (users.GetUserId(principal) is not { } id || await users.FindByIdAsync(id) is not { } user)
        {
            return new(null, StaleSignIn);
        }

        if (user.IsDisabled)
        {
            return new(null, Disabled);
        }

        if (users.SupportsUserSecurityStamp &&
            principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) != await users.GetSecurityStampAsync(user))
        {
            return new(null, StaleSignIn);
        }

        return await users.IsInRoleAsync(user, Roles.Admin) ? new(user.Email ?? user.UserName ?? id, null) : new(null, NotAdmin);
    }
}
