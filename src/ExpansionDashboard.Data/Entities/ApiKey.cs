namespace ExpansionDashboard.Data.Entities;

/// <summary>An API key for automation; only a hash of the secret is stored.</summary>
public sealed class ApiKey
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the key, shown in lists so admins can tell keys apart.</summary>
    public required string Prefix { get; set; }

    public required string Hash { get; set; }

    public string Role { get; set; } = "Admin";

    public string CreatedBy { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    public DateTime? RevokedUtc { get; set; }
}
