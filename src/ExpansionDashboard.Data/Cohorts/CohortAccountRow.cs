
namespace ExpansionDashboard.Data.Cohorts;

/// <summary>One account of a cohort at an age: what it paid in its first month and k months later.</summary>
public sealed record CohortAccountRow(string AccountId, string Name, string Segment, string FirstPaid, decimal StartMrr, decimal MrrAtAge);
