using System.Security.Claims;
using System.Security.Cryptography;
using ExpansionDashboard.Data;
using ExpansionDashboard.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Web.Auth;

public sealed record UserRow(string Id, string Email, string Role, bool Disabled, bool LockedOut);

/// <param name="Suspension">Why the key is refused although not revoked (see <see cref="ApiKeyStanding"/>); null when it works.</param>
public sealed record ApiKeyRow(int Id, string Name, string Prefix, string Role, string CreatedBy, DateTime CreatedUtc, DateTime? RevokedUtc, string? Suspension = null);

/// <summary>
/// Users and API keys for the Admin pages. The last active Admin can be neither demoted nor disabled; disabling a user,
/// changing a role or resetting a password changes the security stamp, which signs that user out everywhere. Every
/// change first re-reads the acting user from the store (<see cref="AdminRights"/>): the principal an open page holds
/// may be older than a demotion or a disable. A demoted or disabled user's keys are suspended (audited), not deleted.
/// </summary>
public sealed class UserAdminService(UserManager<AppUser> users, IDbContextFactory<DashboardDbContext> factory, TimeProvider time, Data.Audit.AuditLog audit, AdminRights rights)
{
    public const string LastAdminMessage = "This is the last active Admin: make another user an Admin first.";

    public async Task<IReadOnlyList<UserRow>> UsersAsync()
    {
        var rows = new List<UserRow>();
        foreach (var u in await users.Users.OrderBy(u => u.Email).ToListAsync())
        {
            var roles = await users.GetRolesAsync(u);
            rows.Add(new UserRow(u.Id, u.Email ?? u.UserName ?? "", roles.Contains(Roles.Admin) ? Roles.Admin : Roles.Viewer, u.IsDisabled,
                u.LockoutEnd is { } end && end > time.GetUtcNow()));
        }

        return rows;
    }

    /// <summary>Creates a user with a first password the admin hands over; returns error messages (empty on success).</summary>
    public async Task<IReadOnlyList<string>> CreateAsync(string email, string password, string role, ClaimsPrincipal by)
    {
        var check = await rights.CheckAsync(by);
        if (check.Actor is not { } actor)
        {
            return [check.Refusal!];
        }

        if (!Roles.All.Contains(role))
        {
            return ["Choose Admin or Viewer."];
        }

        var user = new AppUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            return result.Errors.Select(e => e.Description).ToList();
        }

        var added = await users.AddToRoleAsync(user, role);
        if (added.Succeeded)
        {
            await audit.WriteAsync(actor, "user.create", user.Email!, after: new { role });
        }

