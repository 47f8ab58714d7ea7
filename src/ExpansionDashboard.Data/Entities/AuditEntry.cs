namespace ExpansionDashboard.Data.Entities;

/// <summary>One audited action: who did what to which thing, when, with the values before and after for edits.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime Utc { get; set; }

    /// <summary>The signed-in user's name (e-mail) or the API key's name.</summary>
    public required string Actor { get; set; }

    /// <summary>A dotted action name, e.g. "sign-in.failed", "import.commit", "target.edit", "user.role".</summary>
    public required string Action { get; set; }

    /// <summary>What was acted on: an e-mail, a batch id, a target key, a rule name.</summary>
    public string Target { get; set; } = "";

    public string? BeforeJson { get; set; }

    public string? AfterJson { get; set; }
}
