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
/// the replaced values captured into ImportChanges by SQL. A revert is one UPDATE per table. All of it runs in the
/// caller's transaction, so readers see a batch whole or not at all.
/// </summary>
internal sealed class PostgreSqlPlanWriter(NpgsqlConnection connection, NpgsqlTransaction tx, IModel model) : IStoreWriter
{
    /// <summary>Memory for the hash joins and sorts of one batch's set-based statements (SET LOCAL: the transaction's only).</summary>
    private const string WorkMem = "256MB";

    /// <summary>The advisory lock every importing instance takes ("ExpDash" in ASCII).</summary>
    private const long WriteLockKey = 0x45787044617368;

    public IRowWriter OpenInserts(string table, IReadOnlyList<string> columns, int expectedRows = 0) =>
        new CopyRowWriter(connection, model, table, columns, ForeignKeysAside.TryDrop(connection, tx, table, expectedRows));

    public IUpdateWriter OpenUpdates(StoreTable table, long batchId) => new SetUpdates(connection, tx, model, table, batchId);

    public object Parameter(object? value) => value ?? DBNull.Value;

    /// <summary>PostgreSQL checkpoints on its own schedule.</summary>
    public void Committed()
    {
    }

    public void Dispose()
    {
    }

    /// <summary>Several app instances may share the database: a transaction-scoped advisory lock queues their writers.</summary>
    public async Task LockAsync(CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, tx);
        cmd.Parameters.AddWithValue("key", WriteLockKey);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// One set-based UPDATE per table from the batch's ImportChanges rows: each kept JSON text is parsed once, and each
    /// kept value goes through its column type's own input (so rows written by earlier versions revert the same way).
    /// </summary>
    public async Task<int> RestoreAsync(long batchId, CancellationToken ct)
    {
        var tables = new List<string>();
        await using (var cmd = new NpgsqlCommand("SELECT DISTINCT \"TableName\" FROM \"ImportChanges\" WHERE \"ImportBatchId\" = @b ORDER BY 1", connection, tx))
        {
            cmd.Parameters.AddWithValue("b", batchId);
            cmd.CommandTimeout = 0;
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                tables.Add(reader.GetString(0));
            }
        }

        if (tables.Count == 0)
        {
            return 0;
        }

        // The batch's changes were just written, most likely after the last autovacuum: fresh statistics make the planner
        // join them by hash instead of a million index probes; the sort that picks each row's first change stays in memory.
        await using (var prepare = new NpgsqlCommand($"ANALYZE \"ImportChanges\"; SET LOCAL work_mem = '{WorkMem}'", connection, tx))
        {
            prepare.CommandTimeout = 0;
            await prepare.ExecuteNonQueryAsync(ct);
        }

        var restored = 0;
        foreach (var table in tables)
        {
            // Every change of a batch and table names the same columns: the ones its import changed.
            string[] columns;
            await using (var first = new NpgsqlCommand(
                "SELECT \"BeforeJson\" FROM \"ImportChanges\" WHERE \"ImportBatchId\" = @b AND \"TableName\" = @t LIMIT 1", connection, tx))
            {
                first.Parameters.AddWithValue("b", batchId);
                first.Parameters.AddWithValue("t", table);
                using var json = JsonDocument.Parse((string)(await first.ExecuteScalarAsync(ct))!);
                columns = json.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
            }

            var types = await ColumnTypesAsync(table, ct);

            // A row changed twice in one batch gets back what it had before the first change (the lowest change id).
#pragma warning disable CA2100 // Table and column names come from our own ImportChanges rows; the types from the catalogue.
            await using var update = new NpgsqlCommand(
                $"UPDATE \"{table}\" t SET {string.Join(", ", columns.Select(c => $"\"{c}\" = (c.j ->> '{c}')::{types[c]}"))} " +
                $"FROM (SELECT DISTINCT ON (\"RowId\") \"RowId\", \"BeforeJson\"::json AS j FROM \"ImportChanges\" WHERE \"ImportBatchId\" = @b AND \"TableName\" = @t ORDER BY \"RowId\", \"Id\") c " +
                "WHERE t.\"Id\" = c.\"RowId\"",
                connection, tx);
