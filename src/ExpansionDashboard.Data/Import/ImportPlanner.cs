using System.Data.Common;
using ExpansionDashboard.Data.Import.Kinds;

namespace ExpansionDashboard.Data.Import;

internal sealed record StoredAccount(int Id, string ExternalId, string Name, string Segment, string Industry, string Region, string Csm, DateOnly? FirstPaidMonth);

internal sealed record NewAccount(string ExternalId, string Name, string Segment, string Industry, string Region, string Csm, DateOnly? FirstPaidMonth);

/// <summary>One change to the kind's table; values are in the order of the table's columns (<see cref="StoreTable.Columns"/>).</summary>
internal abstract record RowChange;

/// <summary>A new row: the account it belongs to (external id, resolved to the stored id when written) and its values.</summary>
internal sealed record RowInsert(string AccountExternalId, object?[] Values) : RowChange;

/// <summary>
/// An update of one stored row, with the values it had as the planner read them: the writer compares the two to set only
/// the columns some update changes (the values revert restores are read from the table itself, as stored).
/// </summary>
internal sealed record RowUpdate(long RowId, object?[] Values, object?[] Before) : RowChange;

/// <summary>
/// What a commit writes, computed against the store's current state: the accounts it creates (known before anything is
/// written) and the stream of changes to the kind's table. The stream is planned as it is read (once), so a million-row
/// file is never held whole; the counts and the diff's samples are complete once it has been read to the end.
/// </summary>
internal sealed class ImportPlan(KindImport kind, PlanTally tally, IAsyncEnumerable<RowChange> source)
{
    public KindImport Kind { get; } = kind;

    public StoreTable Table => Kind.Table;

    public IReadOnlyList<NewAccount> NewAccounts => tally.NewAccounts;

    /// <summary>The changes, planned as they are enumerated.</summary>
    public IAsyncEnumerable<RowChange> Changes => CountedAsync();

    public int Inserts { get; private set; }

    public int Updates { get; private set; }

    public int Unchanged => tally.Unchanged;

    public IReadOnlyList<DiffSample> Samples => tally.Samples;

    public IReadOnlyList<MonthMrrChange> MrrByMonth => tally.MrrByMonth;

    /// <summary>Reads the plan to its end without writing (a preview).</summary>
    public async Task CountAsync(CancellationToken ct)
    {
        await foreach (var _ in Changes.WithCancellation(ct))
        {
        }
    }

    private async IAsyncEnumerable<RowChange> CountedAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var change in source.WithCancellation(ct))
        {
            if (change is RowInsert)
            {
                Inserts++;
            }
            else
            {
                Updates++;
            }

            yield return change;
        }
    }
}

/// <summary>What a kind plans against: the store (read in the caller's transaction), the parsed file and the stored accounts.</summary>
internal sealed class PlanContext
{
    public required DbConnection Connection { get; init; }

    public DbTransaction? Transaction { get; init; }

    /// <summary>The store's dialect: a provider that reads stored lines through its own API says so (<see cref="Snapshot.IRevenueLineReader"/>).</summary>
    public required IStoreDialect Dialect { get; init; }

    public required ParsedFile Parsed { get; init; }

    public required Dictionary<string, StoredAccount> Accounts { get; init; }

    /// <summary>Whether the preview's MRR before and after per month is wanted (a commit skips it).</summary>
    public bool Preview { get; init; }

    public required PlanTally Plan { get; init; }

    /// <summary>Changes planned before any write (an accounts file's updates), streamed by the kind.</summary>
    public List<RowChange> Pending { get; } = [];
}

/// <summary>The part of a plan a kind fills in while it plans: new accounts, unchanged rows, the diff's samples.</summary>
internal sealed class PlanTally
{
    public List<NewAccount> NewAccounts { get; } = [];

    public int Unchanged { get; set; }

    public List<DiffSample> Samples { get; } = [];

    public List<MonthMrrChange> MrrByMonth { get; } = [];

    /// <summary>Whether the diff has all the samples it shows (later ones are dropped).</summary>
    public bool SamplesFull => Samples.Count >= 25;

    public void Sample(DiffSample sample)
    {
        if (!SamplesFull)
        {
            Samples.Add(sample);
        }
    }
}

/// <summary>Compares parsed rows with the store and decides, per natural key, insert, update or leave alone (the kind decides how).</summary>
internal static class ImportPlanner
{
    public static async Task<ImportPlan> PlanAsync(DbConnection connection, DbTransaction? tx, IStoreDialect dialect, ParsedFile parsed, bool preview, CancellationToken ct)
    {
        var kind = ImportKinds.Get(parsed.Kind);
        var accounts = await LoadAccountsAsync(connection, tx, ct);
        var tally = new PlanTally();
        var ctx = new PlanContext { Connection = connection, Transaction = tx, Dialect = dialect, Parsed = parsed, Accounts = accounts, Preview = preview, Plan = tally };
        if (kind.Accounts == AccountUse.Creates)
        {
            AddNewAccounts(tally, parsed, accounts);
        }

        kind.PlanAccounts(ctx);
        return new ImportPlan(kind, tally, kind.PlanAsync(ctx, ct));
    }

    /// <summary>Unknown accounts on revenue and opportunity rows are created from the rows' attributes (last row wins).</summary>
    private static void AddNewAccounts(PlanTally plan, ParsedFile parsed, Dictionary<string, StoredAccount> accounts)
    {
        foreach (var (id, facts) in parsed.Accounts)
        {
            if (accounts.ContainsKey(id))
            {
                continue;
            }

            var attrs = facts.Attributes?.Attributes ?? AccountAttributesRow.None;
            plan.NewAccounts.Add(new NewAccount(id, attrs.Name ?? id, attrs.Segment ?? "", attrs.Industry ?? "", attrs.Region ?? "", attrs.Csm ?? "", null));
            if (attrs.IsEmpty)
            {
                parsed.Warn(new ImportIssue(facts.FirstLines.FirstOrDefault(), "account_id", $"account {id} is new and the file gives no name or attributes: it is created with its id as name",
                    IssueSeverity.Warning, IssueKinds.UnnamedAccount));
            }
        }
    }

    public static async Task<Dictionary<string, StoredAccount>> LoadAccountsAsync(DbConnection connection, DbTransaction? tx, CancellationToken ct)
    {
        var map = new Dictionary<string, StoredAccount>(StringComparer.Ordinal);
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT \"Id\", \"ExternalId\", \"Name\", \"Segment\", \"Industry\", \"Region\", \"Csm\", \"FirstPaidMonth\" FROM \"Accounts\"";
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            map[reader.GetString(1)] = new StoredAccount(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.IsDBNull(7) ? null : StoredValues.ReadDate(reader, 7));
        }

        return map;
    }
}
