namespace ExpansionDashboard.Data.Entities;

/// <summary>An expansion target (ARR) for a quarter such as "2026-Q4"; an empty segment is the whole company.</summary>
public sealed class ExpansionTarget
{
    public int Id { get; set; }

    public required string Quarter { get; set; }

    public string Segment { get; set; } = "";

    public decimal Amount { get; set; }

    public long? ImportBatchId { get; set; }
}
