using System.Text.Json;
using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Data.Import.Kinds;
using ExpansionDashboard.Data.Import.Writing;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace ExpansionDashboard.Data.PostgreSql;

/// <summary>
/// PostgreSQL: new rows stream into their table through binary COPY; updates (which cannot run while a COPY is open on
/// the connection) are kept and applied at the end in one set-based UPDATE from a temporary table filled by COPY, with
/// the replaced values written to ImportChanges (also by COPY). A revert is one UPDATE per table. All of it runs in the
/// caller's transaction, so readers see a batch whole or not at all.
/// </summary>
internal sealed class PostgreSqlPlanWriter(NpgsqlConnection connection, NpgsqlTransaction tx, IModel model) : IStoreWriter
{
    /// <summary>The advisory lock every importing instance takes ("ExpDash" in ASCII).</summary>
    private const long WriteLockKey = 0x45787044617368;

    public IRowWriter OpenInserts(string table, IReadOnlyList<string> columns) => new CopyRowWriter(connection, model, table, columns);

    public IUpdateWriter OpenUpdates(StoreTable table, long batchId) => new SetUpdates(this, connection, tx, model, table, batchId);

    public object Parameter(object? value) => value ?? DBNull.Value;

    /// <summary>Several app instances may share the database: a transaction-scoped advisory lock queues their writers.</summary>
    public async Task LockAsync(CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, tx);
        cmd.Parameters.AddWithValue("key", WriteLockKey);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// One set-based UPDATE per table from the batch's ImportChanges rows (the kept values are JSON text, cast back to each
    /// column's type in SQL), instead of a round trip per row: a large batch reverts in seconds.
    /// </summary>
    public async Task<int> RestoreAsync(long batchId, CancellationToken ct)
    {
        var groups = new List<(string Table, string[] Columns)>();
        await using (var cmd = new NpgsqlCommand(
            "SELECT DISTINCT ON (\"TableName\") \"TableName\", \"BeforeJson\" FROM \"ImportChanges\" WHERE \"ImportBatchId\" = @b ORDER BY \"TableName\"", connection, tx))
        {
            cmd.Parameters.AddWithValue("b", batchId);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                // Every change of a batch and table names the same columns (the kind's).
                groups.Add((reader.GetString(0), JsonSerializer.Deserialize<Dictionary<string, string?>>(reader.GetString(1))!.Keys.ToArray()));
            }
        }

        var restored = 0;
        foreach (var (table, columns) in groups)
        {
            var sets = columns.Select(c => $"\"{c}\" = {Cast(StoreColumns.ClrType(model, table, c), $"c.j ->> '{c}'")}");
#pragma warning disable CA2100 // Table and column names come from our own ImportChanges rows and the EF model.
            await using var update = new NpgsqlCommand(
                $"UPDATE \"{table}\" t SET {string.Join(", ", sets)} " +
                $"FROM (SELECT \"RowId\", \"BeforeJson\"::jsonb AS j FROM \"ImportChanges\" WHERE \"ImportBatchId\" = @b AND \"TableName\" = @t) c WHERE t.\"Id\" = c.\"RowId\"",
                connection, tx);
#pragma warning restore CA2100
            update.Parameters.AddWithValue("b", batchId);
            update.Parameters.AddWithValue("t", table);
            restored += await update.ExecuteNonQueryAsync(ct);
        }

