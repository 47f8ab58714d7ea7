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

/// <summary>The batch row, its report and the "before" values of an update, written the same way by both batch writers.</summary>
internal static class BatchReport
{
    /// <summary>Inserts the batch row (counts filled in by <see cref="FinishAsync"/>) and returns its id.</summary>
    public static async Task<long> InsertAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, DateTime nowUtc, ImportKind kind, string fileName, string user, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO "ImportBatches" ("Kind", "FileName", "CreatedBy", "CreatedUtc", "RowsRead", "RowsInserted", "RowsUpdated", "RowsRejected", "Status")
            VALUES (@kind, @file, @user, @now, 0, 0, 0, 0, 'Committed') RETURNING "Id"
            """;
        cmd.AddParameter("@kind", ImportSchemas.Slug(kind));
        cmd.AddParameter("@file", Path.GetFileName(fileName));
        cmd.AddParameter("@user", user);

        // SQLite holds timestamps as the text EF Core writes; PostgreSQL takes the DateTime itself.
        cmd.AddParameter("@now", connection is Npgsql.NpgsqlConnection ? nowUtc : SqliteBulkWriter.ToDb(nowUtc));
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    /// <summary>Records the counts and the report on the batch row and raises the data version, in the batch's transaction.</summary>
    public static async Task FinishAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, long batchId, ImportPlan plan, ParsedFile parsed, ImportPreview preview, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            UPDATE "ImportBatches" SET "RowsRead" = @read, "RowsInserted" = @ins, "RowsUpdated" = @upd, "RowsRejected" = @rej, "ReportJson" = @report,
                "HorizonMonth" = @horizon WHERE "Id" = @id;
            INSERT INTO "StoreMeta" ("Key", "Value") VALUES ('data_version', '1')
            ON CONFLICT ("Key") DO UPDATE SET "Value" = CAST(CAST("StoreMeta"."Value" AS BIGINT) + 1 AS TEXT);
            """;
        // The history shows the preview's own counts (new accounts are reported apart, not added to the inserted rows).
        var counts = preview.Counts;
        cmd.AddParameter("@read", counts.RowsRead);
        cmd.AddParameter("@ins", counts.Inserted);
        cmd.AddParameter("@upd", counts.Updated);
        cmd.AddParameter("@rej", counts.RowsRejected);
        cmd.AddParameter("@id", batchId);
        object horizon = parsed.Horizon is { } h
            ? connection is Npgsql.NpgsqlConnection ? h.FirstDay : h.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : DBNull.Value;
        cmd.AddParameter("@horizon", horizon);
        cmd.AddParameter("@report", Json(plan, preview));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static string Json(ImportPlan plan, ImportPreview preview) => JsonSerializer.Serialize(new
    {
        preview.RowsRead, preview.RowsValid, preview.RowsRejected, preview.ErrorCount, preview.WarningCount,
        Errors = preview.Errors.Take(200).Select(e => e.ToString()),
        Warnings = preview.Warnings.Take(200).Select(e => e.ToString()),
        ErrorGroups = preview.ErrorGroups.Select(g => new { g.Kind, g.Title, g.Count }),
        WarningGroups = preview.WarningGroups.Select(g => new { g.Kind, g.Title, g.Count }),
        preview.Counts,
        preview.CurrencyTotals,
        preview.Horizon,
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
