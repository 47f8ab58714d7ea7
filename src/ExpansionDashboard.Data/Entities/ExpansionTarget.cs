namespace ExpansionDashboard.Data.Entities;

/// <summary>An expansion target (ARR) for a quarter and a scope: the whole company or one segment. Natural key (quarter, scope).</summary>
public sealed class ExpansionTarget : IImportedRow
{
    public int Id { get; set; }

    /// <summary>Stored as "YYYY-Qn".</summary>
    public Quarter Quarter { get; set; }

    /// <summary>Stored in the Segment column as <see cref="Scope.Key"/>: "company" or the segment's name.</summary>
    public Scope Scope { get; set; } = Scope.Company;

    public decimal Amount { get; set; }

    /// <summary>The batch that created the row; a revert of that batch deletes it.</summary>
    public long? ImportBatchId { get; set; }
}
