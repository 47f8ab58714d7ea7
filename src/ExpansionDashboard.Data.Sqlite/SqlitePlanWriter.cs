using System.Globalization;
using System.Text.Json;
using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Data.Import.Kinds;
using ExpansionDashboard.Data.Import.Writing;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ExpansionDashboard.Data.Sqlite;

/// <summary>
/// SQLite: one prepared INSERT or UPDATE reused for every row inside the caller's transaction (an order of magnitude
/// faster than EF Core change tracking), values stored the way EF Core's SQLite provider writes them.
/// </summary>
internal sealed class SqlitePlanWriter(SqliteConnection connection, SqliteTransaction tx) : IStoreWriter
{
    public IRowWriter OpenInserts(string table, IReadOnlyList<string> columns) => new PreparedRowWriter(connection, tx, table, columns);

    public IUpdateWriter OpenUpdates(StoreTable table, long batchId) => new PreparedUpdates(connection, tx, table, batchId);

    public object Parameter(object? value) => ToDb(value);

    /// <summary>One process owns a SQLite file (the store lock); its writers queue in the import service.</summary>
    public Task LockAsync(CancellationToken ct) => Task.CompletedTask;

    public async Task<int> RestoreAsync(long batchId, CancellationToken ct)
    {
        var changes = new List<(string Table, long RowId, string Before)>();
        await using (var read = connection.CreateCommand())
        {
            read.Transaction = tx;
            read.CommandText = "SELECT \"TableName\", \"RowId\", \"BeforeJson\" FROM \"ImportChanges\" WHERE \"ImportBatchId\" = $b ORDER BY \"Id\" DESC";
            read.Parameters.AddWithValue("$b", batchId);
            await using var reader = await read.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                changes.Add((reader.GetString(0), reader.GetInt64(1), reader.GetString(2)));
            }
        }

        foreach (var (table, rowId, json) in changes)
        {
            var before = JsonSerializer.Deserialize<Dictionary<string, string?>>(json)!;
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
#pragma warning disable CA2100 // Table and column names come from our own ImportChanges rows, written by the plan writer.
            cmd.CommandText = $"UPDATE \"{table}\" SET {string.Join(", ", before.Keys.Select((k, i) => $"\"{k}\" = $p{i}"))} WHERE \"Id\" = $id";
