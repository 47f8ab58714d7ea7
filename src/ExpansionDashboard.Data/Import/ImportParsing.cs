using ExpansionDashboard.Data.Import.Kinds;
using ExpansionDashboard.Metrics.Currency;

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
    private readonly Dictionary<string, IssueTally> _errorGroups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IssueTally> _warningGroups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CurrencyTally> _currencies = new(StringComparer.Ordinal);
    private List<ImportRow>? _retained;

    public required ImportKind Kind { get; init; }

    /// <summary>The kind's class, which reads, keys and plans the rows.</summary>
    public KindImport Definition => ImportKinds.Get(Kind);

    /// <summary>The months of the accepted rows of a snapshot file (see <see cref="MrrImport"/>).</summary>
    public HashSet<Month> Months { get; } = [];

    /// <summary>The latest service start of an invoice-lines file's accepted rows.</summary>
    public DateOnly? LatestStart { get; set; }

    /// <summary>The valid rows kept in memory, for kinds that keep them (<see cref="KindImport.KeepsRows"/>); else empty.</summary>
    public IReadOnlyList<ImportRow> Retained => _retained ?? [];

    public required CsvSource Source { get; init; }

    public required ImportRules Rules { get; init; }

    /// <summary>The month this file's revenue observes last (see <see cref="DataHorizon"/>); null for other kinds.</summary>
    public Month? Horizon => Definition.Horizon(this);

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

        _retained?.RemoveAll(r => Definition.AccountOf(r) == accountId);
    }

    /// <summary>Reads, validates and de-duplicates every row of the file (pass 1).</summary>
    /// <param name="progress">Receives the share of the file read so far (0..1), for long files.</param>
    /// <param name="rules">The reporting currency and the stored rates rows are checked against.</param>
    /// <param name="ct">Checked every thousand rows, so a request the client abandoned stops reading.</param>
    public static ParsedFile Read(Stream stream, ImportKind kind, IReadOnlyDictionary<string, string>? mapping, ImportRules rules, IProgress<double>? progress = null, CancellationToken ct = default)
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

        var definition = parsed.Definition;
        parsed._retained = definition.KeepsRows ? [] : null;
        var parser = new ImportParser(kind, source.DecimalComma, rules.ReportingCurrency);
        var keys = new Dictionary<UInt128, int>();
        var length = Math.Max(1, stream.Length);

        // A large file: the CSV reader runs ahead on a thread of its own while this one parses and checks. (Parsing on
        // that thread too was slower: the parsed rows then outlive a young-generation collection in the queue.)
        var rowIssues = new List<ImportIssue>();
        var rows = length >= ReadAheadFromBytes ? ReadAhead.Of(source.Rows(), "import read-ahead") : source.Rows();
        foreach (var raw in rows)
        {
            parsed.RowsRead++;
            if (parsed.RowsRead % 1_000 == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            if (progress is not null && parsed.RowsRead % 10_000 == 0)
            {
                progress.Report(Math.Min(1.0, (double)stream.Position / length));
            }

            foreach (var warning in raw.Warnings ?? [])
            {
                parsed.Warn(warning);
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

            var key = definition.KeyHash(row);
            if (keys.TryGetValue(key, out var firstLine) && definition.DuplicatesCount)
            {
                // Identical billing lines are usually separate charges (several items on one invoice): both count.
                parsed.Warn(new ImportIssue(row.Line, "amount", $"identical to line {firstLine} (same account, product, service period, amount and currency): both are counted; check for double billing",
                    IssueSeverity.Warning, IssueKinds.DoubleBilling));
            }
            else if (keys.TryGetValue(key, out firstLine))
            {
                parsed.Reject(row.Line);
                parsed.AddError(new ImportIssue(row.Line, definition.KeyColumns, $"duplicate of line {firstLine} (same {definition.KeyColumns})", IssueSeverity.Error, IssueKinds.Duplicate));
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

        if (ValidCount < ParseAheadFrom)
        {
            // A small file: a second thread would cost more than it saves.
            foreach (var row in ParseValid())
            {
                yield return row;
            }

            yield break;
        }

        // Reading the file again is about a third of pass 2: a thread of its own parses ahead while this one plans and writes.
        foreach (var row in ReadAhead.Of(ParseValid(), "import parse-ahead"))
        {
            yield return row;
        }
    }

    /// <summary>Files shorter than this are read on the caller's thread in pass 1 (a second thread would cost more than it saves).</summary>
    private const long ReadAheadFromBytes = 2_000_000;

    /// <summary>Files with fewer valid rows than this are parsed again on the caller's thread.</summary>
    private const int ParseAheadFrom = 50_000;

    private IEnumerable<ImportRow> ParseValid()
    {
        var parser = new ImportParser(Kind, Source.DecimalComma, Rules.ReportingCurrency);
        var ignored = new List<ImportIssue>();
        foreach (var raw in Source.Rows())
        {
            if (_rejectedLines.Contains(raw.Line))
            {
                continue;
            }

            ignored.Clear();
            if (parser.Parse(raw, ignored) is { } row && !_excludedAccounts.Contains(Definition.AccountOf(row)))
            {
                yield return row;
            }
        }
    }

    private void Reject(int line)
    {
        RowsRejected++;
        _rejectedLines.Add(line);
    }

    private void Accept(ImportRow row)
    {
        ValidCount++;
        _retained?.Add(row);
        var definition = Definition;
        definition.Observe(this, row);
        var account = definition.AccountOf(row);
        if (definition.Accounts is AccountUse.None or AccountUse.IsAccounts || account.Length == 0)
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

        var attrs = definition.AttributesOf(row);
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
        if (Definition.Revenue(row) is not { } revenue)
        {
            return null;
        }

        var (currency, month, amount) = revenue;
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

    /// <summary>Two independent 64-bit FNV-1a hashes: a 128-bit fingerprint, so a million keys need no million strings.</summary>
    internal static UInt128 KeyHash(string key) => new KeyHasher().Add(key).Hash;

    private void AddDataQualityWarnings()
    {
        Definition.AddFileWarnings(this);
        if (_currencies.Count > 1)
        {
            var list = string.Join(", ", CurrencyTotals.Select(c => $"{c.Currency} {c.Rows:N0} row(s)"));
            Warn(new ImportIssue(0, "currency",
                $"{_currencies.Count} currencies ({list}): amounts are converted to {Rules.ReportingCurrency} month by month with the stored FX rates, never summed as they are",
                IssueSeverity.Warning, IssueKinds.MixedCurrencies));
        }
    }
}
