using System.Globalization;
using System.Text.Json;
using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Data.Import.Kinds;
using ExpansionDashboard.Data.Import.Writing;
using Microsoft.Data.Sqlite;

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

    /// <summary>Stores values the way EF Core's SQLite provider does, so EF reads them back unchanged.</summary>
    internal static object ToDb(object? value) => value switch
    {
        null => DBNull.Value,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.0###########################", CultureInfo.InvariantCulture),
        bool b => b ? 1 : 0,
        _ => value,
    };

    /// <summary>One prepared INSERT reused for every row, so rows can be written as they are produced (streaming).</summary>
    private sealed class PreparedRowWriter : IRowWriter
    {
        private readonly SqliteCommand _cmd;
        private readonly SqliteParameter[] _parameters;

        public PreparedRowWriter(SqliteConnection connection, SqliteTransaction transaction, string table, IReadOnlyList<string> columns)
        {
            _cmd = connection.CreateCommand();
            _cmd.Transaction = transaction;
#pragma warning disable CA2100 // Table and column names are constants of the kinds, never user input.
            _cmd.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
#pragma warning restore CA2100
            _parameters = new SqliteParameter[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                _parameters[i] = _cmd.CreateParameter();
                _parameters[i].ParameterName = $"$p{i}";
                _cmd.Parameters.Add(_parameters[i]);
            }

            _cmd.Prepare();
        }

        public int Count { get; private set; }

        public void Write(object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                _parameters[i].Value = ToDb(values[i]);
            }

            _cmd.ExecuteNonQuery();
            Count++;
        }

        public void Complete()
        {
        }

        public void Dispose() => _cmd.Dispose();
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
