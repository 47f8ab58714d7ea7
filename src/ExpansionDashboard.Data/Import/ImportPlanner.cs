using System.Data.Common;
using System.Globalization;
using ExpansionDashboard.Metrics.Billing;
using ExpansionDashboard.Metrics.Currency;
using ExpansionDashboard.Metrics.Model;

namespace ExpansionDashboard.Data.Import;

internal sealed record StoredAccount(int Id, string ExternalId, string Name, string Segment, string Industry, string Region, string Csm, DateOnly? FirstPaidMonth);

internal sealed record NewAccount(string ExternalId, string Name, string Segment, string Industry, string Region, string Csm, DateOnly? FirstPaidMonth);

/// <summary>An insert: the account it belongs to (resolved to an id at commit) and the other column values.</summary>
internal sealed record PlannedInsert(string? AccountExternalId, object?[] Values);

/// <summary>An update of one stored row, with the values it had before (kept for revert).</summary>
internal sealed record PlannedUpdate(long RowId, object?[] Values, object?[] Before);

/// <summary>Everything a commit will write, computed against the store's current state.</summary>
internal sealed class ImportPlan
{
    public required string Table { get; init; }

    /// <summary>Columns written, excluding AccountId (prepended for tables that have one) and ImportBatchId.</summary>
    public required string[] Columns { get; init; }

    public bool HasAccountId { get; init; } = true;

    public List<NewAccount> NewAccounts { get; } = [];

    /// <summary>Account updates of an accounts file, applied through <see cref="Update"/> once the callbacks are set.</summary>
    public List<PlannedUpdate> PendingAccountUpdates { get; } = [];

    /// <summary>Receives each insert as it is planned (the commit writes it at once); null in a preview.</summary>
    public Action<PlannedInsert>? OnInsert { get; set; }

    /// <summary>Receives each update as it is planned; null in a preview.</summary>
    public Action<PlannedUpdate>? OnUpdate { get; set; }

    public int Inserts { get; private set; }

    public int Updates { get; private set; }

    public int Unchanged { get; set; }

    public void Insert(PlannedInsert insert)
    {
        Inserts++;
        OnInsert?.Invoke(insert);
    }

    public void Update(PlannedUpdate update)
    {
        Updates++;
        OnUpdate?.Invoke(update);
    }

    public List<DiffSample> Samples { get; } = [];

    public List<MonthMrrChange> MrrByMonth { get; } = [];

    public void Sample(DiffSample sample)
    {
        if (Samples.Count < 25)
        {
            Samples.Add(sample);
        }
    }
}

/// <summary>Compares parsed rows with the store and decides, per natural key, insert, update or leave alone.</summary>
internal static class ImportPlanner
{
    /// <param name="preview">Whether to compute the preview's MRR before and after per month (a commit skips it).</param>
    /// <param name="beforeRows">Called once the accounts to create are known and before any row is planned: the commit writes the batch and the new accounts there and sets the write callbacks.</param>
    public static async Task<ImportPlan> PlanAsync(
        DbConnection connection, DbTransaction? tx, ParsedFile parsed, bool preview, Func<ImportPlan, Task>? beforeRows, CancellationToken ct)
    {
        var accounts = await LoadAccountsAsync(connection, tx, ct);
        var plan = NewPlan(parsed.Kind);
        if (parsed.Kind is ImportKind.Mrr or ImportKind.InvoiceLines or ImportKind.Opportunities)
        {
            AddNewAccounts(plan, parsed, accounts);
        }
        else if (parsed.Kind == ImportKind.Accounts)
        {
            PlanAccounts(plan, parsed, accounts);
        }

        if (beforeRows is not null)
        {
            await beforeRows(plan);
        }

        switch (parsed.Kind)
        {
            case ImportKind.Mrr or ImportKind.InvoiceLines:
                await PlanRevenueAsync(plan, connection, tx, parsed, accounts, preview, ct);
                break;
            case ImportKind.Opportunities:
                await PlanOpportunitiesAsync(plan, connection, tx, parsed, accounts, ct);
                break;
            case ImportKind.Targets:
                await PlanTargetsAsync(plan, connection, tx, parsed, ct);
                break;
            case ImportKind.Health:
                await PlanHealthAsync(plan, connection, tx, parsed, accounts, ct);
                break;
            case ImportKind.FxRates:
                await PlanFxRatesAsync(plan, connection, tx, parsed, ct);
                break;
            default:
                break;
        }

        return plan;
    }

