namespace ExpansionDashboard.Data.Entities;

/// <summary>Monthly health inputs for one account; fields the source lacks stay null.</summary>
public sealed class HealthSignal : IImportedRow
{
    public long Id { get; set; }

    public int AccountId { get; set; }

    /// <summary>Stored as its first day (a date).</summary>
    public Month Month { get; set; }

    public double? UsageTrend { get; set; }

    public int? ActiveUsers { get; set; }

    public int? SupportTickets { get; set; }

    public int? Nps { get; set; }

    public int? PaymentFailures { get; set; }

    public bool? ExecSponsorChange { get; set; }

    public bool? QbrAttended { get; set; }

    public double? PlanLimitUtilisation { get; set; }

    public long? ImportBatchId { get; set; }
}
