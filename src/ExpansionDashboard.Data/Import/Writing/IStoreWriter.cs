using System.Data.Common;
using System.Text.Json;
using ExpansionDashboard.Data.Import.Kinds;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ExpansionDashboard.Data.Import.Writing;

/// <summary>
/// The provider-specific part of writing a plan (one class per provider: prepared commands on SQLite, binary COPY on
/// PostgreSQL). Everything else — the batch row, new accounts, the order of writes, the report — is <see cref="PlanWriter"/>'s.
/// </summary>
internal interface IStoreWriter : IDisposable
{
    /// <summary>
    /// Told once the write transaction has committed, before the caller answers: SQLite folds its write-ahead log back
    /// into the database file in the background from here, instead of inside the commit the user waits for.
    /// </summary>
    void Committed();

    /// <summary>Rows of one table, written as they are produced, in the write transaction.</summary>
    /// <param name="expectedRows">How many rows may come (0 when unknown): a provider may write a big batch another way.</param>
    IRowWriter OpenInserts(string table, IReadOnlyList<string> columns, int expectedRows = 0);

    /// <summary>Updates of one table; each records the values it replaced in ImportChanges of <paramref name="batchId"/>.</summary>
    IUpdateWriter OpenUpdates(StoreTable table, long batchId);

    /// <summary>How a raw command's parameter carries a value of the store's types (dates, timestamps).</summary>
    object Parameter(object? value);

    /// <summary>Queues this writer behind writers of other app instances sharing the database (nothing to do when there can be none).</summary>
    Task LockAsync(CancellationToken ct);

    /// <summary>Restores every value a batch replaced (from its ImportChanges rows); returns how many rows it restored.</summary>
    Task<int> RestoreAsync(long batchId, CancellationToken ct);
}

/// <summary>Rows written as they are produced into one table.</summary>
internal interface IRowWriter : IDisposable
{
    int Count { get; }

    void Write(object?[] values);

    /// <summary>Ends the stream (PostgreSQL's COPY must be completed; SQLite has nothing to do).</summary>
    void Complete();
}

/// <summary>
/// Updates of stored rows with their replaced values kept; staged as they come and applied set-based by
/// <see cref="CompleteAsync"/> (one UPDATE … FROM, the replaced values read from the table by one INSERT … SELECT).
/// </summary>
internal interface IUpdateWriter : IAsyncDisposable
{
    void Write(RowUpdate update);

    Task CompleteAsync(CancellationToken ct);
}

/// <summary>
/// Implemented by a provider's <see cref="IStoreDialect"/>: the provider's own bulk writer (prepared commands on SQLite,
/// binary COPY on PostgreSQL), so Data writes plans without referencing any database driver.
/// </summary>
internal interface IStoreWriterFactory
{
    IStoreWriter CreateWriter(DbConnection connection, DbTransaction transaction, IModel model);
}

/// <summary>Picks the store writer of the context's provider.</summary>
internal static class StoreWriters
{
    public static IStoreWriter For(DashboardDbContext db, DbConnection connection, DbTransaction tx) =>
        db.Dialect is IStoreWriterFactory factory
            ? factory.CreateWriter(connection, tx, db.Model)
            : throw new NotSupportedException($"The {db.Dialect.DisplayName} store has no bulk writer.");
}

/// <summary>
/// The "before" values an update keeps, as JSON text: column → invariant text of the value (null for NULL). The store
/// writers now capture this text in SQL while they update (json_object / json_build_object of the stored columns); this
/// is the format earlier versions wrote from the planned values, which revert still reads.
/// </summary>
internal static class ChangeLog
{
    /// <summary>
    /// Revert converts the text back to the column's type. SQLite keeps decimals as EF Core writes them ("1200.0");
    /// PostgreSQL's numeric keeps the scale it was given, so <paramref name="keepDecimalScale"/> keeps that too.
    /// </summary>
    public static string BeforeJson(IReadOnlyList<string> columns, object?[] before, bool keepDecimalScale) =>
        JsonSerializer.Serialize(columns.Select((c, i) => (c, Text(before[i], keepDecimalScale))).ToDictionary(x => x.c, x => x.Item2));

    private static string? Text(object? value, bool keepDecimalScale) => value switch
    {
        null or DBNull => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        decimal m => keepDecimalScale ? m.ToString(CultureInfo.InvariantCulture) : m.ToString("0.0###########################", CultureInfo.InvariantCulture),
        bool b => b ? "1" : "0",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}

/// <summary>The CLR type EF Core maps each table column to, so raw writes send the store exactly the type the column has.</summary>
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
                    // A value converter (e.g. a Month stored as a date) decides what the column holds.
                    var type = p.GetTypeMapping().Converter?.ProviderClrType ?? p.ClrType;
                    return Nullable.GetUnderlyingType(type) ?? type;
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
