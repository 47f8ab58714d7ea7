using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace ExpansionDashboard.Data.Bulk;

/// <summary>The CLR type EF Core maps each table column to, so raw writes send PostgreSQL exactly the type the column has.</summary>
internal static class StoreColumns
{
    // The model is the same for every context instance; a revert asks for the same few columns once per changed row.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Table, string Column), Type> Cache = new();

    public static Type ClrType(IModel model, string table, string column)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Cache.GetOrAdd((table, column), key => Find(model, key.Table, key.Column));
    }

    private static Type Find(IModel model, string table, string column)
    {
        foreach (var entity in model.GetEntityTypes())
        {
            if (entity.GetTableName() != table)
            {
                continue;
            }

            var id = StoreObjectIdentifier.Table(table, entity.GetSchema());
            foreach (var p in entity.GetProperties())
            {
                if (p.GetColumnName(id) == column)
                {
                    // Raw writes carry the stored representation (a stage's name, a month's first day), not the entity's type.
                    var stored = p.GetTypeMapping().Converter?.ProviderClrType ?? p.ClrType;
                    return Nullable.GetUnderlyingType(stored) ?? stored;
                }
            }
        }

        throw new InvalidOperationException($"Column {table}.{column} is not in the model.");
    }

    /// <summary>Converts a planned value (or an invariant string kept for revert) to the column's CLR type.</summary>
    public static object? Convert(object? value, Type type) => value switch
    {
        null or DBNull => null,
        string s when type == typeof(string) => s,
        string s when type == typeof(DateOnly) => DateOnly.Parse(s, CultureInfo.InvariantCulture),
        string s when type == typeof(DateTime) => DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        string s when type == typeof(bool) => s switch { "1" => true, "0" => false, _ => bool.Parse(s) },
        string s when type == typeof(decimal) => decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
        string s when type == typeof(double) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
        string s when type == typeof(int) => int.Parse(s, CultureInfo.InvariantCulture),
        string s when type == typeof(long) => long.Parse(s, CultureInfo.InvariantCulture),
        DateTime dt when type == typeof(DateOnly) => DateOnly.FromDateTime(dt),
        _ when value.GetType() == type => value,
        _ => System.Convert.ChangeType(value, type, CultureInfo.InvariantCulture),
    };

    public static NpgsqlDbType PgType(Type type) =>
        type == typeof(int) ? NpgsqlDbType.Integer
        : type == typeof(long) ? NpgsqlDbType.Bigint
        : type == typeof(decimal) ? NpgsqlDbType.Numeric
        : type == typeof(double) ? NpgsqlDbType.Double
        : type == typeof(bool) ? NpgsqlDbType.Boolean
        : type == typeof(DateOnly) ? NpgsqlDbType.Date
        : type == typeof(DateTime) ? NpgsqlDbType.Timestamp
        : NpgsqlDbType.Text;
}

/// <summary>Rows written as they are produced into one table.</summary>
internal interface IRowWriter : IDisposable
{
    int Count { get; }

    void Write(object?[] values);

    /// <summary>Ends the stream (PostgreSQL's COPY must be completed; SQLite has nothing to do).</summary>
    void Complete();
}

/// <summary>PostgreSQL's binary COPY into one table inside the connection's transaction: the fastest way in.</summary>
internal sealed class CopyRowWriter : IRowWriter
{
    private readonly NpgsqlBinaryImporter _importer;
    private readonly Type[] _types;
    private readonly NpgsqlDbType[] _pgTypes;
    private bool _completed;

    public CopyRowWriter(NpgsqlConnection connection, IModel model, string table, string[] columns)
    {
        _types = columns.Select(c => StoreColumns.ClrType(model, table, c)).ToArray();
        _pgTypes = _types.Select(StoreColumns.PgType).ToArray();
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

/// <summary>Parameters for raw SQL that runs on either provider (both take "@name").</summary>
internal static class DbCommandParameters
{
    public static void AddParameter(this DbCommand cmd, string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(cmd);
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
    }
}

/// <summary>Bulk inserts for either provider: prepared INSERTs on SQLite, binary COPY on PostgreSQL.</summary>
internal static class BulkInsert
{
    public static IRowWriter Open(DbConnection connection, DbTransaction transaction, IModel model, string table, string[] columns) => connection switch
    {
        NpgsqlConnection pg => new CopyRowWriter(pg, model, table, columns),
        Microsoft.Data.Sqlite.SqliteConnection lite => new PreparedRowWriter(lite, (Microsoft.Data.Sqlite.SqliteTransaction)transaction, table, columns),
        _ => throw new NotSupportedException($"No bulk writer for {connection.GetType().Name}."),
    };

    public static int Insert<T>(DbConnection connection, DbTransaction transaction, IModel model, string table, string[] columns, IEnumerable<T> rows, Func<T, object?[]> values)
    {
        using var writer = Open(connection, transaction, model, table, columns);
        foreach (var row in rows)
        {
            writer.Write(values(row));
        }

        writer.Complete();
        return writer.Count;
    }
}
