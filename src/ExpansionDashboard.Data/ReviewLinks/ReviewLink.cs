namespace ExpansionDashboard.Data.ReviewLinks;

/// <summary>
/// A read-only link to the weekly review for a meeting-room screen. Only a SHA-256 hash of its token is stored: the
/// token itself is shown once, when the link is made. A revoked link stays (the list and the audit trail name it).
/// </summary>
public sealed class ReviewLink
{
    public int Id { get; set; }

    /// <summary>Which screen uses it, e.g. "Room 3 screen".</summary>
    public required string Name { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token (<see cref="ReviewLinkService.Hash"/>).</summary>
    public required string TokenHash { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    /// <summary>The last request a screen made with it, recorded at most once a minute.</summary>
    public DateTime? LastUsedUtc { get; set; }

    public DateTime? RevokedUtc { get; set; }

    public string? RevokedBy { get; set; }
}