#pragma warning restore CA2100
            update.CommandTimeout = 0;
            update.Parameters.AddWithValue("b", batchId);
            update.Parameters.AddWithValue("t", table);
            restored += await update.ExecuteNonQueryAsync(ct);
        }

        return restored;
    }

    /// <summary>Each column's type as the server writes it (e.g. numeric(20,8)), for casting kept text back.</summary>
    private async Task<Dictionary<string, string>> ColumnTypesAsync(string table, CancellationToken ct)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var cmd = new NpgsqlCommand(
            "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = to_regclass(@t) AND attnum > 0 AND NOT attisdropped",
            connection, tx);
        cmd.Parameters.AddWithValue("t", "\"" + table + "\"");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            types[reader.GetString(0)] = reader.GetString(1);
        }

        return types;
    }

    /// <summary>SQL giving a stored column's value as the invariant text revert reads back (what <see cref="ChangeLog"/> wrote).</summary>
    private static string Text(Type type, string column) =>
        type == typeof(DateOnly) ? $"to_char({column}, 'YYYY-MM-DD')"
        : type == typeof(DateTime) ? $"to_char({column}, 'YYYY-MM-DD HH24:MI:SS.US')"
        : type == typeof(bool) ? $"({column})::integer::text"
        : type == typeof(string) ? column
        : $"({column})::text";

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
        private readonly ForeignKeysAside? _keys;
        private bool _completed;

        /// <param name="keys">The table's foreign keys, set aside for a big write: added back (and checked) when it completes.</param>
        public CopyRowWriter(NpgsqlConnection connection, IModel model, string table, IReadOnlyList<string> columns, ForeignKeysAside? keys)
        {
            _keys = keys;
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

                // The connection leaves COPY only when the importer is closed.
                _importer.Dispose();
                _keys?.Restore();
            }
        }

        public void Dispose() => _importer.Dispose();
    }

    /// <summary>
    /// Updates kept until the end (a COPY of new rows may be open on the connection meanwhile): the new values go by one
    /// binary COPY into a temporary table; one INSERT … SELECT json_build_object keeps the replaced values in
    /// ImportChanges; one UPDATE … FROM sets them. Only the columns some row changes take part, so an amounts-only update
    /// leaves the natural key alone and PostgreSQL can rewrite each row in place (see <see cref="PostgreSqlModelCustomizer"/>).
    /// </summary>
    private sealed class SetUpdates(NpgsqlConnection connection, NpgsqlTransaction tx, IModel model, StoreTable table, long batchId) : IUpdateWriter
    {
        private readonly List<(long RowId, object?[] Values)> _updates = [];
        private readonly bool[] _changed = new bool[table.Columns.Count];

        public void Write(RowUpdate update)
        {
            for (var i = 0; i < _changed.Length; i++)
            {
                if (!_changed[i] && !Equals(update.Values[i], update.Before[i]))
                {
                    _changed[i] = true;
                }
            }

            // The replaced values are read back from the table itself at the end; the plan's copy of them is not kept.
            _updates.Add((update.RowId, update.Values));
        }

        public async Task CompleteAsync(CancellationToken ct)
        {
            if (_updates.Count == 0)
            {
                return;
            }

            // Only the columns some row changes are staged, kept and restored: the others hold what they held before.
            var changed = Enumerable.Range(0, _changed.Length).Where(i => _changed[i]).ToArray();
            if (changed.Length == 0)
            {
                _updates.Clear();
                return;
            }

            var columns = changed.Select(i => table.ColumnNames[i]).ToArray();
            var list = string.Join(", ", columns.Select(c => $"\"{c}\""));
#pragma warning disable CA2100 // Table and column names are constants of the kinds.
            await using (var create = new NpgsqlCommand(
                $"CREATE TEMP TABLE \"_batch_updates\" ON COMMIT DROP AS SELECT \"Id\", {list} FROM \"{table.Name}\" WITH NO DATA", connection, tx))
            {
                await create.ExecuteNonQueryAsync(ct);
            }

            // The temporary table has the target's column types, so the same model types apply.
            var types = columns.Select(c => StoreColumns.ClrType(model, table.Name, c)).ToArray();
            var pgTypes = types.Select(PgType).ToArray();
            var idClr = StoreColumns.ClrType(model, table.Name, "Id");
            var idType = PgType(idClr);
            await using (var importer = await connection.BeginBinaryImportAsync($"COPY \"_batch_updates\" (\"Id\", {list}) FROM STDIN (FORMAT BINARY)", ct))
            {
                // Synchronous writes: the importer buffers, and an awaited call per value costs more than the value.
                foreach (var (rowId, values) in _updates)
                {
                    importer.StartRow();
                    if (idClr == typeof(long))
                    {
                        importer.Write(rowId, idType);
                    }
                    else
                    {
                        importer.Write(StoreColumns.Convert(rowId, idClr)!, idType);
                    }

                    for (var i = 0; i < columns.Length; i++)
                    {
                        Write(importer, StoreColumns.Convert(values[changed[i]], types[i]), pgTypes[i]);
                    }
                }

                await importer.CompleteAsync(ct);
            }

            var count = _updates.Count;
            _updates.Clear();
            var changeKeys = ForeignKeysAside.TryDrop(connection, tx, "ImportChanges", count);
            var before = string.Join(", ", columns.Select((c, i) => $"'{c}', {Text(types[i], $"t.\"{c}\"")}"));
            var sets = columns.Select(c => $"\"{c}\" = u.\"{c}\"");
            await using (var batch = new NpgsqlBatch(connection, tx))
            {
                // The staging table has no statistics yet; without them the planner guesses a few hundred rows.
                batch.BatchCommands.Add(new NpgsqlBatchCommand("ANALYZE \"_batch_updates\""));
                batch.BatchCommands.Add(new NpgsqlBatchCommand($"SET LOCAL work_mem = '{WorkMem}'"));
                batch.BatchCommands.Add(new NpgsqlBatchCommand(
                    "INSERT INTO \"ImportChanges\" (\"ImportBatchId\", \"TableName\", \"RowId\", \"BeforeJson\") " +
                    $"SELECT @b, @t, t.\"Id\", json_build_object({before})::text FROM \"_batch_updates\" u JOIN \"{table.Name}\" t ON t.\"Id\" = u.\"Id\"")
                {
                    Parameters = { new("b", batchId), new("t", table.Name) },
                });
                batch.BatchCommands.Add(new NpgsqlBatchCommand(
                    $"UPDATE \"{table.Name}\" t SET {string.Join(", ", sets)} FROM \"_batch_updates\" u WHERE t.\"Id\" = u.\"Id\""));

                batch.BatchCommands.Add(new NpgsqlBatchCommand("DROP TABLE \"_batch_updates\""));
                batch.Timeout = 0;
                await batch.ExecuteNonQueryAsync(ct);
            }
#pragma warning restore CA2100

            if (changeKeys is not null)
            {
                await changeKeys.RestoreAsync(ct);
            }
        }

        private static void Write(NpgsqlBinaryImporter importer, object? value, NpgsqlDbType type)
        {
            switch (value)
            {
                case null:
                    importer.WriteNull();
                    break;
                case string s:
                    importer.Write(s, type);
                    break;
                case DateOnly d:
                    importer.Write(d, type);
                    break;
                case decimal m:
                    importer.Write(m, type);
                    break;
                case int n:
                    importer.Write(n, type);
                    break;
                case long l:
                    importer.Write(l, type);
                    break;
                case double x:
                    importer.Write(x, type);
                    break;
                case bool b:
                    importer.Write(b, type);
                    break;
                default:
                    importer.Write(value, type);
                    break;
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
