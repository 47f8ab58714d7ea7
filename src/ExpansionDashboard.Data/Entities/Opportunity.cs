namespace ExpansionDashboard.Data.Entities;

public sealed class Opportunity : IImportedRow
{
    public int Id { get; set; }

    public required string ExternalId { get; set; }

    public int AccountId { get; set; }

    public required string Name { get; set; }

    /// <summary>Stored as its name: Upsell, CrossSell, Seats or Usage.</summary>
    public required OpportunityType Type { get; set; }

    /// <summary>Stored as its name: Identified, Engaged, Qualified, Proposal, Negotiation, ClosedWon or ClosedLost.</summary>
    public required OpportunityStage Stage { get; set; }

    /// <summary>ARR.</summary>
    public decimal Amount { get; set; }

    public DateOnly ExpectedClose { get; set; }

    public string Owner { get; set; } = "";

    public DateOnly? Created { get; set; }

    public DateOnly? Closed { get; set; }

    public long? ImportBatchId { get; set; }
}
