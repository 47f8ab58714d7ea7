namespace ExpansionDashboard.Data.Entities;

/// <summary>A saved what-if of the coverage planner; the ones marked for the review deck appear on its scenario slide.</summary>
public sealed class PlannerScenario
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>Stored as "2026-Q4".</summary>
    public required Quarter Quarter { get; set; }

    /// <summary>Stored in the Segment column as <see cref="Scope.Key"/>: "company" or the segment's name.</summary>
    public Scope Scope { get; set; } = Scope.Company;

    /// <summary>ARR.</summary>
    public decimal Target { get; set; }

    /// <summary>Percent.</summary>
    public decimal WinRate { get; set; }

    /// <summary>ARR added on top of the open pipeline.</summary>
    public decimal ExtraPipeline { get; set; }

    public bool ShowInReview { get; set; } = true;

    public string CreatedBy { get; set; } = "";

    public DateTime CreatedUtc { get; set; }
}
