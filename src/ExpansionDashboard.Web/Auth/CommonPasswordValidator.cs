using ExpansionDashboard.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace ExpansionDashboard.Web.Auth;

/// <summary>
/// Refuses a new password that is one of the 1,000 most common ones (an embedded list, no network), also when it is
/// only dressed up with case, leading or trailing digits and symbols ("Password123!", "!!Qwerty2026"): those are the
/// first guesses of every attacker and pass the length and character-class rules. Applies wherever Identity sets a
/// password (user creation, reset, change, bootstrap admin).
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    public const string ErrorCode = "CommonPassword";

    public const string Message = "This password is one of the most common passwords (or one dressed up with digits and symbols): choose another.";

    private static readonly Lazy<HashSet<string>> List = new(Load);

    public static bool IsCommon(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var lower = password.Trim().ToLowerInvariant();
        if (List.Value.Contains(lower))
        {
            return true;
        }

        // What is left must look like a word: a core of one to three characters would match short list entries by chance.
        var core = lower.Trim(TrimmedDecoration);
        return core.Length >= 4 && List.Value.Contains(core);
    }

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(password is not null && IsCommon(password)
            ? IdentityResult.Failed(new IdentityError { Code = ErrorCode, Description = Message })
            : IdentityResult.Success);

    private static readonly char[] TrimmedDecoration = "0123456789!@#$%^&*()-_=+.,;:?/\\|~`'\"[]{}<> ".ToCharArray();

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("ExpansionDashboard.Web.Auth.common-passwords.txt")
            ?? throw new InvalidOperationException("The embedded common-password list is missing from the build.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                set.Add(line.Trim().ToLowerInvariant());
            }
        }

        return set;
    }
}
