namespace ExpansionDashboard.Data.Entities;

/// <summary>
/// A monthly average exchange rate from the fx-rates import: <see cref="Rate"/> units of the reporting currency per
/// 1 unit of <see cref="Currency"/>. Natural key (month, currency).
/// </summary>
public sealed class FxRate : IImportedRow
{
    public long Id { get; set; }

    /// <summary>Stored as its first day (a date).</summary>
    public Month Month { get; set; }

    /// <summary>ISO 4217 code, upper case.</summary>
    public required string Currency { get; set; }

    public decimal Rate { get; set; }

    /// <summary>The batch that created the row; a revert of that batch deletes it.</summary>
    public long? ImportBatchId { get; set; }
}
