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
    public IRowWriter OpenInserts(string table, IReadOnlyList<string> columns, int expectedRows = 0) => new PreparedRowWriter(connection, tx, table, columns);

    public IUpdateWriter OpenUpdates(StoreTable table, long batchId) => new PreparedUpdates(connection, tx, table, batchId);

    public object Parameter(object? value) => ToDb(value);

    /// <summary>
    /// One process owns a SQLite file (the store lock); its writers queue in the import service. The write connection
    /// stops checkpointing on commit: a million-row commit spent a quarter of a second copying the log into the file
    /// while the user waited (<see cref="Committed"/> starts that copy in the background).
    /// </summary>
    public Task LockAsync(CancellationToken ct)
    {
        SetAutoCheckpoint(0);
        _deferred = true;
        return Task.CompletedTask;
    }

    public void Committed()
    {
        Dispose();
        var connectionString = connection.ConnectionString;
        _ = Task.Run(() =>
        {
            try
            {
                // PASSIVE: copies what no reader still needs, never waits for readers or a writer.
                using var checkpoint = new SqliteConnection(connectionString);
                checkpoint.Open();
                using var cmd = checkpoint.CreateCommand();
                cmd.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                cmd.ExecuteNonQuery();
            }
            catch (Exception ex) when (ex is SqliteException or InvalidOperationException or ObjectDisposedException or IOException)
            {
                // Nothing is lost: the next commit or the last connection to close checkpoints instead.
            }
        });
    }

    /// <summary>Puts the connection's checkpointing back (pooled connections serve readers and small writes too).</summary>
    public void Dispose()
    {
        if (_deferred)
        {
            _deferred = false;
            SetAutoCheckpoint(1000);
        }
    }

    private bool _deferred;

    private void SetAutoCheckpoint(int pages)
    {
        if (connection.State == System.Data.ConnectionState.Open)
        {
            raw.sqlite3_wal_autocheckpoint(connection.Handle, pages);
        }
    }

    /// <summary>
    /// One set-based UPDATE per table from the batch's ImportChanges rows: json_extract gives back the kept text, which the
    /// column's affinity stores exactly as the per-row UPDATE of earlier versions did (their rows revert the same way).
    /// </summary>
    public async Task<int> RestoreAsync(long batchId, CancellationToken ct)
    {
        var groups = new List<(string Table, string[] Columns)>();
        await using (var read = connection.CreateCommand())
        {
            read.Transaction = tx;

            // Every change of a batch and table names the same columns (the kind's), so one row per table tells them.
            read.CommandText = """
                SELECT g."TableName", (SELECT c."BeforeJson" FROM "ImportChanges" c WHERE c."ImportBatchId" = $b AND c."TableName" = g."TableName" LIMIT 1)
                FROM (SELECT DISTINCT "TableName" FROM "ImportChanges" WHERE "ImportBatchId" = $b) g
                """;
            read.Parameters.AddWithValue("$b", batchId);
            await using var reader = await read.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                using var json = JsonDocument.Parse(reader.GetString(1));
                groups.Add((reader.GetString(0), json.RootElement.EnumerateObject().Select(p => p.Name).ToArray()));
            }
        }

        var restored = 0;
        using var cache = new LargeCache(connection, tx);
        foreach (var (table, columns) in groups)
        {
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandTimeout = 0;

            // A row changed twice in one batch gets back what it had before the first change (the lowest change id).
#pragma warning disable CA2100 // Table and column names come from our own ImportChanges rows, written by the plan writer.
            cmd.CommandText = $"""
                UPDATE "{table}" SET {string.Join(", ", columns.Select(c => $"\"{c}\" = json_extract(c.\"BeforeJson\", '$.\"{c}\"')"))}
                FROM (SELECT "RowId", "BeforeJson" FROM "ImportChanges" WHERE "Id" IN
                    (SELECT MIN("Id") FROM "ImportChanges" WHERE "ImportBatchId" = $b AND "TableName" = $t GROUP BY "RowId")) c
                WHERE "{table}"."Id" = c."RowId"
                """;
#pragma warning restore CA2100
            cmd.Parameters.AddWithValue("$b", batchId);
            cmd.Parameters.AddWithValue("$t", table);
            restored += await cmd.ExecuteNonQueryAsync(ct);
        }

        return restored;
    }

    /// <summary>How EF Core's SQLite provider writes a decimal: as text, with at least one decimal place ("1200.0").</summary>
    internal const string DecimalFormat = "0.0###########################";

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
        private readonly NativeStatement _insert;
        private readonly LargeCache _cache;

        public PreparedRowWriter(SqliteConnection connection, SqliteTransaction transaction, string table, IReadOnlyList<string> columns)
        {
            _insert = new NativeStatement(connection, transaction,
                $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"?{i + 1}"))})");
            _cache = new LargeCache(connection, transaction);
        }

        public int Count { get; private set; }

        public void Write(object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                _insert.Bind(i + 1, values[i]);
            }

            _insert.Execute();
            Count++;
        }

        public void Complete()
        {
        }

        public void Dispose()
        {
            _insert.Dispose();
            _cache.Dispose();
        }
    }

    /// <summary>
    /// A statement prepared once and bound and stepped through SQLite's own API on the connection's handle, inside the
    /// connection's transaction: an ADO.NET ExecuteNonQuery per row (a data reader, parameter lookups, a UTF-16 to UTF-8
    /// copy of every text) cost more than SQLite's own work on a million rows. Values are bound as <see cref="ToDb"/> gives them.
    /// </summary>
    private sealed class NativeStatement : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly sqlite3_stmt _stmt;
        private readonly nint _handle;

        public NativeStatement(SqliteConnection connection, SqliteTransaction transaction, string sql)
        {
            // The statement runs inside the transaction the connection holds; the ADO.NET object is only its witness.
            _ = transaction;
            _connection = connection;
            var rc = raw.sqlite3_prepare_v2(connection.Handle, sql, out _stmt);
            SqliteException.ThrowExceptionForRC(rc, connection.Handle);
            _handle = SqliteNative.Handle(_stmt);
        }

        public void Execute()
        {
            var rc = SqliteNative.Step(_handle);
            _ = SqliteNative.Reset(_handle);
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
            }
        }

        public void Dispose() => _stmt.Dispose();

        public void Bind(int index, object? value)
        {
            var rc = value switch
            {
                null or DBNull => SqliteNative.BindNull(_handle, index),
                string s => BindText(index, s),
                int n => SqliteNative.BindInt64(_handle, index, n),
                long n => SqliteNative.BindInt64(_handle, index, n),
                short n => SqliteNative.BindInt64(_handle, index, n),
                byte n => SqliteNative.BindInt64(_handle, index, n),
                float f => SqliteNative.BindDouble(_handle, index, f),
                byte[] blob => raw.sqlite3_bind_blob(_stmt, index, blob),
                bool b => SqliteNative.BindInt64(_handle, index, b ? 1 : 0),
                double d => SqliteNative.BindDouble(_handle, index, d),
                decimal m => BindDecimal(index, m),
                DateOnly d => BindDate(index, d),
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
                return SqliteNative.BindUtf8(_handle, index, utf8[..n]);
            }

            return raw.sqlite3_bind_text(_stmt, index, text);
        }

        private int BindDecimal(int index, decimal value)
        {
            Span<byte> utf8 = stackalloc byte[64];
            return SqliteText.TryDecimal(value, utf8, out var n) ? SqliteNative.BindUtf8(_handle, index, utf8[..n]) : BindUtf8(index, value, DecimalFormat);
        }

        private int BindDate(int index, DateOnly d)
        {
            Span<byte> utf8 = stackalloc byte[10];
            SqliteText.Date(d, utf8);
            return SqliteNative.BindUtf8(_handle, index, utf8);
        }

        private int BindUtf8<T>(int index, T value, string format)
            where T : IUtf8SpanFormattable
        {
            Span<byte> utf8 = stackalloc byte[64];
            return value.TryFormat(utf8, out var n, format, CultureInfo.InvariantCulture)
                ? SqliteNative.BindUtf8(_handle, index, utf8[..n])
                : BindText(index, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
        }
    }

    /// <summary>
    /// Updates staged row by row in a temporary table (a prepared INSERT, cheap in SQLite), then applied set-based at the
    /// end: the replaced values of the columns some row changes go to ImportChanges in one INSERT … SELECT (json_object of
    /// the stored text, the format <see cref="ChangeLog"/> wrote before), then one UPDATE … FROM sets only those columns,
    /// so the natural-key indexes are not rewritten when only the amounts move.
    /// </summary>
    private sealed class PreparedUpdates : IUpdateWriter
    {
        private const string Staging = "temp.\"_batch_updates\"";

        private readonly SqliteConnection _connection;
        private readonly SqliteTransaction _tx;
        private readonly StoreTable _table;
        private readonly long _batchId;
        private readonly NativeStatement _stage;
        private readonly bool[] _changed;
        private readonly LargeCache _cache;
        private int _count;

        public PreparedUpdates(SqliteConnection connection, SqliteTransaction tx, StoreTable table, long batchId)
        {
            _connection = connection;
            _tx = tx;
            _table = table;
            _batchId = batchId;
            _changed = new bool[table.Columns.Count];
            _cache = new LargeCache(connection, tx);
            var columns = table.ColumnNames;
#pragma warning disable CA2100 // Table and column names are constants of the kinds.
            // No declared types: the staged values keep the storage class they are bound with, and the target column's
            // affinity applies when the UPDATE copies them, as it did for the per-row UPDATE.
            Execute($"DROP TABLE IF EXISTS {Staging}; CREATE TABLE {Staging} (\"Id\" INTEGER PRIMARY KEY, {string.Join(", ", columns.Select(c => $"\"{c}\""))})");
