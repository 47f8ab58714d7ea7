using System.Globalization;
using System.Text.Json;
using ExpansionDashboard.Data.Bulk;

namespace ExpansionDashboard.Data.Import;

/// <summary>What a commit needs from a batch writer, whichever the database.</summary>
internal interface IBatchWriter : IAsyncDisposable
{
    /// <summary>Called by the planner once new accounts are known and before rows stream.</summary>
    Task StartAsync(ImportPlan plan, CancellationToken ct);

    /// <summary>Records the counts and the report on the batch row and raises the data version.</summary>
    Task<long> FinishAsync(ImportPlan plan, ParsedFile parsed, ImportPreview preview, CancellationToken ct);
}

/// <summary>The batch report and the "before" values of an update, written the same way by both batch writers.</summary>
internal static class BatchReport
{
    public static string Json(ImportPlan plan, ImportPreview preview) => JsonSerializer.Serialize(new
    {
        preview.RowsRead, preview.RowsValid, preview.RowsRejected, preview.ErrorCount, preview.WarningCount,
        Errors = preview.Errors.Take(200).Select(e => e.ToString()),
        Warnings = preview.Warnings.Take(200).Select(e => e.ToString()),
        plan.Unchanged,
        NewAccounts = plan.NewAccounts.Count,
    });

    /// <summary>
    /// Column → invariant text of the value it had (null for NULL); revert converts back to the column's type. SQLite keeps
    /// decimals as EF Core writes them ("1200.0"); PostgreSQL's numeric keeps the scale it was given, so that is kept too.
    /// </summary>
    public static string BeforeJson(string[] columns, object?[] before, bool keepDecimalScale = false) => JsonSerializer.Serialize(columns
        .Select((c, i) => (c, keepDecimalScale && before[i] is decimal m ? m.ToString(CultureInfo.InvariantCulture) : SqliteBulkWriter.ToDb(before[i])))
        .ToDictionary(x => x.c, x => x.Item2 is DBNull ? null : Convert.ToString(x.Item2, CultureInfo.InvariantCulture)));
}
