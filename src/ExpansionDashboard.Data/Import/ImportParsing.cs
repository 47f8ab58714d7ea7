using ExpansionDashboard.Metrics.Billing;

namespace ExpansionDashboard.Data.Import;

/// <summary>A parsed file: valid typed rows, rejected-row errors, warnings and the first rows for the preview.</summary>
internal sealed class ParsedFile
{
    public const int MaxListedIssues = 1000;

    public required ImportKind Kind { get; init; }

    public required CsvSource Source { get; init; }

    public List<ImportRow> Rows { get; } = [];

    public List<ImportIssue> Errors { get; } = [];

    public List<ImportIssue> Warnings { get; } = [];

    public List<IReadOnlyDictionary<string, string>> FirstRows { get; } = [];

    public int RowsRead { get; set; }

    public int RowsRejected { get; set; }

    public void Warn(ImportIssue issue)
    {
        if (Warnings.Count < MaxListedIssues)
        {
            Warnings.Add(issue with { Severity = IssueSeverity.Warning });
        }

        WarningCount++;
    }

    public int WarningCount { get; private set; }

    public int ErrorCount { get; set; }

    /// <summary>Reads, validates and de-duplicates every row of the file.</summary>
    public static ParsedFile Read(Stream stream, ImportKind kind, IReadOnlyDictionary<string, string>? mapping)
    {
        var source = CsvSource.Open(stream, kind, mapping);
        var parsed = new ParsedFile { Kind = kind, Source = source };
        foreach (var issue in source.FileIssues)
        {
            parsed.AddError(issue);
        }

        if (!source.CanRead)
        {
            return parsed;
        }

        var parser = new ImportParser(kind, source.DecimalComma);
        var rowIssues = new List<ImportIssue>();
        var keys = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var attributes = new Dictionary<string, (int Line, AccountAttributesRow Attributes)>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in source.Rows())
        {
            parsed.RowsRead++;
            if (parsed.FirstRows.Count < 10 && raw.Error is null)
            {
                parsed.FirstRows.Add(raw.Values);
            }

            foreach (var (column, value) in raw.Error is null ? raw.Pairs() : [])
            {
                if (ValueParser.LooksLikeFormula(value))
                {
                    parsed.Warn(new ImportIssue(raw.Line, column, $"'{ImportParser.Short(value)}' looks like a spreadsheet formula: it is stored as plain text and never evaluated"));
                }
            }

            rowIssues.Clear();
            var row = parser.Parse(raw, rowIssues);
            if (row is null)
            {
                parsed.RowsRejected++;
                rowIssues.ForEach(parsed.AddError);
                continue;
            }

            var key = Key(row);
            if (keys.TryGetValue(key, out var firstLine))
            {
                parsed.RowsRejected++;
                parsed.AddError(new ImportIssue(row.Line, KeyColumns(kind), $"duplicate of line {firstLine} (same {KeyColumns(kind)})"));
                continue;
            }

            keys[key] = row.Line;
            CheckAttributes(parsed, row, attributes);
            parsed.Rows.Add(row);
        }

        if (parsed.RowsRead == 0)
        {
            parsed.AddError(new ImportIssue(0, "", "The file has a header but no data rows."));
        }

        parsed.AddDataQualityWarnings();
        return parsed;
    }

    private void AddError(ImportIssue issue)
    {
        ErrorCount++;
        if (Errors.Count < MaxListedIssues)
        {
            Errors.Add(issue);
        }
    }

    public static string KeyColumns(ImportKind kind) => kind switch
    {
        ImportKind.Accounts => "account_id",
        ImportKind.Mrr => "account_id, month, product",
        ImportKind.InvoiceLines => "account_id, product, service_start, service_end",
        ImportKind.Opportunities => "opportunity_id",
        ImportKind.Targets => "quarter, segment",
        _ => "account_id, month",
    };

    private static string Key(ImportRow row) => row switch
    {
        AccountImportRow a => a.AccountId,
        MrrImportRow m => $"{m.AccountId}\u001f{m.Month}\u001f{m.Product}",
        InvoiceImportRow i => $"{i.AccountId}\u001f{i.Product}\u001f{i.Start:yyyy-MM-dd}\u001f{i.End:yyyy-MM-dd}\u001f{i.Amount}",
        OpportunityImportRow o => o.OpportunityId,
        TargetImportRow t => $"{t.Quarter}\u001f{t.Segment}",
        HealthImportRow h => $"{h.AccountId}\u001f{h.Month}",
        _ => throw new InvalidOperationException(),
    };

    private static void CheckAttributes(ParsedFile parsed, ImportRow row, Dictionary<string, (int Line, AccountAttributesRow Attributes)> seen)
    {
        var (account, attrs) = row switch
        {
            MrrImportRow m => (m.AccountId, m.Attributes),
            InvoiceImportRow i => (i.AccountId, i.Attributes),
            OpportunityImportRow o => (o.AccountId, o.Attributes),
            _ => ("", new AccountAttributesRow(null, null, null, null, null)),
        };
        if (attrs.IsEmpty)
        {
            return;
        }

        if (seen.TryGetValue(account, out var before) && before.Attributes != attrs)
        {
            parsed.Warn(new ImportIssue(row.Line, "account attributes",
                $"account {account} has different attributes than on line {before.Line}; the last row wins"));
        }

        seen[account] = (row.Line, attrs);
    }

    private void AddDataQualityWarnings()
    {
        if (Kind == ImportKind.Mrr && Rows.Count > 0)
        {
            var months = Rows.Cast<MrrImportRow>().Select(r => r.Month).ToHashSet();
            var min = months.Min();
            var max = months.Max();
            for (var m = min; m <= max; m = m.AddMonths(1))
            {
                if (!months.Contains(m))
                {
                    Warn(new ImportIssue(0, "month", $"no rows for {m}: every account will show as churned that month"));
                }
            }
        }

        if (Kind == ImportKind.InvoiceLines)
        {
            var lines = Rows.Cast<InvoiceImportRow>().ToList();
            foreach (var group in lines.GroupBy(l => (l.AccountId, l.Product)))
            {
                var ordered = group.OrderBy(l => l.Start).ToList();
                for (var i = 1; i < ordered.Count; i++)
                {
                    if (ordered[i].Start < ordered[i - 1].End && ordered[i].Amount != 0 && ordered[i - 1].Amount != 0)
                    {
                        Warn(new ImportIssue(ordered[i].Line, "service_start",
                            $"service period overlaps line {ordered[i - 1].Line} for account {group.Key.AccountId}, product {group.Key.Product}: both count in the overlapping months"));
                    }
                }
            }

            var normalised = InvoiceNormalisation.Normalise(lines.Select(ToInvoiceInput));
            foreach (var negative in normalised.BelowZero)
            {
                Warn(new ImportIssue(0, "amount", $"account {negative.AccountId} is below zero in {negative.Month} ({negative.Mrr:0.##}): counted as zero MRR"));
            }
        }
    }

    public static InvoiceLineInput ToInvoiceInput(InvoiceImportRow l) => new(l.AccountId, l.Product, l.Start, l.End, l.Amount);
}
