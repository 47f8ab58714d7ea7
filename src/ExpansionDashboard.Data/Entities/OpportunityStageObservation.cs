namespace ExpansionDashboard.Data.Entities;

/// <summary>
/// A stage an opportunity was seen in: written when an import or form edit finds it in a stage other than the last one
/// recorded (and by the demo's generated history), so stage conversion can be measured from real progressions.
/// </summary>
public sealed class OpportunityStageObservation : IImportedRow
{
    public long Id { get; set; }

    public int OpportunityId { get; set; }

    public required OpportunityStage Stage { get; set; }

    public DateOnly SeenOn { get; set; }

    /// <summary>The batch that recorded it; a revert removes it with the batch.</summary>
    public long? ImportBatchId { get; set; }
}
