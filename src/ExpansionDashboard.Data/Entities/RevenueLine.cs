namespace ExpansionDashboard.Data.Entities;

/// <summary>A monthly MRR snapshot for one account and product; natural key (account, month, product).</summary>
public sealed class RevenueLine : IImportedRow
{
    public long Id { get; set; }

    public int AccountId { get; set; }

    /// <summary>Stored as its first day (a date).</summary>
    public Month Month { get; set; }

    public required string Product { get; set; }

    public decimal Mrr { get; set; }

    public int? Seats { get; set; }

    public string? Plan { get; set; }

    /// <summary>Optional line hint: "Seats" or "Usage" marks how an increase on this line is classified.</summary>
    public ExpansionType? ExpansionType { get; set; }

    /// <summary>ISO 4217 code the MRR is in, upper case; empty for the reporting currency. Part of the natural key.</summary>
    public string Currency { get; set; } = "";

    public long? ImportBatchId { get; set; }
}