#pragma warning restore CA2100
            var i = 0;
            foreach (var value in before.Values)
            {
                // SQLite stores what EF Core wrote, as text: the kept text goes back as it is.
                cmd.Parameters.AddWithValue($"$p{i++}", (object?)value ?? DBNull.Value);
            }

            cmd.Parameters.AddWithValue("$id", rowId);
            await cmd.ExecuteNonQueryAsync(ct);
        }

        return changes.Count;
    }

    /// <summary>How EF Core's SQLite provider writes a decimal: as text, with at least one decimal place ("1200.0").</summary>
    private const string DecimalFormat = "0.0###########################";

    /// <summary>Stores values the way EF Core's SQLite provider does, so EF reads them back unchanged.</summary>
    internal static object ToDb(object? value) => value switch
    {
        null => DBNull.Value,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        decimal m => m.ToString(DecimalFormat, CultureInfo.InvariantCulture),
        bool b => b ? 1 : 0,
        _ => value,
    };

    /// <summary>
    /// One prepared INSERT reused for every row, so rows can be written as they are produced (streaming). It binds and
    /// steps the statement through SQLite's own API on the connection's handle, in the connection's transaction: an
    /// ADO.NET ExecuteNonQuery per row (a data reader, parameter lookups, a UTF-16 to UTF-8 copy of every text) cost
    /// more than SQLite's own work on a million-row import. Values are stored exactly as <see cref="ToDb"/> gives them.
    /// </summary>
    private sealed class PreparedRowWriter : IRowWriter
    {
        private readonly SqliteConnection _connection;
        private readonly sqlite3_stmt _stmt;

        public PreparedRowWriter(SqliteConnection connection, SqliteTransaction transaction, string table, IReadOnlyList<string> columns)
        {
            // The statement runs inside the transaction the connection holds; the ADO.NET object is only its witness.
            _ = transaction;
            _connection = connection;
            var sql = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"?{i + 1}"))})";
            var rc = raw.sqlite3_prepare_v2(connection.Handle, sql, out _stmt);
            SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        }

        public int Count { get; private set; }

        public void Write(object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                Bind(i + 1, values[i]);
            }

            var rc = raw.sqlite3_step(_stmt);
            raw.sqlite3_reset(_stmt);
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
            }

            Count++;
        }

        public void Complete()
        {
        }

        public void Dispose() => _stmt.Dispose();

        private void Bind(int index, object? value)
        {
            var rc = value switch
            {
                null or DBNull => raw.sqlite3_bind_null(_stmt, index),
                string s => BindText(index, s),
                int n => raw.sqlite3_bind_int64(_stmt, index, n),
                long n => raw.sqlite3_bind_int64(_stmt, index, n),
                short n => raw.sqlite3_bind_int64(_stmt, index, n),
                byte n => raw.sqlite3_bind_int64(_stmt, index, n),
                float f => raw.sqlite3_bind_double(_stmt, index, f),
                byte[] blob => raw.sqlite3_bind_blob(_stmt, index, blob),
                bool b => raw.sqlite3_bind_int64(_stmt, index, b ? 1 : 0),
                double d => raw.sqlite3_bind_double(_stmt, index, d),
                decimal m => BindUtf8(index, m, DecimalFormat),
                DateOnly d => BindUtf8(index, d, "yyyy-MM-dd"),
                DateTime dt => BindUtf8(index, dt, "yyyy-MM-dd HH:mm:ss.FFFFFFF"),
                _ => BindText(index, Convert.ToString(ToDb(value), CultureInfo.InvariantCulture) ?? ""),
            };
            SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
        }

        private int BindText(int index, string text)
        {
            // Most texts are short (ids, products, plans): encoded on the stack, copied once by SQLite.
            if (text.Length <= 256)
            {
                Span<byte> utf8 = stackalloc byte[text.Length * 3];
                var n = System.Text.Encoding.UTF8.GetBytes(text, utf8);
                return raw.sqlite3_bind_text(_stmt, index, utf8[..n]);
            }

            return raw.sqlite3_bind_text(_stmt, index, text);
        }

        private int BindUtf8<T>(int index, T value, string format)
            where T : IUtf8SpanFormattable
        {
            Span<byte> utf8 = stackalloc byte[64];
            return value.TryFormat(utf8, out var n, format, CultureInfo.InvariantCulture)
                ? raw.sqlite3_bind_text(_stmt, index, utf8[..n])
                : BindText(index, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
        }
    }

    /// <summary>A prepared UPDATE per row, applied at once, and its replaced values into ImportChanges.</summary>
    private sealed class PreparedUpdates : IUpdateWriter
    {
        private readonly StoreTable _table;
        private readonly long _batchId;
        private readonly SqliteCommand _update;
        private readonly SqliteParameter[] _values;
        private readonly SqliteParameter _id;
        private readonly PreparedRowWriter _changes;

        public PreparedUpdates(SqliteConnection connection, SqliteTransaction tx, StoreTable table, long batchId)
        {
            _table = table;
            _batchId = batchId;
            _changes = new PreparedRowWriter(connection, tx, "ImportChanges", ["ImportBatchId", "TableName", "RowId", "BeforeJson"]);
            _update = connection.CreateCommand();
            _update.Transaction = tx;
#pragma warning disable CA2100 // Table and column names are constants of the kinds.
            _update.CommandText = $"UPDATE \"{table.Name}\" SET {string.Join(", ", table.ColumnNames.Select((c, i) => $"\"{c}\" = $p{i}"))} WHERE Id = $id";
#pragma warning restore CA2100
            _values = table.ColumnNames.Select((_, i) => _update.Parameters.Add($"$p{i}", SqliteType.Text)).ToArray();
            _id = _update.Parameters.Add("$id", SqliteType.Integer);
            _update.Prepare();
        }

        public void Write(RowUpdate update)
        {
            for (var i = 0; i < _values.Length; i++)
            {
                _values[i].Value = ToDb(update.Values[i]);
            }

            _id.Value = update.RowId;
            _update.ExecuteNonQuery();
            _changes.Write([_batchId, _table.Name, update.RowId, ChangeLog.BeforeJson(_table.ColumnNames, update.Before, keepDecimalScale: false)]);
        }

        public Task CompleteAsync(CancellationToken ct) => Task.CompletedTask;

        public ValueTask DisposeAsync()
        {
            _update.Dispose();
            _changes.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