    private static ImportPlan NewPlan(ImportKind kind) => kind switch
    {
        ImportKind.Accounts => new ImportPlan { Table = "Accounts", Columns = ["Name", "Segment", "Industry", "Region", "Csm", "FirstPaidMonth"], HasAccountId = false },
        ImportKind.Mrr or ImportKind.InvoiceLines => new ImportPlan { Table = "RevenueLines", Columns = ["Month", "Product", "Currency", "Mrr", "Seats", "Plan", "ExpansionType"] },
        ImportKind.FxRates => new ImportPlan { Table = "FxRates", Columns = ["Month", "Currency", "Rate"], HasAccountId = false },
        ImportKind.Opportunities => new ImportPlan { Table = "Opportunities", Columns = ["ExternalId", "Name", "Type", "Stage", "Amount", "ExpectedClose", "Owner", "Created", "Closed"] },
        ImportKind.Targets => new ImportPlan { Table = "ExpansionTargets", Columns = ["Quarter", "Segment", "Amount"], HasAccountId = false },
        _ => new ImportPlan
        {
            Table = "HealthSignals",
            Columns = ["Month", "ActiveUsers", "SupportTickets", "Nps", "PaymentFailures", "ExecSponsorChange", "QbrAttended", "PlanLimitUtilisation", "UsageTrend"],
        },
    };

    /// <summary>Accounts files are planned before any write: new accounts go in with the batch, updates are kept until then.</summary>
    private static void PlanAccounts(ImportPlan plan, ParsedFile parsed, Dictionary<string, StoredAccount> accounts)
    {
        foreach (var r in parsed.ValidRows().Cast<AccountImportRow>())
        {
            object?[] values = [r.Name, r.Segment, r.Industry, r.Region, r.Csm, r.FirstPaidMonth];
            if (!accounts.TryGetValue(r.AccountId, out var a))
            {
                plan.NewAccounts.Add(new NewAccount(r.AccountId, r.Name, r.Segment, r.Industry, r.Region, r.Csm, r.FirstPaidMonth));
                plan.Sample(new DiffSample(r.AccountId, "new", null, Describe(values)));
                continue;
            }

            object?[] before = [a.Name, a.Segment, a.Industry, a.Region, a.Csm, a.FirstPaidMonth];
            if (Same(values, before))
            {
                plan.Unchanged++;
            }
            else
            {
                plan.PendingAccountUpdates.Add(new PlannedUpdate(a.Id, values, before));
                plan.Sample(new DiffSample(r.AccountId, "changed", Describe(before), Describe(values)));
            }
        }
    }