        return restored;
    }

    /// <summary>SQL that turns the kept invariant text back into a column of <paramref name="type"/> (NULL stays NULL).</summary>
    private static string Cast(Type type, string text) =>
        type == typeof(string) ? text
        : type == typeof(bool) ? $"(CASE {text} WHEN '1' THEN TRUE WHEN 'true' THEN TRUE WHEN 'True' THEN TRUE WHEN '0' THEN FALSE WHEN 'false' THEN FALSE WHEN 'False' THEN FALSE END)"
        : type == typeof(int) ? $"({text})::integer"
        : type == typeof(long) ? $"({text})::bigint"
        : type == typeof(decimal) ? $"({text})::numeric"
        : type == typeof(double) ? $"({text})::double precision"
        : type == typeof(DateOnly) ? $"({text})::date"
        : type == typeof(DateTime) ? $"({text})::timestamp"
        : text;

    private static NpgsqlDbType PgType(Type type) =>
        type == typeof(int) ? NpgsqlDbType.Integer
        : type == typeof(long) ? NpgsqlDbType.Bigint
        : type == typeof(decimal) ? NpgsqlDbType.Numeric
        : type == typeof(double) ? NpgsqlDbType.Double
        : type == typeof(bool) ? NpgsqlDbType.Boolean
        : type == typeof(DateOnly) ? NpgsqlDbType.Date
        : type == typeof(DateTime) ? NpgsqlDbType.Timestamp
        : NpgsqlDbType.Text;

    /// <summary>Binary COPY into one table inside the connection's transaction: the fastest way in.</summary>
    private sealed class CopyRowWriter : IRowWriter
    {
        private readonly NpgsqlBinaryImporter _importer;
        private readonly Type[] _types;
        private readonly NpgsqlDbType[] _pgTypes;
        private bool _completed;

        public CopyRowWriter(NpgsqlConnection connection, IModel model, string table, IReadOnlyList<string> columns)
        {
            _types = columns.Select(c => StoreColumns.ClrType(model, table, c)).ToArray();
            _pgTypes = _types.Select(PgType).ToArray();
            _importer = connection.BeginBinaryImport($"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)");
        }

        public int Count { get; private set; }

        public void Write(object?[] values)
        {
            _importer.StartRow();
            for (var i = 0; i < values.Length; i++)
            {
                var v = StoreColumns.Convert(values[i], _types[i]);
                if (v is null)
                {
                    _importer.WriteNull();
                }
                else
                {
                    _importer.Write(v, _pgTypes[i]);
                }
            }

            Count++;
        }

        public void Complete()
        {
            if (!_completed)
            {
                _importer.Complete();
                _completed = true;
            }
        }

        public void Dispose() => _importer.Dispose();
    }

    /// <summary>Updates kept until the end: COPY the new values into a temporary table, one UPDATE … FROM it, the old values into ImportChanges.</summary>
    private sealed class SetUpdates(PostgreSqlPlanWriter store, NpgsqlConnection connection, NpgsqlTransaction tx, IModel model, StoreTable table, long batchId) : IUpdateWriter
    {
        private readonly List<RowUpdate> _updates = [];

        public void Write(RowUpdate update) => _updates.Add(update);

        public async Task CompleteAsync(CancellationToken ct)
        {
            if (_updates.Count == 0)
            {
                return;
            }

            var columns = table.ColumnNames;
            var list = string.Join(", ", columns.Select(c => $"\"{c}\""));
#pragma warning disable CA2100 // Table and column names are constants of the kinds.
            await using (var create = new NpgsqlCommand(
                $"CREATE TEMP TABLE \"_batch_updates\" ON COMMIT DROP AS SELECT \"Id\", {list} FROM \"{table.Name}\" WITH NO DATA", connection, tx))
            {
                await create.ExecuteNonQueryAsync(ct);
            }

            // The temporary table has the target's column types, so the same model types apply.
            var types = columns.Select(c => StoreColumns.ClrType(model, table.Name, c)).ToArray();
            var idClr = StoreColumns.ClrType(model, table.Name, "Id");
            await using (var importer = await connection.BeginBinaryImportAsync($"COPY \"_batch_updates\" (\"Id\", {list}) FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var u in _updates)
                {
                    await importer.StartRowAsync(ct);
                    await importer.WriteAsync(StoreColumns.Convert(u.RowId, idClr)!, PgType(idClr), ct);
                    for (var i = 0; i < columns.Length; i++)
                    {
                        var v = StoreColumns.Convert(u.Values[i], types[i]);
                        if (v is null)
                        {
                            await importer.WriteNullAsync(ct);
                        }
                        else
                        {
                            await importer.WriteAsync(v, PgType(types[i]), ct);
                        }
                    }
                }

                await importer.CompleteAsync(ct);
            }

            await using (var update = new NpgsqlCommand(
                $"UPDATE \"{table.Name}\" t SET {string.Join(", ", columns.Select(c => $"\"{c}\" = u.\"{c}\""))} FROM \"_batch_updates\" u WHERE t.\"Id\" = u.\"Id\"", connection, tx))
            {
                await update.ExecuteNonQueryAsync(ct);
            }
#pragma warning restore CA2100

            using var changes = store.OpenInserts("ImportChanges", ["ImportBatchId", "TableName", "RowId", "BeforeJson"]);
            foreach (var u in _updates)
            {
                changes.Write([batchId, table.Name, u.RowId, ChangeLog.BeforeJson(columns, u.Before, keepDecimalScale: true)]);
            }

            changes.Complete();
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
