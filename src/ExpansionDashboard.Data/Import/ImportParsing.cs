using ExpansionDashboard.Metrics.Billing;
using ExpansionDashboard.Metrics.Currency;
using ExpansionDashboard.Metrics.Model;

namespace ExpansionDashboard.Data.Import;

/// <summary>What an import checks rows against: the reporting currency and the stored FX rates (a file never supplies its own).</summary>
internal sealed record ImportRules(FxRates Rates)
{
    /// <summary>The stored rates the <see cref="Rates"/> were built from (to notice a change).</summary>
    public IReadOnlyList<FxRateInput> Inputs { get; init; } = [];

    /// <summary>A book in one currency: every row is taken as it is and any other currency lacks a rate.</summary>
    public static ImportRules None { get; } = new(FxRates.None);

    public string ReportingCurrency => Rates.ReportingCurrency;
}

/// <summary>Running totals of one currency in a file.</summary>
internal sealed class CurrencyTally
{
    public int Rows { get; set; }

    public decimal Amount { get; set; }

    public decimal Converted { get; set; }

    public bool MissingRate { get; set; }
}

/// <summary>Running count and first examples of one kind of finding.</summary>
internal sealed class IssueTally(string kind)
{
    public string Kind { get; } = kind;

    public int Count { get; set; }

    public List<ImportIssue> Examples { get; } = [];

    public IssueGroup ToGroup() => new(Kind, IssueKinds.Title(Kind), Count, Examples);
}

/// <summary>What pass 1 learned about one account id in the file (accounts are few next to rows).</summary>
internal sealed class AccountFacts
{
    public int Rows { get; set; }

    public List<int> FirstLines { get; } = [];

    /// <summary>The last non-empty attributes a row gave for the account (the last row wins).</summary>
    public (int Line, AccountAttributesRow Attributes)? Attributes { get; set; }
}

/// <summary>
/// Pass 1 over an import file: validates every row and keeps only compact facts — counts, the issue lists, the lines
/// it rejected, a 128-bit hash per natural key (duplicates), and per-account facts. Valid rows are read again from
/// the spooled file when they are planned and written (<see cref="ValidRows"/>), so memory does not grow with the
/// file. Invoice lines are the exception: they are normalised together, so they are kept.
/// </summary>
internal sealed class ParsedFile
{
    /// <summary>
    /// Findings kept in full (for the download); beyond it only the counts and each group's first examples grow, so a
    /// broken million-row file does not hold a million messages.
    /// </summary>
    public const int MaxListedIssues = 20_000;

    private readonly HashSet<int> _rejectedLines = [];
    private readonly HashSet<string> _excludedAccounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccountFacts> _accounts = new(StringComparer.Ordinal);
    private readonly HashSet<Month> _months = [];
    private readonly Dictionary<string, IssueTally> _errorGroups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IssueTally> _warningGroups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CurrencyTally> _currencies = new(StringComparer.Ordinal);
    private List<ImportRow>? _retained;
    private DateOnly? _latestStart;

    public required ImportKind Kind { get; init; }

    public required CsvSource Source { get; init; }

    public required ImportRules Rules { get; init; }

    /// <summary>The month this file's revenue observes last (see <see cref="DataHorizon"/>); null for other kinds.</summary>
    public Month? Horizon => Kind switch
    {
        ImportKind.Mrr => DataHorizon.OfSnapshots(_months),
        ImportKind.InvoiceLines => _latestStart is { } d ? DataHorizon.OfInvoiceLines([d]) : null,
        _ => null,
    };

    /// <summary>Warnings by kind, largest group first.</summary>
    public IReadOnlyList<IssueGroup> WarningGroups => Groups(_warningGroups);

    /// <summary>Errors by kind, largest group first.</summary>
    public IReadOnlyList<IssueGroup> ErrorGroups => Groups(_errorGroups);

    /// <summary>
    /// Per currency of the revenue rows that parsed (also those later rejected for a missing rate, so the admin sees what
    /// the file holds): rows, amount in the currency and, when every row has a rate, the amount in the reporting currency.
    /// </summary>
    public IReadOnlyList<CurrencyTotal> CurrencyTotals => _currencies
        .OrderByDescending(kv => kv.Value.Rows).ThenBy(kv => kv.Key, StringComparer.Ordinal)
        .Select(kv => new CurrencyTotal(kv.Key, kv.Value.Rows, kv.Value.Amount, kv.Value.MissingRate ? null : kv.Value.Converted))
        .ToList();

    public List<ImportIssue> Errors { get; } = [];

    public List<ImportIssue> Warnings { get; } = [];

    public List<IReadOnlyDictionary<string, string>> FirstRows { get; } = [];

