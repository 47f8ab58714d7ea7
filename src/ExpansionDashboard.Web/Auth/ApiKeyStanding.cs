using ExpansionDashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Web.Auth;

/// <summary>
/// A stored key acts with its creator's rights at most: it is suspended (refused, not deleted) while its creator is
/// disabled or gone, and an Admin key also while its creator is no longer an Admin. Re-enabling or re-promoting the
/// creator lifts the suspension; revoking ends the key for good.
/// </summary>
public static class ApiKeyStanding
{
    /// <summary>Null when the key may act; else why it is suspended.</summary>
    public static async Task<string?> SuspensionAsync(DashboardDbContext db, string createdBy, string keyRole, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var normalized = (createdBy ?? "").Trim().ToUpperInvariant();
        var creator = normalized.Length == 0
            ? null
            : await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalized || u.NormalizedEmail == normalized)
                .Select(u => new { u.Id, u.IsDisabled }).FirstOrDefaultAsync(ct);
        if (creator is null)
        {
            return "its creator no longer has an account";
        }

        if (creator.IsDisabled)
        {
            return "its creator is disabled";
        }

        if (keyRole == Roles.Admin &&
            !await db.UserRoles.AnyAsync(ur => ur.UserId == creator.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin), ct))
        {
            return "its creator is no longer an Admin";
        }

        return null;
    }
}
