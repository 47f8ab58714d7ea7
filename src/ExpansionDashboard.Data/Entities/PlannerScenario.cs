namespace ExpansionDashboard.Data.Entities;

/// <summary>A saved what-if of the coverage planner; the ones marked for the review deck appear on its scenario slide.</summary>
public sealed class PlannerScenario
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>"2026-Q4".</summary>
    public required string Quarter { get; set; }

    /// <summary>Null for the whole company.</summary>
    public string? Segment { get; set; }

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