    public IReadOnlyDictionary<string, AccountFacts> Accounts => _accounts;

    public int RowsRead { get; private set; }

    public int RowsRejected { get; private set; }

    public int ValidCount { get; private set; }

    public int WarningCount { get; private set; }

    public int ErrorCount { get; private set; }

    public void Warn(ImportIssue issue)
    {
        issue = issue with { Severity = IssueSeverity.Warning };
        if (Warnings.Count < MaxListedIssues)
        {
            Warnings.Add(issue);
        }

        WarningCount++;
        Tally(_warningGroups, issue, 1);
    }

    /// <summary>Rejects every row of an account (e.g. health signals for an account the store does not have).</summary>
    public void RejectAccount(string accountId, string reason, string kind = IssueKinds.UnknownAccount)
    {
        if (!_accounts.TryGetValue(accountId, out var facts) || !_excludedAccounts.Add(accountId))
        {
            return;
        }

        RowsRejected += facts.Rows;
        ValidCount -= facts.Rows;
        ImportIssue? last = null;
        foreach (var line in facts.FirstLines)
        {
            AddError(last = new ImportIssue(line, "account_id", reason, IssueSeverity.Error, kind));
        }

        var unlisted = Math.Max(0, facts.Rows - facts.FirstLines.Count);
        ErrorCount += unlisted;
        if (last is not null && unlisted > 0)
        {
            _errorGroups[last.Kind].Count += unlisted;
        }

        _retained?.RemoveAll(r => AccountOf(r) == accountId);
    }

    /// <summary>Reads, validates and de-duplicates every row of the file (pass 1).</summary>
    /// <param name="progress">Receives the share of the file read so far (0..1), for long files.</param>
    /// <param name="rules">The reporting currency and the stored rates rows are checked against.</param>
    public static ParsedFile Read(Stream stream, ImportKind kind, IReadOnlyDictionary<string, string>? mapping, ImportRules rules, IProgress<double>? progress = null)
    {
        var source = CsvSource.Open(stream, kind, mapping);
        var parsed = new ParsedFile { Kind = kind, Source = source, Rules = rules };
        foreach (var issue in source.FileIssues)
        {
            parsed.AddError(issue);
        }

        if (!source.CanRead)
        {
            return parsed;
        }

        parsed._retained = kind == ImportKind.InvoiceLines ? [] : null;
        var parser = new ImportParser(kind, source.DecimalComma, rules.ReportingCurrency);
        var rowIssues = new List<ImportIssue>();
        var keys = new Dictionary<UInt128, int>();
        var length = Math.Max(1, stream.Length);
        foreach (var raw in source.Rows())
        {
            parsed.RowsRead++;
            if (progress is not null && parsed.RowsRead % 10_000 == 0)
            {
                progress.Report(Math.Min(1.0, (double)stream.Position / length));
            }

            if (parsed.FirstRows.Count < 10 && raw.Error is null)
            {
                parsed.FirstRows.Add(raw.Values);
            }

            foreach (var (column, value) in raw.Error is null ? raw.Pairs() : [])
            {
                if (ValueParser.LooksLikeFormula(value))
                {
                    parsed.Warn(new ImportIssue(raw.Line, column, $"'{ImportParser.Short(value)}' looks like a spreadsheet formula: it is stored as plain text and never evaluated",
                        IssueSeverity.Warning, IssueKinds.Formula));
                }
            }

            rowIssues.Clear();
            var row = parser.Parse(raw, rowIssues);
            if (row is null)
            {
                parsed.Reject(raw.Line);
                rowIssues.ForEach(parsed.AddError);
                continue;
            }

            if (parsed.CheckCurrency(row) is { } noRate)
            {
                parsed.Reject(row.Line);
                parsed.AddError(noRate);
                continue;
            }

            var key = KeyHash(Key(row));
            if (keys.TryGetValue(key, out var firstLine) && kind == ImportKind.InvoiceLines)
            {
                // Identical billing lines are usually separate charges (several items on one invoice): both count.
                parsed.Warn(new ImportIssue(row.Line, "amount", $"identical to line {firstLine} (same account, product, service period, amount and currency): both are counted; check for double billing",
                    IssueSeverity.Warning, IssueKinds.DoubleBilling));
            }
            else if (keys.TryGetValue(key, out firstLine))
            {
                parsed.Reject(row.Line);
                parsed.AddError(new ImportIssue(row.Line, KeyColumns(kind), $"duplicate of line {firstLine} (same {KeyColumns(kind)})", IssueSeverity.Error, IssueKinds.Duplicate));
                continue;
            }

            keys.TryAdd(key, row.Line);
            parsed.Accept(row);
        }

        if (parsed.RowsRead == 0)
        {
            parsed.AddError(new ImportIssue(0, "", "The file has a header but no data rows."));
        }

        parsed.AddDataQualityWarnings();
        return parsed;
    }

