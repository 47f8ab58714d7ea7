using System.Data.Common;

namespace ExpansionDashboard.Data.Import.Kinds;

/// <summary>How a kind's rows relate to accounts.</summary>
internal enum AccountUse
{
    /// <summary>Rows carry no account (targets, FX rates).</summary>
    None,

    /// <summary>Unknown accounts are created from the rows' attributes (revenue, opportunities).</summary>
    Creates,

    /// <summary>Every account must already be stored (health signals).</summary>
    MustExist,

    /// <summary>The rows are the accounts themselves.</summary>
    IsAccounts,
}

/// <summary>A stored column a kind writes, with the CLR type its stored value is read back as.</summary>
internal sealed record StoreColumn(string Name, Type Type);

/// <summary>
/// The table a kind writes and the columns of its rows' values, in order. <see cref="HasAccountId"/> tables get the
/// account's stored id prepended when written; every table gets ImportBatchId appended.
/// </summary>
internal sealed record StoreTable(string Name, bool HasAccountId, IReadOnlyList<StoreColumn> Columns)
{
    public string[] ColumnNames { get; } = Columns.Select(c => c.Name).ToArray();

    /// <summary>The columns an insert writes: AccountId (when the table has one), the values, ImportBatchId.</summary>
    public string[] InsertColumns => HasAccountId ? ["AccountId", .. ColumnNames, "ImportBatchId"] : [.. ColumnNames, "ImportBatchId"];
}

/// <summary>
/// One import kind: its slug and label, the columns a file has (with their help), how a row is read and validated, its
/// natural key, and the table its rows are stored in. Everything the import knows about a kind lives in its class; the
/// parser, planner, preview and writer ask the kind. Adding a column touches that class (and a migration).
/// </summary>
public abstract class KindImport
{
    private protected KindImport(ImportKind kind, string slug, string label, string keyColumns)
    {
        Kind = kind;
        Slug = slug;
        Label = label;
        KeyColumns = keyColumns;
    }

    public ImportKind Kind { get; }

    /// <summary>The kind as URLs and the API spell it ("invoice-lines").</summary>
    public string Slug { get; }

    /// <summary>The kind as the import form lists it.</summary>
    public string Label { get; }

    /// <summary>The canonical columns, in template order. Headers match case-insensitively; extra columns are ignored.</summary>
    public abstract IReadOnlyList<ImportColumn> Columns { get; }

    /// <summary>The columns that make a row's natural key, as the duplicate message names them.</summary>
    public string KeyColumns { get; }

    /// <summary>A template file: the header and one example row.</summary>
    public string Template =>
        string.Join(",", Columns.Select(c => c.Name)) + "\n"
        + string.Join(",", Columns.Select(c => c.Example.Contains(',', StringComparison.Ordinal) ? $"\"{c.Example}\"" : c.Example)) + "\n";

    internal abstract StoreTable Table { get; }

    internal virtual AccountUse Accounts => AccountUse.None;

    /// <summary>Whether the rows are revenue (stored as RevenueLines, checked against the FX rates).</summary>
    public bool IsRevenue => Table == MrrImport.RevenueLines;

    /// <summary>Whether valid rows are kept in memory (rows normalised together) instead of read again from the file.</summary>
    internal virtual bool KeepsRows => false;

    /// <summary>Whether a second row with the same key is a warning (both count) rather than a rejected duplicate.</summary>
    internal virtual bool DuplicatesCount => false;

    /// <summary>Reads one row's fields; the reader collects every problem (<see cref="FieldReader.Failed"/>).</summary>
    internal abstract ImportRow Read(FieldReader r, int line);

    /// <summary>The natural key: two rows with the same key are the same stored row.</summary>
    internal abstract string Key(ImportRow row);

    /// <summary>The natural key's fingerprint (pass 1 finds duplicates by it); a kind may hash its parts without the string.</summary>
    internal virtual UInt128 KeyHash(ImportRow row) => ParsedFile.KeyHash(Key(row));

    internal virtual string AccountOf(ImportRow row) => "";

    internal virtual AccountAttributesRow AttributesOf(ImportRow row) => AccountAttributesRow.None;

    /// <summary>A revenue row's currency, month and amount (checked against the stored rates); null for other kinds.</summary>
    internal virtual (string Currency, Month Month, decimal Amount)? Revenue(ImportRow row) => null;

    /// <summary>Notes what the whole file needs to know of an accepted row (months seen, latest start).</summary>
    internal virtual void Observe(ParsedFile file, ImportRow row)
    {
    }

    /// <summary>The month this file's revenue observes last (see <see cref="DataHorizon"/>); null for kinds without revenue.</summary>
    internal virtual Month? Horizon(ParsedFile file) => null;

