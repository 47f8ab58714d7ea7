namespace ExpansionDashboard.Data.Entities;

/// <summary>A customer account, keyed by the external id its CRM or billing system uses.</summary>
public sealed class Account : IImportedRow
{
    public int Id { get; set; }

    public required string ExternalId { get; set; }

    public required string Name { get; set; }

    public string Segment { get; set; } = "";

    public string Industry { get; set; } = "";

    public string Region { get; set; } = "";

    public string Csm { get; set; } = "";

    /// <summary>The first paid month when the source gives it (stored as its first day); otherwise derived from revenue.</summary>
    public Month? FirstPaidMonth { get; set; }

    /// <summary>The import batch that created the row; a revert of that batch deletes it.</summary>
    public long? ImportBatchId { get; set; }
}