    /// <summary>The valid rows (pass 2): read again from the spooled file, skipping every rejected line.</summary>
    public IEnumerable<ImportRow> ValidRows()
    {
        if (_retained is not null)
        {
            foreach (var row in _retained)
            {
                yield return row;
            }

            yield break;
        }

        var parser = new ImportParser(Kind, Source.DecimalComma, Rules.ReportingCurrency);
        var ignored = new List<ImportIssue>();
        foreach (var raw in Source.Rows())
        {
            if (_rejectedLines.Contains(raw.Line))
            {
                continue;
            }

            ignored.Clear();
            if (parser.Parse(raw, ignored) is { } row && !_excludedAccounts.Contains(AccountOf(row)))
            {
                yield return row;
            }
        }
    }

    public static string KeyColumns(ImportKind kind) => kind switch
    {
        ImportKind.Accounts => "account_id",
        ImportKind.Mrr => "account_id, month, product, currency",
        ImportKind.InvoiceLines => "account_id, product, service_start, service_end, amount, currency",
        ImportKind.Opportunities => "opportunity_id",
        ImportKind.Targets => "quarter, segment",
        ImportKind.FxRates => "month, currency",
        _ => "account_id, month",
    };

    public static InvoiceLineInput ToInvoiceInput(InvoiceImportRow l) => new(l.AccountId, l.Product, l.Start, l.End, l.Amount, Currency: l.Currency.Length == 0 ? null : l.Currency);

    public static string AccountOf(ImportRow row) => row switch
    {
        MrrImportRow m => m.AccountId,
        InvoiceImportRow i => i.AccountId,
        OpportunityImportRow o => o.AccountId,
        HealthImportRow h => h.AccountId,
        AccountImportRow a => a.AccountId,
        _ => "",
    };

    private void Reject(int line)
    {
        RowsRejected++;
        _rejectedLines.Add(line);
    }

    private void Accept(ImportRow row)
    {
        ValidCount++;
        _retained?.Add(row);
        if (row is MrrImportRow m)
        {
            _months.Add(m.Month);
        }
        else if (row is InvoiceImportRow inv && (_latestStart is null || inv.Start > _latestStart))
        {
            _latestStart = inv.Start;
        }

        var account = AccountOf(row);
        if (row is TargetImportRow || row is AccountImportRow || account.Length == 0)
        {
            return;
        }

        if (!_accounts.TryGetValue(account, out var facts))
        {
            _accounts[account] = facts = new AccountFacts();
        }

        facts.Rows++;
        if (facts.FirstLines.Count < 5)
        {
            facts.FirstLines.Add(row.Line);
        }

        var attrs = row switch
        {
            MrrImportRow r => r.Attributes,
            InvoiceImportRow r => r.Attributes,
            OpportunityImportRow r => r.Attributes,
            _ => AccountAttributesRow.None,
        };
        if (attrs.IsEmpty)
        {
            return;
        }

        if (facts.Attributes is { } before && before.Attributes != attrs)
        {
            Warn(new ImportIssue(row.Line, "account attributes", $"account {account} has different attributes than on line {before.Line}; the last row wins",
                IssueSeverity.Warning, IssueKinds.ConflictingAttributes));
        }

        facts.Attributes = (row.Line, attrs);
    }

    private void AddError(ImportIssue issue)
    {
        ErrorCount++;
        if (Errors.Count < MaxListedIssues)
        {
            Errors.Add(issue);
        }

        Tally(_errorGroups, issue, 1);
    }

    private static void Tally(Dictionary<string, IssueTally> groups, ImportIssue issue, int count)
    {
        if (!groups.TryGetValue(issue.Kind, out var tally))
        {
            groups[issue.Kind] = tally = new IssueTally(issue.Kind);
        }

        tally.Count += count;
        if (tally.Examples.Count < IssueGroup.MaxExamples)
        {
            tally.Examples.Add(issue);
        }
    }

    private static List<IssueGroup> Groups(Dictionary<string, IssueTally> groups) =>
        groups.Values.OrderByDescending(g => g.Count).ThenBy(g => g.Kind, StringComparer.Ordinal).Select(g => g.ToGroup()).ToList();