        return added.Succeeded ? [] : added.Errors.Select(e => e.Description).ToList();
    }

    public async Task<string?> SetRoleAsync(string userId, string role, ClaimsPrincipal by)
    {
        var check = await rights.CheckAsync(by);
        if (check.Actor is not { } actor)
        {
            return check.Refusal;
        }

        var user = await users.FindByIdAsync(userId);
        if (user is null || !Roles.All.Contains(role))
        {
            return "Unknown user or role.";
        }

        var isAdmin = await users.IsInRoleAsync(user, Roles.Admin);
        if (isAdmin && role != Roles.Admin && await ActiveAdminCountAsync() <= 1 && !user.IsDisabled)
        {
            return LastAdminMessage;
        }

        var before = await StandingOfKeysAsync(user);
        await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user));
        await users.AddToRoleAsync(user, role);
        await users.UpdateSecurityStampAsync(user);
        await audit.WriteAsync(actor, "user.role", user.Email ?? userId, new { role = isAdmin ? Roles.Admin : Roles.Viewer }, new { role });
        await AuditKeyStandingAsync(actor, user, before);
        return null;
    }

    public async Task<string?> SetDisabledAsync(string userId, bool disabled, ClaimsPrincipal by)
    {
        var check = await rights.CheckAsync(by);
        if (check.Actor is not { } actor)
        {
            return check.Refusal;
        }

        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return "Unknown user.";
        }

        if (disabled && !user.IsDisabled && await users.IsInRoleAsync(user, Roles.Admin) && await ActiveAdminCountAsync() <= 1)
        {
            return LastAdminMessage;
        }

        var before = await StandingOfKeysAsync(user);
        var was = user.IsDisabled;
        user.IsDisabled = disabled;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        await audit.WriteAsync(actor, disabled ? "user.disable" : "user.enable", user.Email ?? userId, new { disabled = was }, new { disabled });
        await AuditKeyStandingAsync(actor, user, before);
        return null;
    }

    /// <summary>Sets a new password (the admin tells the user); every session of that user ends.</summary>
    public async Task<IReadOnlyList<string>> ResetPasswordAsync(string userId, string newPassword, ClaimsPrincipal by)
    {
        var check = await rights.CheckAsync(by);
        if (check.Actor is not { } actor)
        {
            return [check.Refusal!];
        }

        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return ["Unknown user."];
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, newPassword);
        if (result.Succeeded)
        {
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            await audit.WriteAsync(actor, "user.password-reset", user.Email ?? userId);
        }

        return result.Succeeded ? [] : result.Errors.Select(e => e.Description).ToList();
    }

    public async Task<IReadOnlyList<ApiKeyRow>> KeysAsync()
    {
        await using var db = await factory.CreateDbContextAsync();
        var rows = await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.Id)
            .Select(k => new ApiKeyRow(k.Id, k.Name, k.Prefix, k.Role, k.CreatedBy, k.CreatedUtc, k.RevokedUtc, null)).ToListAsync();
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].RevokedUtc is null)
            {
                rows[i] = rows[i] with { Suspension = await ApiKeyStanding.SuspensionAsync(db, rows[i].CreatedBy, rows[i].Role) };
            }
        }

        return rows;
    }

    /// <summary>Creates a key and returns its secret, which is shown once: only its hash is stored.</summary>
    public async Task<(string? Secret, string? Error)> CreateKeyAsync(string name, string role, ClaimsPrincipal by)
    {
        var check = await rights.CheckAsync(by);
        if (check.Actor is not { } createdBy)
        {
            return (null, check.Refusal);
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            return (null, "Name the key after what uses it (up to 100 characters), e.g. \"BI nightly export\".");
        }

        if (!Roles.All.Contains(role))
        {
            return (null, "Choose Admin (read and write) or Viewer (read only).");
        }

        var secret = "ed_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        await using var db = await factory.CreateDbContextAsync();
        db.ApiKeys.Add(new ApiKey
        {
            Name = name.Trim(),
            Prefix = secret[..10],
            Hash = ApiKeyAuthenticationHandler.Hash(secret),
            Role = role,
            CreatedBy = createdBy,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
        await audit.WriteAsync(createdBy, "api-key.create", name.Trim(), after: new { role, prefix = secret[..10] });
        return (secret, null);
    }

    /// <summary>Revokes a key for good; returns why not when the acting user may no longer do it.</summary>
    public async Task<string?> RevokeKeyAsync(int id, ClaimsPrincipal by)
    {
        var check = await rights.CheckAsync(by);
        if (check.Actor is not { } actor)
        {
            return check.Refusal;
        }

        await using var db = await factory.CreateDbContextAsync();
        var now = time.GetUtcNow().UtcDateTime;
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id);
        if (await db.ApiKeys.Where(k => k.Id == id && k.RevokedUtc == null).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedUtc, now)) == 1)
        {
            await audit.WriteAsync(actor, "api-key.revoke", key!.Name, new { key.Prefix, revoked = false }, new { key.Prefix, revoked = true });
        }

        return null;
    }

    private async Task<int> ActiveAdminCountAsync() =>
        (await users.GetUsersInRoleAsync(Roles.Admin)).Count(u => !u.IsDisabled);

    /// <summary>The live keys a user created, each with its suspension (null when it works).</summary>
    private async Task<Dictionary<int, (string Name, string Prefix, string? Suspension)>> StandingOfKeysAsync(AppUser user)
    {
        await using var db = await factory.CreateDbContextAsync();
        var names = new[] { user.UserName, user.Email }.Where(n => !string.IsNullOrEmpty(n)).ToList();
        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.RevokedUtc == null && names.Contains(k.CreatedBy)).ToListAsync();
        var standing = new Dictionary<int, (string, string, string?)>();
        foreach (var k in keys)
        {
            standing[k.Id] = (k.Name, k.Prefix, await ApiKeyStanding.SuspensionAsync(db, k.CreatedBy, k.Role));
        }

        return standing;
    }

    // The key rows do not change: the handler re-checks the creator on each request. The audit log records the moment a
    // key stopped (or started again) working and why.
    private async Task AuditKeyStandingAsync(string actor, AppUser user, Dictionary<int, (string Name, string Prefix, string? Suspension)> before)
    {
        var after = await StandingOfKeysAsync(user);
        foreach (var (id, (name, prefix, suspension)) in after)
        {
            var was = before.TryGetValue(id, out var b) ? b.Suspension : null;
            if (was is null && suspension is not null)
            {
                await audit.WriteAsync(actor, "api-key.suspend", name, new { prefix, suspended = false }, new { prefix, suspended = true, reason = suspension });
            }
            else if (was is not null && suspension is null)
            {
                await audit.WriteAsync(actor, "api-key.resume", name, new { prefix, suspended = true, reason = was }, new { prefix, suspended = false });
            }
        }
    }
}
