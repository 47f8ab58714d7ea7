using ExpansionDashboard.Metrics.Model;

namespace ExpansionDashboard.Data.Import;

/// <summary>Account attributes a revenue or opportunity row may carry to create an unknown account.</summary>
public sealed record AccountAttributesRow(string? Name, string? Segment, string? Industry, string? Region, string? Csm)
{
    /// <summary>Shared by every row that carries no attributes.</summary>
    public static AccountAttributesRow None { get; } = new(null, null, null, null, null);

    public bool IsEmpty => Name is null && Segment is null && Industry is null && Region is null && Csm is null;
}

public abstract record ImportRow(int Line);

public sealed record AccountImportRow(int Line, string AccountId, string Name, string Segment, string Industry, string Region, string Csm, DateOnly? FirstPaidMonth) : ImportRow(Line);

/// <summary>A monthly MRR snapshot row; <paramref name="Currency"/> is the upper-case ISO code, empty for the reporting currency.</summary>
public sealed record MrrImportRow(int Line, string AccountId, Month Month, string Product, decimal Mrr, int? Seats, string? Plan, string? ExpansionType, AccountAttributesRow Attributes, string Currency = "")
    : ImportRow(Line);

/// <summary>An invoice line; <paramref name="Currency"/> is the upper-case ISO code, empty for the reporting currency.</summary>
public sealed record InvoiceImportRow(int Line, string AccountId, string Product, DateOnly Start, DateOnly End, decimal Amount, string Currency, decimal? Quantity, AccountAttributesRow Attributes) : ImportRow(Line);

public sealed record OpportunityImportRow(
    int Line, string OpportunityId, string AccountId, string Name, string Type, string Stage, decimal Amount, DateOnly ExpectedClose,
    string Owner, DateOnly? Created, DateOnly? Closed, AccountAttributesRow Attributes) : ImportRow(Line);

public sealed record TargetImportRow(int Line, string Quarter, string Segment, decimal Amount) : ImportRow(Line);

public sealed record HealthImportRow(
    int Line, string AccountId, Month Month, int? ActiveUsers, int? SupportTickets, int? Nps, int? PaymentFailures,
    bool? ExecSponsorChange, bool? QbrAttended, double? PlanLimitUtilisation, double? UsageTrend) : ImportRow(Line);

/// <summary>A monthly average rate: <paramref name="Rate"/> units of the reporting currency per 1 <paramref name="Currency"/>.</summary>
public sealed record FxRateImportRow(int Line, Month Month, string Currency, decimal Rate) : ImportRow(Line);
