namespace ExpansionDashboard.Data.Accounts;

public sealed record AccountMonthMovement(Month Month, Metrics.Movements.MovementKind Kind, decimal Previous, decimal Current);

/// <summary>One month's health score of an account with every factor's contribution (the explanation).</summary>
public sealed record AccountHealthRow(Month Month, decimal Score, Metrics.Health.HealthBand Band, string LowestFactor, double? PlanLimitUtilisation,
    IReadOnlyList<Metrics.Health.HealthFactor> Factors);

/// <summary>Everything the account page shows, from the metric model and the store.</summary>
public sealed record AccountDetailView(
    AccountInput Account,
    decimal CurrentMrr,
    IReadOnlyList<string> Months,
    IReadOnlyList<(string Product, IReadOnlyList<decimal?> Mrr)> ByProduct,
    IReadOnlyList<AccountMonthMovement> Movements,
    IReadOnlyList<OpportunityInput> Opportunities,
    IReadOnlyList<AccountHealthRow> Health);

/// <summary>One account in the grid; <see cref="Health"/> is its latest score (0–100) on or before the as-of month, null without signals.</summary>
public sealed record AccountRow(string Id, string Name, string Segment, string Industry, string Region, string Csm, decimal Mrr, decimal Change,
    decimal? Health = null, Metrics.Health.HealthBand? HealthBand = null);
