using Microsoft.AspNetCore.Identity;

namespace ExpansionDashboard.Data.Entities;

/// <summary>A signed-in person. Roles (Admin, Viewer) come from Identity.</summary>
public sealed class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }

    public bool IsDisabled { get; set; }
}

/// <summary>A customer account, keyed by the external id its CRM or billing system uses.</summary>
public sealed class Account
{
    public int Id { get; set; }

    public required string ExternalId { get; set; }

    public required string Name { get; set; }

    public string Segment { get; set; } = "";

    public string Industry { get; set; } = "";

    public string Region { get; set; } = "";

    public string Csm { get; set; } = "";

    /// <summary>First day of the first paid month when the source gives it; otherwise derived from revenue.</summary>
    public DateOnly? FirstPaidMonth { get; set; }

    /// <summary>The import batch that created the row; a revert of that batch deletes it.</summary>
    public long? ImportBatchId { get; set; }
}

/// <summary>A monthly MRR snapshot for one account and product; natural key (account, month, product).</summary>
public sealed class RevenueLine
{
    public long Id { get; set; }

    public int AccountId { get; set; }

    /// <summary>First day of the month.</summary>
    public DateOnly Month { get; set; }

    public required string Product { get; set; }

    public decimal Mrr { get; set; }

    public int? Seats { get; set; }

    public string? Plan { get; set; }

    /// <summary>Optional line hint: "Seats" or "Usage" marks how an increase on this line is classified.</summary>
    public string? ExpansionType { get; set; }

    /// <summary>ISO 4217 code the MRR is in, upper case; empty for the reporting currency. Part of the natural key.</summary>
    public string Currency { get; set; } = "";

    public long? ImportBatchId { get; set; }
}

public sealed class Opportunity
{
    public int Id { get; set; }

    public required string ExternalId { get; set; }

    public int AccountId { get; set; }

    public required string Name { get; set; }

    /// <summary>Upsell, CrossSell, Seats or Usage.</summary>
    public required string Type { get; set; }

    /// <summary>Identified, Engaged, Qualified, Proposal, Negotiation, ClosedWon or ClosedLost.</summary>
    public required string Stage { get; set; }

    /// <summary>ARR.</summary>
    public decimal Amount { get; set; }

    public DateOnly ExpectedClose { get; set; }

    public string Owner { get; set; } = "";

    public DateOnly? Created { get; set; }

    public DateOnly? Closed { get; set; }

    public long? ImportBatchId { get; set; }
}

/// <summary>
/// A stage an opportunity was seen in: written when an import or form edit finds it in a stage other than the last one
/// recorded (and by the demo's generated history), so stage conversion can be measured from real progressions.
/// </summary>
public sealed class OpportunityStageObservation
{
    public long Id { get; set; }

    public int OpportunityId { get; set; }

    public required string Stage { get; set; }

    public DateOnly SeenOn { get; set; }

    /// <summary>The batch that recorded it; a revert removes it with the batch.</summary>
    public long? ImportBatchId { get; set; }
}

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

/// <summary>An expansion target (ARR) for a quarter such as "2026-Q4"; an empty segment is the whole company.</summary>
public sealed class ExpansionTarget
{
    public int Id { get; set; }

    public required string Quarter { get; set; }

    public string Segment { get; set; } = "";

    public decimal Amount { get; set; }

    public long? ImportBatchId { get; set; }
}

/// <summary>Monthly health inputs for one account; fields the source lacks stay null.</summary>
public sealed class HealthSignal
{
    public long Id { get; set; }

    public int AccountId { get; set; }

    public DateOnly Month { get; set; }

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

/// <summary>One import (or the demo seed): who, when, what, and counts; its changes make it revertible.</summary>
public sealed class ImportBatch
{
    public long Id { get; set; }

    public required string Kind { get; set; }

    public string FileName { get; set; } = "";

