namespace ExpansionDashboard.Web.Features.Admin;

public partial class Users
{
    private IReadOnlyList<UserRow> _users = [];
    private IReadOnlyList<ApiKeyRow> _keys = [];
    private string? _message;
    private Severity _severity = Severity.Info;
    private UserRow? _resetFor;
    private string _resetPassword = "";
    private string _newEmail = "";
    private string _newPassword = "";
    private string _newRole = Roles.Viewer;
    private string _keyName = "";
    private string _keyRole = Roles.Viewer;
    private string? _newSecret;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        _users = await Admin.UsersAsync();
        _keys = await Admin.KeysAsync();
    }

    // The circuit's principal; the service re-reads that user from the store before it acts.
    private async Task<System.Security.Claims.ClaimsPrincipal> ActorAsync() => (await AuthState).User;

    private void Show(string message, Severity severity) => (_message, _severity) = (message, severity);

    private async Task SetRoleAsync(UserRow u, string? role)
    {
        var error = await Admin.SetRoleAsync(u.Id, role ?? "", await ActorAsync());
        Show(error ?? $"{u.Email} is now {role}.", error is null ? Severity.Success : Severity.Error);
        await LoadAsync();
    }

    private async Task ToggleAsync(UserRow u)
    {
        var error = await Admin.SetDisabledAsync(u.Id, !u.Disabled, await ActorAsync());
        Show(error ?? $"{u.Email} {(u.Disabled ? "enabled" : "disabled and signed out")}.", error is null ? Severity.Success : Severity.Error);
        await LoadAsync();
    }

    private async Task ResetAsync()
    {
        if (_resetFor is not { } u)
        {
            return;
        }

        var errors = await Admin.ResetPasswordAsync(u.Id, _resetPassword, await ActorAsync());
        Show(errors.Count == 0 ? $"Password of {u.Email} set; their other sessions end." : string.Join(" ", errors), errors.Count == 0 ? Severity.Success : Severity.Error);
        if (errors.Count == 0)
        {
            (_resetFor, _resetPassword) = (null, "");
        }

        await LoadAsync();
    }

    private async Task CreateUserAsync()
    {
        var errors = await Admin.CreateAsync(_newEmail, _newPassword, _newRole, await ActorAsync());
        Show(errors.Count == 0 ? $"{_newEmail} added as {_newRole}. Tell them their first password." : string.Join(" ", errors), errors.Count == 0 ? Severity.Success : Severity.Error);
        if (errors.Count == 0)
        {
            (_newEmail, _newPassword) = ("", "");
        }

        await LoadAsync();
    }

    private async Task CreateKeyAsync()
    {
        var (secret, error) = await Admin.CreateKeyAsync(_keyName, _keyRole, await ActorAsync());
        _newSecret = secret;
        if (error is not null)
        {
            Show(error, Severity.Error);
        }
        else
        {
            Show($"Key \"{_keyName}\" created.", Severity.Success);
            _keyName = "";
        }

        await LoadAsync();
    }

    private async Task RevokeAsync(ApiKeyRow k)
    {
        var error = await Admin.RevokeKeyAsync(k.Id, await ActorAsync());
        Show(error ?? $"Key \"{k.Name}\" revoked: requests with it now get 401.", error is null ? Severity.Success : Severity.Error);
        await LoadAsync();
    }
}
