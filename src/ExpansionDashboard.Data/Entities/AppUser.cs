using Microsoft.AspNetCore.Identity;

namespace ExpansionDashboard.Data.Entities;

/// <summary>A signed-in person. Roles (Admin, Viewer) come from Identity.</summary>
public sealed class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }

    public bool IsDisabled { get; set; }
}
