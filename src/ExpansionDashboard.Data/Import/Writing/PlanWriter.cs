using System.Data.Common;
using System.Text.Json;
using ExpansionDashboard.Data.Import.Kinds;

namespace ExpansionDashboard.Data.Import.Writing;

/// <summary>Who wrote a batch, when, from what.</summary>
internal sealed record BatchInfo(string Kind, string FileName, string User, DateTime NowUtc, ImportSource Source);

/// <summary>
/// The one writer of an import plan, whichever the database (the provider's part is an <see cref="IStoreWriter"/>): in
/// the caller's transaction it writes the batch row and the new accounts first, then every change as the plan streams
/// (inserts tagged with the batch, updates with the values they replaced, for revert), and the counts, the report and
/// the data version at the end. Nothing is visible to readers until the transaction commits.
/// </summary>
internal sealed class PlanWriter(DbConnection connection, DbTransaction tx, IStoreWriter store)
{
    /// <summary>Writes the batch row, the plan's new accounts and its changes; returns the batch id.</summary>
    /// <param name="begun">Told the batch id as soon as the batch row exists (imports queued behind this one name it).</param>
    public async Task<long> ApplyAsync(ImportPlan plan, BatchInfo batch, int expectedRows, IProgress<double>? progress, Action<long>? begun, CancellationToken ct)
    {
        var batchId = await InsertBatchAsync(batch, ct);
        begun?.Invoke(batchId);
        using (var accounts = store.OpenInserts(AccountsImport.NewAccountsTable.Name, AccountsImport.NewAccountsTable.InsertColumns))
        {
            foreach (var a in plan.NewAccounts)
            {
                accounts.Write([.. AccountsImport.NewAccountValues(a), batchId]);
            }

            accounts.Complete();
        }

        // Ids boxed once per account and one row buffer: the store writers bind a row before they take the next, and a
        // million rows should not cost a million arrays.
        var accountIds = plan.Table.HasAccountId
            ? (await ImportPlanner.LoadAccountsAsync(connection, tx, ct)).ToDictionary(kv => kv.Key, kv => (object)kv.Value.Id, StringComparer.Ordinal)
            : [];
        var table = plan.Table;
        var insertColumns = table.InsertColumns;
        var row = new object?[insertColumns.Length];
        object boxedBatchId = batchId;
        var first = table.HasAccountId ? 1 : 0;
        IRowWriter? inserts = null;
        IUpdateWriter? updates = null;
        try
        {
            var done = 0;

            // The writers open with the first change: the kind reads the stored rows before it yields one, and a
            // PostgreSQL connection with a COPY open can do nothing else.
            await foreach (var change in plan.Changes.WithCancellation(ct))
            {
                switch (change)
                {
                    case RowInsert insert:
                        inserts ??= store.OpenInserts(table.Name, insertColumns, expectedRows);
                        if (table.HasAccountId)
                        {
                            row[0] = accountIds[insert.AccountExternalId];
                        }

                        insert.Values.CopyTo(row, first);
                        row[^1] = boxedBatchId;
                        inserts.Write(row);
                        break;
                    case RowUpdate update:
                        updates ??= store.OpenUpdates(table, batchId);
                        updates.Write(update);
                        break;
                }

                if (++done % 5000 == 0)
                {
                    progress?.Report(Math.Min(0.99, (double)done / Math.Max(1, expectedRows)));
                }
            }

            inserts?.Complete();
            inserts?.Dispose();
            inserts = null;
            if (updates is not null)
            {
                await updates.CompleteAsync(ct);
            }
        }
        finally
        {
            inserts?.Dispose();
            if (updates is not null)
            {
                await updates.DisposeAsync();
            }
        }

        return batchId;
    }

    /// <summary>Rows of a kind's table written as they are (the demo data set), tagged with the batch.</summary>
    public static void Insert<T>(IStoreWriter store, StoreTable table, IEnumerable<T> rows, Func<T, int> accountId, Func<T, object?[]> values, long batchId)
    {
        using var writer = store.OpenInserts(table.Name, table.InsertColumns);
        foreach (var row in rows)
        {
            writer.Write(table.HasAccountId ? [accountId(row), .. values(row), batchId] : [.. values(row), batchId]);
        }

        writer.Complete();
    }

    private async Task<long> InsertBatchAsync(BatchInfo batch, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO "ImportBatches" ("Kind", "FileName", "CreatedBy", "CreatedUtc", "RowsRead", "RowsInserted", "RowsUpdated", "RowsRejected", "Status", "Source")
            VALUES (@kind, @file, @user, @now, 0, 0, 0, 0, @status, @source) RETURNING "Id"
            """;
        cmd.AddParameter("@kind", batch.Kind);
        cmd.AddParameter("@file", Path.GetFileName(batch.FileName));
        cmd.AddParameter("@user", batch.User);
        cmd.AddParameter("@now", store.Parameter(batch.NowUtc));
        cmd.AddParameter("@status", nameof(ImportBatchStatus.Committed));
        cmd.AddParameter("@source", batch.Source.ToString());
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    /// <summary>Records the counts and the report on the batch row, in the batch's transaction (the caller raises the data version when the batch changed data).</summary>
    public async Task FinishAsync(long batchId, ImportPlan plan, ParsedFile parsed, ImportPreview preview, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            UPDATE "ImportBatches" SET "RowsRead" = @read, "RowsInserted" = @ins, "RowsUpdated" = @upd, "RowsRejected" = @rej, "ReportJson" = @report,
                "HorizonMonth" = @horizon WHERE "Id" = @id;
            """;

        // The history shows the preview's own counts (new accounts are reported apart, not added to the inserted rows).
        var counts = preview.Counts;
        cmd.AddParameter("@read", counts.RowsRead);
        cmd.AddParameter("@ins", counts.Inserted);
        cmd.AddParameter("@upd", counts.Updated);
        cmd.AddParameter("@rej", counts.RowsRejected);
        cmd.AddParameter("@id", batchId);
        cmd.AddParameter("@horizon", store.Parameter(parsed.Horizon?.FirstDay));
        cmd.AddParameter("@report", Json(plan, preview));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static string Json(ImportPlan plan, ImportPreview preview) => JsonSerializer.Serialize(new
    {
        preview.RowsRead,
        preview.RowsValid,
        preview.RowsRejected,
        preview.ErrorCount,
        preview.WarningCount,
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
}