    public string CreatedBy { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    public int RowsRead { get; set; }

    public int RowsInserted { get; set; }

    public int RowsUpdated { get; set; }

    public int RowsRejected { get; set; }

    public string Status { get; set; } = "Committed";

    public DateTime? RevertedUtc { get; set; }

    public string? ReportJson { get; set; }

    /// <summary>
    /// The data's horizon this batch's revenue rows set (first day of the month): an mrr file's latest month, an
    /// invoice-lines file's latest service-start month. Null for batches that carry no revenue.
    /// </summary>
    public DateOnly? HorizonMonth { get; set; }
}

/// <summary>
/// The values a row had before an import batch changed it, so reverting the batch restores them exactly.
/// Rows the batch created are found by their ImportBatchId instead.
/// </summary>
public sealed class ImportChange
{
    public long Id { get; set; }

    public long ImportBatchId { get; set; }

    /// <summary>Table name, e.g. RevenueLines.</summary>
    public required string TableName { get; set; }

    public long RowId { get; set; }

    /// <summary>Column → previous value, as JSON.</summary>
    public required string BeforeJson { get; set; }
}

/// <summary>An API key for automation; only a hash of the secret is stored.</summary>
public sealed class ApiKey
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the key, shown in lists so admins can tell keys apart.</summary>
    public required string Prefix { get; set; }

    public required string Hash { get; set; }

    public string Role { get; set; } = "Admin";

    public string CreatedBy { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    public DateTime? RevokedUtc { get; set; }
}

/// <summary>Small key/value facts about the store, such as the data version that invalidates metric caches.</summary>
public sealed class StoreMeta
{
    public required string Key { get; set; }

    public required string Value { get; set; }
}

/// <summary>A threshold alert rule an admin edits (see <c>AlertRules</c> in the metrics library for the metrics).</summary>
public sealed class AlertRule
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The metric's slug, e.g. "coverage", "nrr-t12m", "red-health-share".</summary>
    public required string Metric { get; set; }

    /// <summary>Null for the company, "*" for each segment, or a segment name.</summary>
    public string? Segment { get; set; }

    /// <summary>Coverage rules: 0 the current quarter, 1 the next.</summary>
    public int QuarterOffset { get; set; }

    public decimal Threshold { get; set; }

    /// <summary>"alert" or "watch".</summary>
    public string Severity { get; set; } = "alert";

    public bool Enabled { get; set; } = true;

    /// <summary>An outgoing webhook for this rule's firings; null to use the global one.</summary>
    public string? WebhookUrl { get; set; }
}

/// <summary>One firing of a rule for a scope: opened when the value crosses the line, resolved when it comes back.</summary>
public sealed class AlertFiring
{
    public long Id { get; set; }

    public int RuleId { get; set; }

    /// <summary>"Company" or the segment the firing concerns.</summary>
    public required string Scope { get; set; }

    public decimal Value { get; set; }

    public decimal Threshold { get; set; }

    public string Severity { get; set; } = "alert";

    public required string Message { get; set; }

    /// <summary>The reporting month (YYYY-MM) or quarter the value belongs to.</summary>
    public string Period { get; set; } = "";

    public DateTime FiredUtc { get; set; }

    public DateTime? ResolvedUtc { get; set; }

    public string? AcknowledgedBy { get; set; }

    public DateTime? AcknowledgedUtc { get; set; }

    /// <summary>"pending", "sent", "failed" or "none" (no webhook configured when it fired).</summary>
    public string NotifyState { get; set; } = "none";

    public int NotifyAttempts { get; set; }

    public DateTime? NextAttemptUtc { get; set; }

    public DateTime? NotifiedUtc { get; set; }

    public string? NotifyError { get; set; }
}

/// <summary>One audited action: who did what to which thing, when, with the values before and after for edits.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime Utc { get; set; }

    /// <summary>The signed-in user's name (e-mail) or the API key's name.</summary>
    public required string Actor { get; set; }

    /// <summary>A dotted action name, e.g. "sign-in.failed", "import.commit", "target.edit", "user.role".</summary>
    public required string Action { get; set; }

    /// <summary>What was acted on: an e-mail, a batch id, a target key, a rule name.</summary>
    public string Target { get; set; } = "";

    public string? BeforeJson { get; set; }

    public string? AfterJson { get; set; }
}