    private static async Task PlanRevenueAsync(
        ImportPlan plan, DbConnection connection, DbTransaction? tx, ParsedFile parsed, Dictionary<string, StoredAccount> accounts, bool preview, CancellationToken ct)
    {
        var rates = parsed.Rules.Rates;
        IEnumerable<(string Account, Month Month, string Product, string Currency, decimal Mrr, int? Seats, string? Plan, string? Type)> rows = parsed.Kind == ImportKind.Mrr
            ? parsed.ValidRows().Cast<MrrImportRow>().Select(r => (r.AccountId, r.Month, r.Product, r.Currency, r.Mrr, r.Seats, r.Plan, r.ExpansionType))
            : InvoiceNormalisation.Normalise(parsed.ValidRows().Cast<InvoiceImportRow>().Select(ParsedFile.ToInvoiceInput)).Revenue
                .Select(r => (r.AccountId, r.Month, r.Product, StoredCurrency(rates, r.Currency), r.Mrr, (int?)null, (string?)null, (string?)null));
        var externalIds = accounts.Values.ToDictionary(a => a.Id, a => a.ExternalId);
        var products = new Dictionary<string, string>(StringComparer.Ordinal);
        var stored = preview ? new List<RevenueInput>() : null;
        var existing = new Dictionary<(int, int, string, string), (long Id, string Currency, decimal Mrr, int? Seats, string? Plan, string? Type)>();
        await using (var cmd = connection.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT \"Id\", \"AccountId\", \"Month\", \"Product\", \"Mrr\", \"Seats\", \"Plan\", \"ExpansionType\", \"Currency\" FROM \"RevenueLines\"";
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var month = Month.Of(ReadDate(reader, 2));
                var product = reader.GetString(3);
                product = products.TryGetValue(product, out var known) ? known : products[product] = product;
                var currencyText = reader.GetString(8);
                var mrr = ParseDecimal(reader.GetValue(4));

                // A row stored with the reporting currency's code is the same line as one stored with "".
                existing[(reader.GetInt32(1), month.Index, product, StoredCurrency(rates, currencyText))] = (
                    Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), currencyText, mrr,
                    reader.IsDBNull(5) ? null : reader.GetInt32(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7));
                stored?.Add(new RevenueInput(externalIds[reader.GetInt32(1)], month, product, mrr, Currency: currencyText));
            }
        }

        var fileRows = preview ? new Dictionary<(string Account, int Month, string Product, string Currency), decimal>() : null;
        foreach (var (account, month, product, currency, mrr, seats, planName, type) in rows)
        {
            object?[] values = [month.FirstDay, product, currency, mrr, seats, planName, type];
            fileRows?.TryAdd((account, month.Index, product, currency), mrr);
            if (accounts.TryGetValue(account, out var a) && existing.TryGetValue((a.Id, month.Index, product, currency), out var old))
            {
                object?[] before = [month.FirstDay, product, old.Currency, old.Mrr, old.Seats, old.Plan, old.Type];
                if (Same(values, before))
                {
                    plan.Unchanged++;
                    continue;
                }

                plan.Update(new PlannedUpdate(old.Id, values, before));
                plan.Sample(new DiffSample($"{account} · {month} · {product}{Suffix(currency)}", "changed", Money(old.Mrr), Money(mrr)));
            }
            else
            {
                plan.Insert(new PlannedInsert(account, values));
                plan.Sample(new DiffSample($"{account} · {month} · {product}{Suffix(currency)}", "new", null, Money(mrr)));
            }
        }

        if (stored is not null && fileRows is { Count: > 0 })
        {
            AddMrrByMonth(plan, parsed, stored, fileRows);
        }
    }

    /// <summary>The store's currency code for a row: empty for the reporting currency, else the upper-case ISO code.</summary>
    private static string StoredCurrency(FxRates rates, string? currency) => rates.IsReporting(currency) ? "" : FxRates.Normalise(currency);

    private static string Suffix(string currency) => currency.Length == 0 ? "" : " · " + currency;

    /// <summary>
    /// Total MRR per month before and after, in the reporting currency at each month's stored rates, for every month of the
    /// file's span (its first month to its horizon), through the metrics library's model (credits below zero count as
    /// zero, currencies convert month by month).
    /// </summary>
    private static void AddMrrByMonth(
        ImportPlan plan, ParsedFile parsed, List<RevenueInput> stored, Dictionary<(string Account, int Month, string Product, string Currency), decimal> file)
    {
        var first = Month.FromIndex(file.Keys.Min(k => k.Month));
        var last = parsed.Horizon is { } h && h >= first ? h : Month.FromIndex(file.Keys.Max(k => k.Month));
        var rates = parsed.Rules.Rates;
        var after = new List<RevenueInput>(stored.Count + file.Count);
        foreach (var r in stored)
        {
            if (!file.ContainsKey((r.AccountId, r.Month.Index, r.Product, StoredCurrency(rates, r.Currency))))
            {
                after.Add(r);
            }
        }

        after.AddRange(file.Select(kv => new RevenueInput(kv.Key.Account, Month.FromIndex(kv.Key.Month), kv.Key.Product, kv.Value,
            Currency: kv.Key.Currency.Length == 0 ? null : kv.Key.Currency)));
        var beforeModel = RevenueModel.Build([], stored, first, last, rates);
        var afterModel = RevenueModel.Build([], after, first, last, rates);
        for (var m = first; m <= last; m = m.AddMonths(1))
        {
            plan.MrrByMonth.Add(new MonthMrrChange(m.ToString(), Total(beforeModel, m), Total(afterModel, m)));
        }
    }

    private static decimal Total(RevenueModel model, Month month)
    {
        var i = model.IndexOf(month);
        return i < 0 ? 0m : model.Accounts.Sum(a => a.Total[i]);
    }

    private static async Task PlanFxRatesAsync(ImportPlan plan, DbConnection connection, DbTransaction? tx, ParsedFile parsed, CancellationToken ct)
    {
        var existing = new Dictionary<(int Month, string Currency), (long Id, DateOnly Month, string Currency, decimal Rate)>();
        await using (var cmd = connection.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT \"Id\", \"Month\", \"Currency\", \"Rate\" FROM \"FxRates\"";
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var month = ReadDate(reader, 1);
                var currency = reader.GetString(2);
                existing[(Month.Of(month).Index, FxRates.Normalise(currency))] =
                    (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), month, currency, ParseDecimal(reader.GetValue(3)));
            }
        }

        foreach (var r in parsed.ValidRows().Cast<FxRateImportRow>())
        {
            object?[] values = [r.Month.FirstDay, r.Currency, r.Rate];
            var label = $"{r.Month} · {r.Currency}";
            if (existing.TryGetValue((r.Month.Index, r.Currency), out var old))
            {
                if (old.Rate == r.Rate && old.Currency == r.Currency)
                {
                    plan.Unchanged++;
                    continue;
                }

                plan.Update(new PlannedUpdate(old.Id, values, [old.Month, old.Currency, old.Rate]));
                plan.Sample(new DiffSample(label, "changed", Rate(old.Rate), Rate(r.Rate)));
            }
            else
            {
                plan.Insert(new PlannedInsert(null, values));
                plan.Sample(new DiffSample(label, "new", null, Rate(r.Rate)));
            }
        }
    }

    private static string Rate(decimal d) => d.ToString("0.######", CultureInfo.InvariantCulture);

    private static async Task PlanOpportunitiesAsync(ImportPlan plan, DbConnection connection, DbTransaction? tx, ParsedFile parsed, Dictionary<string, StoredAccount> accounts, CancellationToken ct)
    {
        var existing = new Dictionary<string, (long Id, int AccountId, object?[] Values)>(StringComparer.Ordinal);
        await using (var cmd = connection.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT \"Id\", \"AccountId\", \"ExternalId\", \"Name\", \"Type\", \"Stage\", \"Amount\", \"ExpectedClose\", \"Owner\", \"Created\", \"Closed\" FROM \"Opportunities\"";
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                existing[reader.GetString(2)] = (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), reader.GetInt32(1),
                [
                    reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), ParseDecimal(reader.GetValue(6)),
                    ReadDate(reader, 7), reader.GetString(8),
                    reader.IsDBNull(9) ? null : ReadDate(reader, 9),
                    reader.IsDBNull(10) ? null : ReadDate(reader, 10),
                ]);
            }
        }

        foreach (var r in parsed.ValidRows().Cast<OpportunityImportRow>())
        {
            object?[] values = [r.OpportunityId, r.Name, r.Type, r.Stage, r.Amount, r.ExpectedClose, r.Owner, r.Created, r.Closed];
            if (existing.TryGetValue(r.OpportunityId, out var old) && accounts.TryGetValue(r.AccountId, out var a) && a.Id == old.AccountId)
            {
                if (Same(values, old.Values))
                {
                    plan.Unchanged++;
                    continue;
                }

                plan.Update(new PlannedUpdate(old.Id, values, old.Values));
                plan.Sample(new DiffSample(r.OpportunityId, "changed", Describe(old.Values), Describe(values)));
            }
            else if (existing.TryGetValue(r.OpportunityId, out _))
            {
                throw new ImportRejectedException($"line {r.Line}, column account_id: opportunity {r.OpportunityId} belongs to another account in the store; moving opportunities between accounts is not supported by import.");
            }
            else
            {
                plan.Insert(new PlannedInsert(r.AccountId, values));
                plan.Sample(new DiffSample(r.OpportunityId, "new", null, Describe(values)));
            }
        }
    }

    private static async Task PlanTargetsAsync(ImportPlan plan, DbConnection connection, DbTransaction? tx, ParsedFile parsed, CancellationToken ct)
    {
        var existing = new Dictionary<(string, string), (long Id, decimal Amount)>();
        await using (var cmd = connection.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT \"Id\", \"Quarter\", \"Segment\", \"Amount\" FROM \"ExpansionTargets\"";
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                existing[(reader.GetString(1), reader.GetString(2).ToUpperInvariant())] = (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), ParseDecimal(reader.GetValue(3)));
            }
        }

        foreach (var r in parsed.ValidRows().Cast<TargetImportRow>())
        {
            object?[] values = [r.Quarter, r.Segment, r.Amount];
            var label = $"{r.Quarter} · {(r.Segment.Length == 0 ? "company" : r.Segment)}";
            if (existing.TryGetValue((r.Quarter, r.Segment.ToUpperInvariant()), out var old))
            {
                if (old.Amount == r.Amount)
                {
                    plan.Unchanged++;
                    continue;
                }

                plan.Update(new PlannedUpdate(old.Id, values, [r.Quarter, r.Segment, old.Amount]));
                plan.Sample(new DiffSample(label, "changed", Money(old.Amount), Money(r.Amount)));
            }
            else
            {
                plan.Insert(new PlannedInsert(null, values));
                plan.Sample(new DiffSample(label, "new", null, Money(r.Amount)));
            }
        }
    }

    private static async Task PlanHealthAsync(ImportPlan plan, DbConnection connection, DbTransaction? tx, ParsedFile parsed, Dictionary<string, StoredAccount> accounts, CancellationToken ct)
    {
        var existing = new Dictionary<(int, string), (long Id, object?[] Values)>();
        await using (var cmd = connection.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT \"Id\", \"AccountId\", \"Month\", \"ActiveUsers\", \"SupportTickets\", \"Nps\", \"PaymentFailures\", \"ExecSponsorChange\", \"QbrAttended\", \"PlanLimitUtilisation\", \"UsageTrend\" FROM \"HealthSignals\"";
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var month = ReadDate(reader, 2);
                existing[(reader.GetInt32(1), month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))] = (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
                [
                    month, NullInt(reader, 3), NullInt(reader, 4), NullInt(reader, 5), NullInt(reader, 6),
                    ReadBool(reader, 7), ReadBool(reader, 8),
                    reader.IsDBNull(9) ? null : reader.GetDouble(9), reader.IsDBNull(10) ? null : reader.GetDouble(10),
                ]);
            }
        }

        foreach (var r in parsed.ValidRows().Cast<HealthImportRow>())
        {
            object?[] values = [r.Month.FirstDay, r.ActiveUsers, r.SupportTickets, r.Nps, r.PaymentFailures, r.ExecSponsorChange, r.QbrAttended, r.PlanLimitUtilisation, r.UsageTrend];
            var a = accounts[r.AccountId];
            if (existing.TryGetValue((a.Id, r.Month.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), out var old))
            {
                if (Same(values, old.Values))
                {
                    plan.Unchanged++;
                    continue;
                }

                plan.Update(new PlannedUpdate(old.Id, values, old.Values));
                plan.Sample(new DiffSample($"{r.AccountId} · {r.Month}", "changed", Describe(old.Values), Describe(values)));
            }
            else
            {
                plan.Insert(new PlannedInsert(r.AccountId, values));
                plan.Sample(new DiffSample($"{r.AccountId} · {r.Month}", "new", null, Describe(values)));
            }
        }
    }

    /// <summary>Unknown accounts on revenue and opportunity rows are created from the rows' attributes (last row wins).</summary>
    private static void AddNewAccounts(ImportPlan plan, ParsedFile parsed, Dictionary<string, StoredAccount> accounts)
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
                reader.GetString(5), reader.GetString(6), reader.IsDBNull(7) ? null : ReadDate(reader, 7));
        }

        return map;
    }

    internal static decimal ParseDecimal(object value) => value switch
    {
        string s => decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
        long l => l,
        double d => (decimal)d,
        _ => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
    };

    private static int? NullInt(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetInt32(i);

    /// <summary>A date column: text in SQLite ("2026-08-01"), a date in PostgreSQL.</summary>
    internal static DateOnly ReadDate(DbDataReader reader, int i) => reader.GetValue(i) switch
    {
        string s => DateOnly.Parse(s, CultureInfo.InvariantCulture),
        DateTime dt => DateOnly.FromDateTime(dt),
        DateOnly d => d,
        var other => throw new InvalidOperationException($"Column {reader.GetName(i)} holds {other.GetType().Name}, not a date."),
    };

    /// <summary>A boolean column: 0/1 in SQLite, a boolean in PostgreSQL.</summary>
    private static bool? ReadBool(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetValue(i) switch
    {
        bool b => b,
        var v => Convert.ToInt64(v, CultureInfo.InvariantCulture) != 0,
    };

    private static bool Same(object?[] a, object?[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (!Equals(a[i], b[i]) && !(a[i] is string sa && b[i] is string sb && sa == sb))
            {
                return false;
            }
        }

        return true;
    }

    private static string Money(decimal d) => d.ToString("0.00##", CultureInfo.InvariantCulture);

    private static string Describe(object?[] values) =>
        string.Join(" · ", values.Where(v => v is not null && !(v is string s && s.Length == 0)).Select(v => v switch
        {
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            decimal m => Money(m),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => v!.ToString(),
        }));
}
