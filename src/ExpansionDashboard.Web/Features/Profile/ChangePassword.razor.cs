using System.ComponentModel.DataAnnotations;

namespace ExpansionDashboard.Web.Features.Profile;

public partial class ChangePassword
{
    private string? _message;
    private bool _ok;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm]
    private InputModel Input { get; set; } = default!;

    protected override void OnInitialized() => Input ??= new();

    private async Task ChangeAsync()
    {
        var user = await UserManager.GetUserAsync(HttpContext.User);
        if (user is null)
        {
            _message = "Your session has ended; sign in again.";
            return;
        }

        var result = await UserManager.ChangePasswordAsync(user, Input.Current, Input.New);
        if (!result.Succeeded)
        {
            _message = string.Join(" ", result.Errors.Select(e => e.Description));
            return;
        }

        // ChangePassword gave the user a new security stamp: other sessions fail their next check; this one is renewed.
        await SignInManager.RefreshSignInAsync(user);
        await Audit.WriteAsync(user.Email ?? user.Id, "user.password-change", user.Email ?? user.Id);
        (_ok, _message) = (true, "Password changed. Other sessions are signed out.");
        Input = new();
    }

    private sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your current password.")]
        public string Current { get; set; } = "";

        [Required(ErrorMessage = "Enter a new password.")]
        [MinLength(10, ErrorMessage = "Use at least 10 characters.")]
        public string New { get; set; } = "";

        [Compare(nameof(New), ErrorMessage = "The two new passwords differ.")]
        public string Confirm { get; set; } = "";
    }
}
