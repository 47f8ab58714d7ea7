using Npgsql;

namespace ExpansionDashboard.Data.PostgreSql;

/// <summary>
/// PostgreSQL checks a foreign key once per written row: a trigger and an index lookup for each row and key. A million
/// revenue lines (two keys) took 10.7 s to insert with their keys and 3.5 s without, and adding both keys back checked
/// the whole table in one join in 0.25 s. So a big write drops the table's foreign keys inside its transaction and adds
/// them back, checked, before the commit: nothing else ever sees the table without them, and a row that breaks a key
/// fails the whole batch as it would have row by row.
/// <para>
/// Dropping a key locks the table and the tables it references until commit, so readers of those tables wait for the
/// batch. That is why it is only done for <see cref="BulkRows"/> rows or more, and only when the locks come within
/// <see cref="LockWait"/>; otherwise the write keeps its keys, slower but the same.
/// </para>
/// </summary>
internal sealed class ForeignKeysAside
{
    /// <summary>Below this a batch keeps its keys: checking them row by row costs less than checking the whole table again.</summary>
    public const int BulkRows = 100_000;

    /// <summary>How long the drop waits for readers of the tables to finish before the write goes on with its keys.</summary>
    private const string LockWait = "2s";

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _tx;
    private readonly string _table;
    private readonly List<(string Name, string Definition)> _keys;

    private ForeignKeysAside(NpgsqlConnection connection, NpgsqlTransaction tx, string table, List<(string Name, string Definition)> keys)
    {
        _connection = connection;
        _tx = tx;
        _table = table;
        _keys = keys;
    }

    /// <summary>Drops the foreign keys of <paramref name="table"/> for a write of <paramref name="rows"/> rows; null when it keeps them.</summary>
    public static ForeignKeysAside? TryDrop(NpgsqlConnection connection, NpgsqlTransaction tx, string table, int rows)
    {
        if (rows < BulkRows)
        {
            return null;
        }

        var keys = new List<(string Name, string Definition)>();
        using (var read = new NpgsqlCommand(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = to_regclass(@t) AND contype = 'f' ORDER BY conname", connection, tx))
        {
            read.Parameters.AddWithValue("t", Quote(table));
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                keys.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        if (keys.Count == 0)
        {
            return null;
        }

        tx.Save("fk_aside");
        try
        {
#pragma warning disable CA2100 // The table is the kind's; the names come from the server's own catalogue.
            using var drop = new NpgsqlCommand(
                $"SET LOCAL lock_timeout = '{LockWait}'; ALTER TABLE {Quote(table)} {string.Join(", ", keys.Select(k => $"DROP CONSTRAINT {Quote(k.Name)}"))}; SET LOCAL lock_timeout TO DEFAULT",
                connection, tx);
#pragma warning restore CA2100
            drop.ExecuteNonQuery();
            tx.Release("fk_aside");
            return new ForeignKeysAside(connection, tx, table, keys);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected)
        {
            // Readers held the tables: undo the attempt (the lock wait setting with it) and write with the keys in place.
            tx.Rollback("fk_aside");
            return null;
        }
    }

    /// <summary>Adds the keys back as they were; PostgreSQL checks every row of the table against them in one pass.</summary>
    public async Task RestoreAsync(CancellationToken ct)
    {
        await using var add = AddCommand();
        await add.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The synchronous form, for a COPY writer that ends without awaiting.</summary>
    public void Restore()
    {
        using var add = AddCommand();
        add.ExecuteNonQuery();
    }

    private NpgsqlCommand AddCommand()
    {
#pragma warning disable CA2100 // As above: our table, the catalogue's definitions.
        return new NpgsqlCommand(
            $"ALTER TABLE {Quote(_table)} {string.Join(", ", _keys.Select(k => $"ADD CONSTRAINT {Quote(k.Name)} {k.Definition}"))}", _connection, _tx)
        {
            CommandTimeout = 0,
        };
#pragma warning restore CA2100
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
