using System.Data.Common;

namespace ExpansionDashboard.Data.Snapshot;

/// <summary>One stored revenue line as the metric model reads it; <see cref="Currency"/> is empty for the reporting currency.</summary>
internal readonly record struct StoredRevenueLine(int AccountId, Month Month, string Product, decimal Mrr, ExpansionType? LineType, string Currency);

/// <summary>One stored revenue line with everything an mrr import compares it with; texts are as stored.</summary>
internal readonly record struct StoredMrrLine(long Id, int AccountId, Month Month, string Product, string Currency, decimal Mrr, int? Seats, string? Plan, string? Type);

/// <summary>
/// Implemented by each provider's dialect: reads revenue lines faster than ADO.NET's generic data reader (SQLite through
/// its own API with no string per value, PostgreSQL with typed getters and no boxed value per column). The model load
/// and the mrr plan read through it.
/// </summary>
internal interface IRevenueLineReader
{
    /// <summary>Reads every line of RevenueLines on the open <paramref name="connection"/>, in storage order.</summary>
    void ReadRevenueLines(DbConnection connection, Action<StoredRevenueLine> line, CancellationToken ct);

    /// <summary>
    /// Reads the lines an import plan compares its rows with, on the open <paramref name="connection"/> inside its write
    /// transaction: every line, or those with <paramref name="months"/>.First ≤ Month &lt; <paramref name="months"/>.After.
    /// </summary>
    void ReadMrrLines(DbConnection connection, (DateOnly First, DateOnly After)? months, Action<StoredMrrLine> line, CancellationToken ct);
}

/// <summary>Picks the revenue-line reader of the context's provider.</summary>
internal static class RevenueLineReaders
{
    public static IRevenueLineReader For(IStoreDialect dialect) =>
        dialect as IRevenueLineReader ?? throw new NotSupportedException($"The {dialect.DisplayName} store has no revenue-line reader.");
}

/// <summary>
/// The stored line-type text the model reads: only Seats and Usage label a line (whether an increase is upsell or
/// cross-sell follows from the account's products).
/// </summary>
internal static class StoredLineType
{
    public static ExpansionType? Parse(string? type) =>
        string.Equals(type, nameof(ExpansionType.Seats), StringComparison.OrdinalIgnoreCase) ? ExpansionType.Seats
        : string.Equals(type, nameof(ExpansionType.Usage), StringComparison.OrdinalIgnoreCase) ? ExpansionType.Usage
        : null;
}
