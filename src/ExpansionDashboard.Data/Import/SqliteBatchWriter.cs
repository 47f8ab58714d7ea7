using System.Globalization;
using ExpansionDashboard.Data.Bulk;
using Microsoft.Data.Sqlite;

namespace ExpansionDashboard.Data.Import;

/// <summary>
/// The SQLite batch writer: writes one import batch inside the caller's transaction while the plan streams: the batch row and new accounts
/// first, then every insert and update as it is planned (with the replaced values kept for revert), and the counts
/// and data version at the end. Nothing is visible to readers until the transaction commits.
/// </summary>
internal sealed class SqliteBatchWriter(
    SqliteConnection connection, SqliteTransaction tx, DateTime nowUtc, ImportKind kind, string fileName, string user, int expectedRows, IProgress<double>? progress)
    : IBatchWriter
{
    private PreparedRowWriter? _inserts;
    private PreparedRowWriter? _changes;
    private SqliteCommand? _update;
    private SqliteParameter[] _updateValues = [];
    private SqliteParameter? _updateId;
    private Dictionary<string, int> _accountIds = new(StringComparer.Ordinal);
    private long _batchId;
    private int _done;

    /// <summary>Called by the planner once new accounts are known and before rows stream.</summary>
    public async Task StartAsync(ImportPlan plan, CancellationToken ct)
    {
        _batchId = await BatchReport.InsertAsync(connection, tx, nowUtc, kind, fileName, user, ct);
        SqliteBulkWriter.Insert(connection, tx, "Accounts", ["ExternalId", "Name", "Segment", "Industry", "Region", "Csm", "FirstPaidMonth", "ImportBatchId"], plan.NewAccounts,
            a => [a.ExternalId, a.Name, a.Segment, a.Industry, a.Region, a.Csm, a.FirstPaidMonth, _batchId]);
        _accountIds = (await ImportPlanner.LoadAccountsAsync(connection, tx, ct)).ToDictionary(kv => kv.Key, kv => kv.Value.Id, StringComparer.Ordinal);

        string[] columns = plan.HasAccountId ? ["AccountId", .. plan.Columns, "ImportBatchId"] : [.. plan.Columns, "ImportBatchId"];
        if (plan.Table != "Accounts")
        {
            _inserts = new PreparedRowWriter(connection, tx, plan.Table, columns);
        }

        _changes = new PreparedRowWriter(connection, tx, "ImportChanges", ["ImportBatchId", "TableName", "RowId", "BeforeJson"]);
        _update = connection.CreateCommand();
        _update.Transaction = tx;
#pragma warning disable CA2100 // Table and column names are constants of ImportPlanner.
        _update.CommandText = $"UPDATE \"{plan.Table}\" SET {string.Join(", ", plan.Columns.Select((c, i) => $"\"{c}\" = $p{i}"))} WHERE Id = $id";
#pragma warning restore CA2100
        _updateValues = plan.Columns.Select((_, i) => _update.Parameters.Add($"$p{i}", SqliteType.Text)).ToArray();
        _updateId = _update.Parameters.Add("$id", SqliteType.Integer);
        _update.Prepare();

        plan.OnInsert = insert =>
        {
            _inserts!.Write(plan.HasAccountId ? [_accountIds[insert.AccountExternalId!], .. insert.Values, _batchId] : [.. insert.Values, _batchId]);
            Step();
        };
        plan.OnUpdate = update => Update(plan, update);
        foreach (var pending in plan.PendingAccountUpdates)
        {
            Update(plan, pending);
        }
    }

    /// <summary>Records the counts and the report on the batch row and raises the data version.</summary>
    public async Task<long> FinishAsync(ImportPlan plan, ParsedFile parsed, ImportPreview preview, CancellationToken ct)
    {
        await BatchReport.FinishAsync(connection, tx, _batchId, plan, parsed, preview, ct);
        progress?.Report(1.0);
        return _batchId;
    }

    private void Update(ImportPlan plan, PlannedUpdate update)
    {
        for (var i = 0; i < _updateValues.Length; i++)
        {
            _updateValues[i].Value = SqliteBulkWriter.ToDb(update.Values[i]);
        }

        _updateId!.Value = update.RowId;
        _update!.ExecuteNonQuery();
        _changes!.Write([_batchId, plan.Table, update.RowId, BatchReport.BeforeJson(plan.Columns, update.Before)]);
        Step();
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
        _changes?.Dispose();
        _update?.Dispose();
        return ValueTask.CompletedTask;
    }
}