    /// <summary>Warnings about the file as a whole, once every row is read.</summary>
    internal virtual void AddFileWarnings(ParsedFile file)
    {
    }

    /// <summary>Before any write: the accounts the commit creates (and, for an accounts file, the updates it makes).</summary>
    internal virtual void PlanAccounts(PlanContext ctx)
    {
    }

    /// <summary>What a commit does after its rows are written, in the same transaction (opportunities record stage changes).</summary>
    internal virtual Task AfterWriteAsync(DbConnection connection, DbTransaction tx, Writing.IStoreWriter store, long batchId, DateOnly today, CancellationToken ct) =>
        Task.CompletedTask;

    /// <summary>The changes to the kind's table, per valid row against the stored rows (insert, update or nothing).</summary>
    internal abstract IAsyncEnumerable<RowChange> PlanAsync(PlanContext ctx, CancellationToken ct);

    /// <summary>Stored rows of <see cref="Table"/>: id, account id (0 without one) and the values, typed by the columns.</summary>
    internal async IAsyncEnumerable<StoredRow> StoredRowsAsync(DbConnection connection, DbTransaction? tx, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var table = Table;
        var offset = table.HasAccountId ? 2 : 1;
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
#pragma warning disable CA2100 // Table and column names are constants of the kinds.
        cmd.CommandText = $"SELECT \"Id\"{(table.HasAccountId ? ", \"AccountId\"" : "")}, {string.Join(", ", table.ColumnNames.Select(c => $"\"{c}\""))} FROM \"{table.Name}\"";
#pragma warning restore CA2100
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var values = new object?[table.Columns.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = StoredValues.Read(reader, offset + i, table.Columns[i].Type);
            }

            yield return new StoredRow(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), table.HasAccountId ? reader.GetInt32(1) : 0, values);
        }
    }
}

/// <summary>A kind whose rows are <typeparamref name="TRow"/>.</summary>
public abstract class KindImport<TRow> : KindImport
    where TRow : ImportRow
{
    private protected KindImport(ImportKind kind, string slug, string label, string keyColumns)
        : base(kind, slug, label, keyColumns)
    {
    }

    /// <summary>The row's values in the order of <see cref="KindImport.Table"/>'s columns (what an insert or update writes).</summary>
    internal abstract object?[] Values(TRow row);

    internal override string Key(ImportRow row) => Key((TRow)row);

    internal abstract string Key(TRow row);

    /// <summary>The generic plan: stored rows by natural key; a file row inserts, updates (keeping the old values) or is unchanged.</summary>
    /// <param name="storedKey">The natural key of a stored row (null to skip it).</param>
    /// <param name="fileKey">The natural key of a file row, in the same form.</param>
    /// <param name="label">How the preview's diff names a row.</param>
    /// <param name="describe">How the preview's diff shows a row's values.</param>
    private protected async IAsyncEnumerable<RowChange> PlanByKeyAsync(
        PlanContext ctx, Func<StoredRow, string> storedKey, Func<TRow, string> fileKey, Func<TRow, string> label, Func<object?[], string> describe,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var existing = new Dictionary<string, StoredRow>(StringComparer.Ordinal);
        await foreach (var stored in StoredRowsAsync(ctx.Connection, ctx.Transaction, ct))
        {
            existing[storedKey(stored)] = stored;
        }

        foreach (var r in ctx.Parsed.ValidRows().Cast<TRow>())
        {
            var values = Values(r);
            if (existing.TryGetValue(fileKey(r), out var old))
            {
                CheckStored(r, old, ctx);
                if (Unchanged(values, old.Values))
                {
                    ctx.Plan.Unchanged++;
                    continue;
                }

                ctx.Plan.Sample(new DiffSample(label(r), "changed", describe(old.Values), describe(values)));
                yield return new RowUpdate(old.Id, values, old.Values);
            }
            else
            {
                ctx.Plan.Sample(new DiffSample(label(r), "new", null, describe(values)));
                yield return new RowInsert(AccountOf(r), values);
            }
        }
    }

    /// <summary>Refuses a file row that cannot update the stored row of its key (e.g. it moves a row to another account).</summary>
    private protected virtual void CheckStored(TRow row, StoredRow stored, PlanContext ctx)
    {
    }

    /// <summary>Whether a file row's values leave the stored row as it is.</summary>
    private protected virtual bool Unchanged(object?[] values, object?[] before) => StoredValues.Same(values, before);

    internal override string AccountOf(ImportRow row) => AccountOf((TRow)row);

    internal virtual string AccountOf(TRow row) => "";
}
