using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace ExpansionDashboard.Web.Features.SignIn;

public partial class Login
{
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

    private async Task SignInAsync()
    {
        var user = await UserManager.FindByEmailAsync(Input.Email);
        if (user is { IsDisabled: true })
        {
            await Audit.WriteAsync(Input.Email, "sign-in.refused-disabled", Input.Email);
            errorMessage = "This account is disabled. Ask an administrator.";
            return;
        }

        var result = await SignInManager.PasswordSignInAsync(user?.UserName ?? Input.Email, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        await Audit.WriteAsync(Input.Email, result.Succeeded ? "sign-in" : result.IsLockedOut ? "sign-in.locked-out" : "sign-in.failed", Input.Email);
        if (result.Succeeded)
        {
            Logger.LogInformation("User signed in.");
            Navigation.NavigateTo(SafeReturnUrl(ReturnUrl), forceLoad: true);
        }
        else if (result.IsLockedOut)
        {
            errorMessage = "Too many failed attempts: this account is locked for 15 minutes.";
        }
        else
        {
            errorMessage = "E-mail or password is not correct.";
        }
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