#pragma warning restore CA2100

            // The same row planned twice: the later values win, as they did when each was applied in turn.
            _stage = new NativeStatement(connection, tx,
                $"INSERT OR REPLACE INTO {Staging} (\"Id\", {string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES (?1, {string.Join(", ", columns.Select((_, i) => $"?{i + 2}"))})");
        }

        public void Write(RowUpdate update)
        {
            var values = update.Values;
            _stage.Bind(1, update.RowId);
            for (var i = 0; i < _changed.Length; i++)
            {
                _stage.Bind(i + 2, values[i]);
                if (!_changed[i] && !Equals(values[i], update.Before[i]))
                {
                    _changed[i] = true;
                }
            }

            _stage.Execute();
            _count++;
        }

        public async Task CompleteAsync(CancellationToken ct)
        {
            if (_count == 0)
            {
                return;
            }

            // Only the columns some row changes are kept and restored: the others hold what they held before.
            var changed = _table.Columns.Where((_, i) => _changed[i]).ToList();
            if (changed.Count == 0)
            {
                return;
            }

            var table = _table.Name;
            var before = string.Join(", ", changed.Select(c => $"'{c.Name}', {Text(c)}"));
            var sets = changed.Select(c => $"\"{c.Name}\" = u.\"{c.Name}\"");
            await using var cmd = _connection.CreateCommand();
            cmd.Transaction = _tx;
            cmd.CommandTimeout = 0;
#pragma warning disable CA2100 // Table and column names are constants of the kinds.
            cmd.CommandText = $"""
                INSERT INTO "ImportChanges" ("ImportBatchId", "TableName", "RowId", "BeforeJson")
                SELECT $b, $t, t."Id", json_object({before}) FROM {Staging} u JOIN "{table}" t ON t."Id" = u."Id" ORDER BY u."Id";
                UPDATE "{table}" SET {string.Join(", ", sets)} FROM {Staging} u WHERE "{table}"."Id" = u."Id";
                """;
#pragma warning restore CA2100
            cmd.Parameters.AddWithValue("$b", _batchId);
            cmd.Parameters.AddWithValue("$t", table);
            await cmd.ExecuteNonQueryAsync(ct);
        }

        /// <summary>
        /// A stored value as the text revert puts back: text columns as stored, integers and booleans as their digits, a
        /// REAL as its 15-digit text when that reads back as the same double, else with 17 digits (which always does).
        /// </summary>
        private static string Text(StoreColumn column)
        {
            var c = $"t.\"{column.Name}\"";
            return column.Type == typeof(double)
                ? $"CASE WHEN {c} IS NULL THEN NULL WHEN CAST(CAST({c} AS TEXT) AS REAL) = {c} THEN CAST({c} AS TEXT) ELSE printf('%!.17g', {c}) END"
                : $"CAST({c} AS TEXT)";
        }

        private void Execute(string sql)
        {
            using var cmd = _connection.CreateCommand();
            cmd.Transaction = _tx;
#pragma warning disable CA2100 // Built from constants of the kinds.
            cmd.CommandText = sql;
#pragma warning restore CA2100
            cmd.ExecuteNonQuery();
        }

        public ValueTask DisposeAsync()
        {
            _stage.Dispose();
            try
            {
                // A pooled connection keeps its temporary tables; the batch's must not outlive it.
                Execute($"DROP TABLE IF EXISTS {Staging}");
            }
            catch (SqliteException)
            {
                // The transaction failed and is rolled back, which removes the table with it.
            }

            _cache.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>
    /// A larger page cache (main and temp databases) while a batch writes its rows, stages and applies its updates, or a
    /// revert runs: the default 2 MB spills dirty pages mid-transaction. Set on the write connection and put back after,
    /// since pooled connections serve readers too.
    /// </summary>
    private sealed class LargeCache : IDisposable
    {
        private const int CacheKiB = 65536;
        private static readonly string[] Schemas = ["main", "temp"];

        // A batch's inserts and updates hold the cache at once and end in either order: the first raises it and keeps
        // what it was, the last puts that back.
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SqliteConnection, Holders> Held = new();

        private readonly SqliteConnection _connection;
        private readonly SqliteTransaction _tx;
        private bool _disposed;

        public LargeCache(SqliteConnection connection, SqliteTransaction tx)
        {
            _connection = connection;
            _tx = tx;
            var holders = Held.GetOrCreateValue(connection);
            if (holders.Count++ > 0)
            {
                return;
            }

            holders.Previous = new long[Schemas.Length];
            for (var i = 0; i < Schemas.Length; i++)
            {
                holders.Previous[i] = Convert.ToInt64(Run($"PRAGMA {Schemas[i]}.cache_size", scalar: true), CultureInfo.InvariantCulture);
                Run($"PRAGMA {Schemas[i]}.cache_size = -{CacheKiB}", scalar: false);
            }
        }

        public void Dispose()
        {
            if (_disposed || !Held.TryGetValue(_connection, out var holders) || --holders.Count > 0)
            {
                _disposed = true;
                return;
            }

            _disposed = true;
            try
            {
                for (var i = 0; i < Schemas.Length; i++)
                {
                    Run($"PRAGMA {Schemas[i]}.cache_size = {holders.Previous[i].ToString(CultureInfo.InvariantCulture)}", scalar: false);
                }
            }
            catch (SqliteException)
            {
                // The transaction failed and the connection is being given up; the pool opens the next one afresh.
            }
        }

        private object? Run(string sql, bool scalar)
        {
            using var cmd = _connection.CreateCommand();
            cmd.Transaction = _tx;
#pragma warning disable CA2100 // Pragmas built from constants and a number read from the same pragma.
            cmd.CommandText = sql;
#pragma warning restore CA2100
            return scalar ? cmd.ExecuteScalar() : cmd.ExecuteNonQuery();
        }
    }

    /// <summary>How many writers of one connection hold the large cache, and the sizes it had before the first.</summary>
    private sealed class Holders
    {
        public int Count { get; set; }

        public long[] Previous { get; set; } = [];
    }
}
