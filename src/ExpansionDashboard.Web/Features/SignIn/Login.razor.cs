using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using ExpansionDashboard.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace ExpansionDashboard.Web.Features.SignIn;

public partial class Login
{
    public const string WrongCredentialsMessage = "E-mail or password is not correct.";

    private string? errorMessage;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm]
    private InputModel Input { get; set; } = default!;

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        if (HttpMethods.IsGet(HttpContext.Request.Method))
        {
            // Clear any external cookie so the sign-in starts clean.
            await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        }
    }

    // Known and unknown e-mails cost the same (one password-hash check) and get the same message; whether an account is
    // disabled or locked is told only to someone who knows its password.
    private async Task SignInAsync()
    {
        var address = RateLimits.ClientAddress(HttpContext);
        if (Throttle.IsBlocked(address, out var wait))
        {
            await AuditAnonymousAsync(address, "sign-in.throttled", null);
            errorMessage = $"Too many failed sign-ins from your address: try again in {Minutes(wait)}.";
            return;
        }

        var user = await UserManager.FindByEmailAsync(Input.Email);
        bool passwordOk;
        if (user is null)
        {
            Throttle.VerifyAgainstDummy(UserManager.PasswordHasher, Input.Password);
            passwordOk = false;
        }
        else
        {
            passwordOk = await UserManager.CheckPasswordAsync(user, Input.Password);
        }

        if (!passwordOk)
        {
            Throttle.RecordFailure(address);
            if (user is not null && !await UserManager.IsLockedOutAsync(user))
            {
                await UserManager.AccessFailedAsync(user);
                if (await UserManager.IsLockedOutAsync(user))
                {
                    await Audit.WriteAsync("anonymous", "sign-in.locked-out", user.Email ?? user.Id, after: new { address, minutes = SignInThrottle.AccountLockout.TotalMinutes });
                }
            }

            await AuditAnonymousAsync(address, "sign-in.failed", user);
            errorMessage = WrongCredentialsMessage;
            return;
        }

        var email = user!.Email ?? user.Id;
        if (user.IsDisabled)
        {
            await Audit.WriteAsync(email, "sign-in.refused-disabled", email);
            errorMessage = "This account is disabled. Ask an administrator.";
            return;
        }

        if (await UserManager.IsLockedOutAsync(user))
        {
            await Audit.WriteAsync(email, "sign-in.refused-locked", email);
            var end = await UserManager.GetLockoutEndDateAsync(user) ?? DateTimeOffset.UtcNow;
            errorMessage = $"Too many failed attempts on this account: it is locked for {Minutes(end - DateTimeOffset.UtcNow)}.";
            return;
        }

        if (!await SignInManager.CanSignInAsync(user))
        {
            errorMessage = WrongCredentialsMessage;
            return;
        }

        await UserManager.ResetAccessFailedCountAsync(user);
        await SignInManager.SignInAsync(user, Input.RememberMe);
        await Audit.WriteAsync(email, "sign-in", email, after: new { address });
        Logger.LogInformation("User signed in.");
        Navigation.NavigateTo(SafeReturnUrl(ReturnUrl), forceLoad: true);
    }

    // Known accounts are named (their e-mail is ours, not the attacker's text); unknown ones never are.
    private async Task AuditAnonymousAsync(string address, string action, AppUser? user)
    {
        if (Throttle.TryAudit(address, out var suppressed))
        {
            await Audit.WriteAsync("anonymous", action, user?.Email ?? "(unknown account)", after: new { address, earlierFailuresNotLogged = suppressed });
        }
    }

    private static string Minutes(TimeSpan wait)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        return minutes == 1 ? "1 minute" : $"{minutes} minutes";
    }

    // Only local paths: an absolute URL in ReturnUrl would make this page an open redirect.
    private static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";

    private sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        public bool RememberMe { get; set; }
    }
}
