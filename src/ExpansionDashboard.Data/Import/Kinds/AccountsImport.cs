namespace ExpansionDashboard.Data.Import.Kinds;

public sealed record AccountImportRow(int Line, string AccountId, string Name, string Segment, string Industry, string Region, string Csm, DateOnly? FirstPaidMonth) : ImportRow(Line);

/// <summary>Accounts from a CRM: one row per account id; a known id updates the account's attributes.</summary>
public sealed class AccountsImport : KindImport<AccountImportRow>
{
    /// <summary>The attribute columns a revenue or opportunity row may carry to create an unknown account.</summary>
    internal static readonly ImportColumn[] AttributeColumns =
    [
        new("account_name", false, "creates an unknown account with this name", "Acme Health"),
        new("segment", false, "account segment for a new account", "Enterprise"),
        new("industry", false, "account industry for a new account", "Healthcare"),
        new("region", false, "account region for a new account", "EMEA"),
        new("csm", false, "CSM owner for a new account", "Ava Thompson"),
    ];

    /// <summary>The Accounts table; ExternalId is the natural key, written only when an account is created.</summary>
    internal static readonly StoreTable AccountsTable = new("Accounts", false,
    [
        new("Name", typeof(string)), new("Segment", typeof(string)), new("Industry", typeof(string)), new("Region", typeof(string)),
        new("Csm", typeof(string)), new("FirstPaidMonth", typeof(DateOnly)),
    ]);

    /// <summary>How a new account is inserted: its external id, then <see cref="AccountsTable"/>'s columns.</summary>
    internal static readonly StoreTable NewAccountsTable = new("Accounts", false, [new("ExternalId", typeof(string)), .. AccountsTable.Columns]);

    internal AccountsImport()
        : base(ImportKind.Accounts, "accounts", "Accounts (CRM)", keyColumns: "account_id")
    {
    }

    public override IReadOnlyList<ImportColumn> Columns { get; } =
[
    new("account_id", true, "unique id from CRM or billing", "ACC-00001", ImportValueType.Id),
        new("name", true, "account name", "Acme Health"),
        new("segment", false, "Enterprise, Mid-Market, SMB or your own label", "Enterprise"),
        new("industry", false, "industry", "Healthcare"),
        new("region", false, "region", "EMEA"),
        new("csm", false, "CSM owner", "Ava Thompson"),
        new("first_paid_month", false, "YYYY-MM; derived from revenue when empty", "2024-03", ImportValueType.Month),
    ];

    internal override StoreTable Table => AccountsTable;

    internal override AccountUse Accounts => AccountUse.IsAccounts;

    internal override ImportRow Read(FieldReader r, int line) =>
        new AccountImportRow(line, r.Id("account_id"), r.Text("name", required: true), r.Text("segment"), r.Text("industry"),
            r.Text("region"), r.Text("csm"), r.OptionalMonth("first_paid_month")?.FirstDay);

    internal override string Key(AccountImportRow row) => row.AccountId;

    internal override string AccountOf(AccountImportRow row) => row.AccountId;

    internal override object?[] Values(AccountImportRow row) => [row.Name, row.Segment, row.Industry, row.Region, row.Csm, row.FirstPaidMonth];

    /// <summary>The values of a new account's row, in the order of <see cref="NewAccountsTable"/>.</summary>
    internal static object?[] NewAccountValues(NewAccount a) => [a.ExternalId, a.Name, a.Segment, a.Industry, a.Region, a.Csm, a.FirstPaidMonth];

    /// <summary>Accounts files are planned before any write: new accounts go in with the batch, updates follow them.</summary>
    internal override void PlanAccounts(PlanContext ctx)
    {
        foreach (var r in ctx.Parsed.ValidRows().Cast<AccountImportRow>())
        {
            var values = Values(r);
            if (!ctx.Accounts.TryGetValue(r.AccountId, out var a))
            {
                ctx.Plan.NewAccounts.Add(new NewAccount(r.AccountId, r.Name, r.Segment, r.Industry, r.Region, r.Csm, r.FirstPaidMonth));
                ctx.Plan.Sample(new DiffSample(r.AccountId, "new", null, StoredValues.Describe(values)));
                continue;
            }

            object?[] before = [a.Name, a.Segment, a.Industry, a.Region, a.Csm, a.FirstPaidMonth];
            if (StoredValues.Same(values, before))
            {
                ctx.Plan.Unchanged++;
            }
            else
            {
                ctx.Pending.Add(new RowUpdate(a.Id, values, before));
                ctx.Plan.Sample(new DiffSample(r.AccountId, "changed", StoredValues.Describe(before), StoredValues.Describe(values)));
            }
        }
    }

    internal override async IAsyncEnumerable<RowChange> PlanAsync(PlanContext ctx, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await Task.CompletedTask;
        foreach (var update in ctx.Pending)
        {
            ct.ThrowIfCancellationRequested();
            yield return update;
        }
    }
}
