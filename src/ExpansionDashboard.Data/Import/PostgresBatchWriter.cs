using System.Globalization;
using ExpansionDashboard.Data.Bulk;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace ExpansionDashboard.Data.Import;

/// <summary>
/// The PostgreSQL batch writer: new rows stream into the table through binary COPY as they are planned; updates (which
/// cannot run while a COPY is open on the connection) are kept and applied at the end in one set-based UPDATE from a
/// temporary table filled by COPY, with the replaced values written to ImportChanges (also by COPY) for revert. All of
/// it runs in the caller's transaction, so readers see the batch whole or not at all.
/// </summary>
internal sealed class PostgresBatchWriter(
    NpgsqlConnection connection, NpgsqlTransaction tx, IModel model, DateTime nowUtc, ImportKind kind, string fileName, string user, int expectedRows, IProgress<double>? progress)
    : IBatchWriter
{
    private readonly List<PlannedUpdate> _updates = [];
    private IRowWriter? _inserts;
    private Dictionary<string, int> _accountIds = new(StringComparer.Ordinal);
    private long _batchId;
    private int _done;

    public async Task StartAsync(ImportPlan plan, CancellationToken ct)
    {
        _batchId = await BatchReport.InsertAsync(connection, tx, nowUtc, kind, fileName, user, ct);
        BulkInsert.Insert(connection, tx, model, "Accounts", ["ExternalId", "Name", "Segment", "Industry", "Region", "Csm", "FirstPaidMonth", "ImportBatchId"], plan.NewAccounts,
            a => [a.ExternalId, a.Name, a.Segment, a.Industry, a.Region, a.Csm, a.FirstPaidMonth, _batchId]);
        _accountIds = (await ImportPlanner.LoadAccountsAsync(connection, tx, ct)).ToDictionary(kv => kv.Key, kv => kv.Value.Id, StringComparer.Ordinal);

        // The COPY opens with the first new row: the planner still reads the stored rows after this call, and a connection
        // in COPY state can do nothing else.
        string[] columns = plan.HasAccountId ? ["AccountId", .. plan.Columns, "ImportBatchId"] : [.. plan.Columns, "ImportBatchId"];
        plan.OnInsert = insert =>
        {
            _inserts ??= BulkInsert.Open(connection, tx, model, plan.Table, columns);
            _inserts.Write(plan.HasAccountId ? [_accountIds[insert.AccountExternalId!], .. insert.Values, _batchId] : [.. insert.Values, _batchId]);
            Step();
        };
        plan.OnUpdate = update =>
        {
            _updates.Add(update);
            Step();
        };
        _updates.AddRange(plan.PendingAccountUpdates);
    }

    public async Task<long> FinishAsync(ImportPlan plan, ParsedFile parsed, ImportPreview preview, CancellationToken ct)
    {
        _inserts?.Complete();
        _inserts?.Dispose();
        _inserts = null;
        if (_updates.Count > 0)
        {
            await ApplyUpdatesAsync(plan, ct);
        }

        await BatchReport.FinishAsync(connection, tx, _batchId, plan, parsed, preview, ct);
        progress?.Report(1.0);
        return _batchId;
    }

    /// <summary>COPY the new values into a temporary table, one UPDATE … FROM it, and the old values into ImportChanges.</summary>
    private async Task ApplyUpdatesAsync(ImportPlan plan, CancellationToken ct)
    {
        var table = plan.Table;
        var columns = plan.Columns;
        var list = string.Join(", ", columns.Select(c => $"\"{c}\""));
#pragma warning disable CA2100 // Table and column names are constants of ImportPlanner.
        await using (var create = new NpgsqlCommand(
            $"CREATE TEMP TABLE \"_batch_updates\" ON COMMIT DROP AS SELECT \"Id\", {list} FROM \"{table}\" WITH NO DATA", connection, tx))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        // The temporary table has the target's column types, so the same model types apply.
        var types = columns.Select(c => StoreColumns.ClrType(model, table, c)).ToArray();
        await using (var importer = await connection.BeginBinaryImportAsync($"COPY \"_batch_updates\" (\"Id\", {list}) FROM STDIN (FORMAT BINARY)", ct))
        {
            var idType = StoreColumns.PgType(StoreColumns.ClrType(model, table, "Id"));
            foreach (var u in _updates)
            {
                await importer.StartRowAsync(ct);
                await importer.WriteAsync(StoreColumns.Convert(u.RowId, StoreColumns.ClrType(model, table, "Id"))!, idType, ct);
                for (var i = 0; i < columns.Length; i++)
                {
                    var v = StoreColumns.Convert(u.Values[i], types[i]);
                    if (v is null)
                    {
                        await importer.WriteNullAsync(ct);
                    }
                    else
                    {
                        await importer.WriteAsync(v, StoreColumns.PgType(types[i]), ct);
                    }
                }
            }

            await importer.CompleteAsync(ct);
        }

        await using (var update = new NpgsqlCommand(
            $"UPDATE \"{table}\" t SET {string.Join(", ", columns.Select(c => $"\"{c}\" = u.\"{c}\""))} FROM \"_batch_updates\" u WHERE t.\"Id\" = u.\"Id\"", connection, tx))
        {
            await update.ExecuteNonQueryAsync(ct);
        }
#pragma warning restore CA2100

        BulkInsert.Insert(connection, tx, model, "ImportChanges", ["ImportBatchId", "TableName", "RowId", "BeforeJson"], _updates,
            u => [_batchId, table, u.RowId, BatchReport.BeforeJson(columns, u.Before, keepDecimalScale: true)]);
    }

    private void Step()
    {
        if (++_done % 5000 == 0)
        {
            progress?.Report(Math.Min(0.99, (double)_done / Math.Max(1, expectedRows)));
        }
    }

    public ValueTask DisposeAsync()
    {
        _inserts?.Dispose();
        return ValueTask.CompletedTask;
    }
}