    /// <summary>
    /// Adds a revenue row to its currency's totals and returns the error when its currency has no stored rate at or before
    /// its month (an invoice line's month is that of its service start); null when it can be converted.
    /// </summary>
    private ImportIssue? CheckCurrency(ImportRow row)
    {
        var (currency, month, amount) = row switch
        {
            MrrImportRow m => (m.Currency, m.Month, m.Mrr),
            InvoiceImportRow i => (i.Currency, Month.Of(i.Start), i.Amount),
            _ => ("", default(Month), 0m),
        };
        if (row is not (MrrImportRow or InvoiceImportRow))
        {
            return null;
        }

        var label = currency.Length == 0 ? Rules.ReportingCurrency : currency;
        if (!_currencies.TryGetValue(label, out var tally))
        {
            _currencies[label] = tally = new CurrencyTally();
        }

        tally.Rows++;
        tally.Amount += amount;
        var rate = Rules.Rates.RateAt(currency, month);
        if (rate is { } r)
        {
            tally.Converted += amount * r;
            return null;
        }

        tally.MissingRate = true;
        return new ImportIssue(row.Line, "currency", $"No FX rate for {currency} at or before {month}: import fx-rates first", IssueSeverity.Error, IssueKinds.MissingFxRate);
    }

    private static string Key(ImportRow row) => row switch
    {
        AccountImportRow a => a.AccountId,
        MrrImportRow m => $"{m.AccountId}\u001f{m.Month}\u001f{m.Product}\u001f{m.Currency}",
        InvoiceImportRow i => $"{i.AccountId}\u001f{i.Product}\u001f{i.Start:yyyy-MM-dd}\u001f{i.End:yyyy-MM-dd}\u001f{i.Amount}\u001f{i.Currency}",
        FxRateImportRow f => $"{f.Month}\u001f{f.Currency}",
        OpportunityImportRow o => o.OpportunityId,
        TargetImportRow t => $"{t.Quarter}\u001f{t.Segment.ToUpperInvariant()}",
        HealthImportRow h => $"{h.AccountId}\u001f{h.Month}",
        _ => throw new InvalidOperationException(),
    };

    /// <summary>Two independent 64-bit FNV-1a hashes: a 128-bit fingerprint, so a million keys need no million strings.</summary>
    internal static UInt128 KeyHash(string key)
    {
        ulong a = 14695981039346656037UL, b = 0x9E3779B97F4A7C15UL;
        foreach (var ch in key)
        {
            a = (a ^ ch) * 1099511628211UL;
            b = (b ^ ch) * 0x100000001B3UL;
            b ^= b >> 29;
        }

        return new UInt128(a, b);
    }

    private void AddDataQualityWarnings()
    {
        if (Kind == ImportKind.Mrr && _months.Count > 0)
        {
            var min = _months.Min();
            var max = _months.Max();
            for (var m = min; m <= max; m = m.AddMonths(1))
            {
                if (!_months.Contains(m))
                {
                    Warn(new ImportIssue(0, "month", $"no rows for {m}: every account will show as churned that month", IssueSeverity.Warning, IssueKinds.MonthGap));
                }
            }
        }

        if (Kind == ImportKind.InvoiceLines && _retained is { Count: > 0 })
        {
            var lines = _retained.Cast<InvoiceImportRow>().ToList();
            foreach (var group in lines.GroupBy(l => (l.AccountId, l.Product, l.Currency)))
            {
                var ordered = group.OrderBy(l => l.Start).ToList();
                for (var i = 1; i < ordered.Count; i++)
                {
                    // An identical line is already reported as possible double billing; an overlap says nothing more.
                    var (line, previous) = (ordered[i], ordered[i - 1]);
                    var identical = line.Start == previous.Start && line.End == previous.End && line.Amount == previous.Amount;
                    if (!identical && line.Start < previous.End && line.Amount != 0 && previous.Amount != 0)
                    {
                        Warn(new ImportIssue(ordered[i].Line, "service_start",
                            $"service period overlaps line {ordered[i - 1].Line} for account {group.Key.AccountId}, product {group.Key.Product}: both count in the overlapping months",
                            IssueSeverity.Warning, IssueKinds.OverlappingPeriods));
                    }
                }
            }

            var normalised = InvoiceNormalisation.Normalise(lines.Select(ToInvoiceInput));
            foreach (var negative in normalised.BelowZero)
            {
                Warn(new ImportIssue(0, "amount",
                    $"account {negative.AccountId} is below zero in {negative.Month} ({negative.Mrr:0.##} {negative.Currency ?? Rules.ReportingCurrency}): counted as zero MRR",
                    IssueSeverity.Warning, IssueKinds.BelowZero));
            }
        }

        if (_currencies.Count > 1)
        {
            var list = string.Join(", ", CurrencyTotals.Select(c => $"{c.Currency} {c.Rows:N0} row(s)"));
            Warn(new ImportIssue(0, "currency",
                $"{_currencies.Count} currencies ({list}): amounts are converted to {Rules.ReportingCurrency} month by month with the stored FX rates, never summed as they are",
                IssueSeverity.Warning, IssueKinds.MixedCurrencies));
        }
    }
}
