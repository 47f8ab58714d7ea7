using System.Security.Claims;
using ExpansionDashboard.Data.Entities;
using ExpansionDashboard.Data.ReviewLinks;
using ExpansionDashboard.Web.Features.ReviewLinks;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;

namespace ExpansionDashboard.Web.Auth;

/// <summary>
/// Re-checks a live circuit's user every few seconds: a disabled user, or one whose security stamp changed (password
/// reset, role change, sign-out), loses the session on the open page too, not only on the next request. Admin actions
/// do not wait for this: they re-read the user themselves (<see cref="AdminRights"/>). A meeting-room screen's circuit
/// ends when its review link is revoked: at once on this instance, at the next check on the others.
/// </summary>
public sealed class RevalidatingAuthStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private readonly IServiceScopeFactory _scopes;
    private readonly IOptions<IdentityOptions> _options;
    private readonly ReviewLinkService _links;

    public RevalidatingAuthStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<IdentityOptions> options, ReviewLinkService links)
        : base(loggerFactory)
    {
        (_scopes, _options, _links) = (scopes, options, links);
        _links.Revoked += OnLinkRevoked;
    }

    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(10);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        if (ReviewLinkSignIn.LinkId(authenticationState.User) is { } linkId)
        {
            return await _links.IsActiveAsync(linkId, cancellationToken);
        }

        await using var scope = _scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.GetUserAsync(authenticationState.User);
        if (user is null || user.IsDisabled)
        {
            return false;
        }

        if (!users.SupportsUserSecurityStamp)
        {
            return true;
        }

        var principalStamp = authenticationState.User.FindFirstValue(_options.Value.ClaimsIdentity.SecurityStampClaimType);
        return principalStamp == await users.GetSecurityStampAsync(user);
    }

    // The circuit's pages fall to their sign-in redirect, whose request (still with the screen's cookie) gets the
    // "revoked" notice.
    private void OnLinkRevoked(int linkId) => _ = EndScreenAsync(linkId);

    private async Task EndScreenAsync(int linkId)
    {
        try
        {
            var state = await GetAuthenticationStateAsync();
            if (ReviewLinkSignIn.LinkId(state.User) == linkId)
            {
                SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
            }
        }
        catch (InvalidOperationException)
        {
            // The circuit has no state yet (it is starting) or is gone: its next check ends it.
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _links.Revoked -= OnLinkRevoked;
        }

        base.Dispose(disposing);
    }
}
