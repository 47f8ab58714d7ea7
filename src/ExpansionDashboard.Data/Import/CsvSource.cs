using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using ExpansionDashboard.Data.Import.Kinds;
using ExpansionDashboard.Data.Import.Mapping;

namespace ExpansionDashboard.Data.Import;

/// <summary>
/// One data row: its line (row number as a spreadsheet shows it, header = 1) and its values by canonical column.
/// Values sit in an array shared-indexed by <paramref name="Columns"/>, so a million rows are not a million dictionaries.
/// </summary>
/// <param name="Warnings">Findings about the row's text itself (invalid UTF-8, NUL characters), reported but not blocking.</param>
public sealed record RawRow(int Line, IReadOnlyDictionary<string, int> Columns, string[] Cells, string? Error = null, IReadOnlyList<ImportIssue>? Warnings = null)
{
    public string Get(string column) => Columns.TryGetValue(column, out var i) ? Cells[i] : "";

    /// <summary>Column → value, for display (first rows of the preview).</summary>
    public IReadOnlyDictionary<string, string> Values => Columns.ToDictionary(kv => kv.Key, kv => Cells[kv.Value], StringComparer.OrdinalIgnoreCase);

    public IEnumerable<(string Column, string Value)> Pairs()
    {
        foreach (var (column, i) in Columns)
        {
            yield return (column, Cells[i]);
        }
    }
}

/// <summary>
/// Reads an uploaded CSV: rejects binary or empty files, detects the delimiter (comma, semicolon or tab) from the
/// header, accepts UTF-8 with or without BOM, maps headers to canonical columns (case-insensitive, or an explicit
/// mapping) and streams rows. Rows are never held in memory here.
/// </summary>
public sealed class CsvSource
{
    /// <summary>Longest field accepted; a longer one is almost certainly a broken quote or a wrong file.</summary>
    public const int MaxFieldLength = 100_000;

    private readonly Stream _stream;
    private readonly Dictionary<string, int> _columnIndex;
    private readonly ColumnMapping _mapping;

    private CsvSource(Stream stream, char delimiter, IReadOnlyList<string> headers, Dictionary<string, int> columnIndex, IReadOnlyList<ImportIssue> issues, ColumnMapping? mapping = null)
    {
        _stream = stream;
        Delimiter = delimiter;
        Headers = headers;
        _columnIndex = columnIndex;
        FileIssues = issues;
        _mapping = mapping ?? ColumnMapping.Empty;
    }

    public char Delimiter { get; }

    /// <summary>Semicolon files use a decimal comma when their numbers have one.</summary>
    public bool DecimalComma => Delimiter == ';';

    public IReadOnlyList<string> Headers { get; }

    /// <summary>Canonical column → the file's header it was read from.</summary>
    public IReadOnlyDictionary<string, string> Mapping => _columnIndex.ToDictionary(kv => kv.Key, kv => Headers[kv.Value], StringComparer.OrdinalIgnoreCase);

    /// <summary>Canonical column → the constant every row gets for it (a column given a value rather than a header).</summary>
    public IReadOnlyDictionary<string, string> Constants => _mapping.Constants;

    /// <summary>Problems with the file as a whole; when any is an error no row is read.</summary>
    public IReadOnlyList<ImportIssue> FileIssues { get; }

    public bool CanRead => FileIssues.All(i => i.Severity != IssueSeverity.Error);

    /// <summary>Required canonical columns the file's headers do not provide.</summary>
    public IReadOnlyList<string> MissingColumns { get; private init; } = [];

    public static string Normalise(string header) =>
        header.Trim().Trim('\uFEFF').ToLowerInvariant().Replace(' ', '_').Replace('-', '_');

    /// <summary>
    /// Opens a seekable stream. <paramref name="mapping"/> maps canonical columns to file headers when they differ, and may
    /// give columns constant values and value translations (its flat form, see <see cref="ColumnMapping"/>).
    /// </summary>
    public static CsvSource Open(Stream stream, ImportKind kind, IReadOnlyDictionary<string, string>? mapping = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            throw new ArgumentException("The import stream must be seekable (spool uploads to a temporary file first).", nameof(stream));
        }

        stream.Position = 0;
        var head = new byte[8192];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        if (read == 0)
        {
            return Failed(stream, "The file is empty.");
        }

        if (LooksBinary(head.AsSpan(0, read)))
        {
            return Failed(stream, "The file is not a text CSV (it contains binary data). Export it again as CSV (UTF-8).");
        }

        var headerLine = ReadHeaderLine(stream);
        stream.Position = 0;
        if (headerLine is null)
        {
            return Failed(stream,
                $"The header row is longer than {ImportLimits.MaxHeaderLength:N0} characters: this is not a CSV export's header (no line break, or no delimiter?). Export the data again as CSV (UTF-8).");
        }

        if (string.IsNullOrWhiteSpace(headerLine))
        {
            return Failed(stream, "The file has no header row.");
        }

        var delimiter = SniffDelimiter(headerLine);
        List<string> headers;
        try
        {
            using var reader = new CsvGuard(new StreamReader(stream, Encoding.UTF8, true, 8192, leaveOpen: true), delimiter, ImportLimits.MaxColumns, ImportLimits.MaxHeaderLength);
            using var csv = new CsvParser(reader, Config(delimiter, null));
            headers = csv.Read() ? csv.Record!.Select(h => h.Trim().Trim('\uFEFF')).ToList() : [];
        }
        catch (CsvLimitException ex)
        {
            stream.Position = 0;
            return Failed(stream, $"The header row cannot be read: {ex.Reason}.");
        }
        catch (CsvHelperException)
        {
            stream.Position = 0;
            return Failed(stream, $"The header row cannot be read as CSV (a quote is not closed, or a header is longer than {MaxFieldLength:N0} characters).");
        }

        stream.Position = 0;
        if (Duplicates(headers) is { } duplicate)
        {
            return Failed(stream, duplicate, headers, delimiter);
        }

        var columns = ColumnMapping.Parse(mapping);
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var normalised = headers.Select(Normalise).ToList();
        foreach (var column in ImportKinds.Get(kind).Columns)
        {
            if (columns.Constants.ContainsKey(column.Name))
            {
                continue;
            }

            var source = columns.Headers.TryGetValue(column.Name, out var mapped) ? Normalise(mapped) : column.Name;
            var i = normalised.IndexOf(source);
            if (i >= 0)
            {
                index[column.Name] = i;
            }
        }

        var known = ImportKinds.Get(kind).Columns.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        columns = columns with
        {
            Constants = columns.Constants.Where(c => known.Contains(c.Key)).ToDictionary(c => c.Key, c => c.Value, StringComparer.OrdinalIgnoreCase),
        };
        var missing = ImportKinds.Get(kind).Columns.Where(c => c.Required && !index.ContainsKey(c.Name) && !columns.Constants.ContainsKey(c.Name)).Select(c => c.Name).ToList();
        var issues = new List<ImportIssue>();
        foreach (var conflict in columns.Constants.Keys.Where(columns.Headers.ContainsKey))
        {
            issues.Add(new ImportIssue(0, conflict, $"Column {conflict} is given both a file header ({columns.Headers[conflict]}) and a constant value ({columns.Constants[conflict]}): choose one."));
        }

        if (missing.Count > 0)
        {
            var hint = headers.Count == 1 && headerLine.Length > 0
                ? " The header has a single column: is the delimiter right (comma or semicolon)?"
                : "";
            issues.Add(new ImportIssue(0, string.Join(", ", missing),
                $"Required column(s) missing: {string.Join(", ", missing)}. The file's columns are: {string.Join(", ", headers)}. Map them to continue.{hint}"));
        }

        return new CsvSource(stream, delimiter, headers, index, issues, columns) { MissingColumns = missing };
    }

    /// <summary>
    /// The file's headers and, per header, the first <paramref name="samplesPerHeader"/> distinct non-empty values, read from
    /// at most <paramref name="maxRows"/> rows (enough for a mapping step, and cheap on a million-row file).
    /// </summary>
    public static FileProfile Profile(Stream stream, int samplesPerHeader = 3, int maxRows = 5_000)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var open = Open(stream, ImportKind.Targets);
        if (open.Headers.Count == 0)
        {
            return new FileProfile([], [], open.Delimiter);
        }

        var samples = open.Headers.Select(_ => new List<string>()).ToList();
        stream.Position = 0;
        using (var reader = new CsvGuard(new StreamReader(stream, Encoding.UTF8, true, 65536, leaveOpen: true), open.Delimiter))
        using (var csv = new CsvParser(reader, Config(open.Delimiter, null)))
        {
            try
            {
                if (csv.Read())
                {
                    var rows = 0;
                    while (rows++ < maxRows && csv.Read())
                    {
                        var record = csv.Record!;
                        for (var c = 0; c < samples.Count && c < record.Length; c++)
                        {
                            var v = record[c].Trim();
                            if (v.Length > 0 && samples[c].Count < samplesPerHeader && !samples[c].Contains(v, StringComparer.Ordinal))
                            {
                                samples[c].Add(v.Length > 60 ? v[..57] + "…" : v);
                            }
                        }

                        if (samples.TrueForAll(s => s.Count >= samplesPerHeader))
                        {
                            break;
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is CsvHelperException or CsvLimitException)
            {
                // A broken row ends the sampling; the import itself reports it with its line.
            }
        }

        stream.Position = 0;
        return new FileProfile(open.Headers, samples, open.Delimiter);
    }

    /// <summary>Streams the data rows. A row the CSV parser cannot read comes back with <see cref="RawRow.Error"/> set.</summary>
    public IEnumerable<RawRow> Rows()
    {
        if (!CanRead)
        {
            yield break;
        }

        _stream.Position = 0;
        string? badData = null;
        using var reader = new CsvGuard(new StreamReader(_stream, Encoding.UTF8, true, 65536, leaveOpen: true), Delimiter);
        using var csv = new CsvParser(reader, Config(Delimiter, ctx => badData ??= "a quote is not closed or a field has stray quotes"));
        if (!csv.Read())
        {
            yield break;
        }

        // Canonical column → position in a row's cell array (not the file's column position); -1 marks a constant.
        var positions = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var sources = new int[_columnIndex.Count + _mapping.Constants.Count];
        var names = new string[sources.Length];
        foreach (var (name, fileIndex) in _columnIndex)
        {
            sources[positions.Count] = fileIndex;
            names[positions.Count] = name;
            positions[name] = positions.Count;
        }

        foreach (var (name, _) in _mapping.Constants)
        {
            sources[positions.Count] = -1;
            names[positions.Count] = name;
            positions[name] = positions.Count;
        }

        var translate = _mapping.Values.Count > 0;

        while (true)
        {
            bool more;
            string? error = null;
            int? errorLine = null;
            try
            {
                more = csv.Read();
            }
            catch (CsvHelperException ex) when (ex is MaxFieldSizeException or ParserException or BadDataException)
            {
                error = ex is MaxFieldSizeException ? $"a field is longer than {MaxFieldLength:N0} characters (a broken quote?)" : "the row cannot be read as CSV";
                more = false;
            }
            catch (CsvLimitException ex)
            {
                error = ex.Reason;
                errorLine = ex.Line;
                more = false;
            }

            if (error is not null)
            {
                var empty = new string[positions.Count];
                Array.Fill(empty, "");
                yield return new RawRow(errorLine ?? csv.Row, positions, empty, error);
                yield break;
            }

            if (!more)
            {
                yield break;
            }

            var record = csv.Record!;
            if (record.Length == 1 && string.IsNullOrWhiteSpace(record[0]))
            {
                continue;
            }

            // Invalid UTF-8 decodes to U+FFFD and a NUL cannot be stored in PostgreSQL text: both are named, NULs dropped.
            var warnings = reader.SawSuspicious ? TextWarnings(record, csv.Row) : null;
            var cells = new string[sources.Length];
            for (var c = 0; c < sources.Length; c++)
            {
                var i = sources[c];
                cells[c] = i < 0 ? _mapping.Constants[names[c]] : i < record.Length ? record[i].Trim() : "";
                if (warnings is not null)
                {
                    cells[c] = cells[c].Replace("\0", "", StringComparison.Ordinal);
                }

                if (translate)
                {
                    cells[c] = _mapping.Translate(names[c], cells[c]);
                }
            }

            var rowError = badData;
            badData = null;
            if (rowError is null && record.Length < Headers.Count && record.Length <= _columnIndex.Values.DefaultIfEmpty(0).Max())
            {
                rowError = $"the row has {record.Length} field(s) but the header has {Headers.Count} (a truncated row or a wrong delimiter?)";
            }

            yield return new RawRow(csv.Row, positions, cells, rowError, warnings);
        }
    }

    /// <summary>A warning per field of a row that holds invalid UTF-8 (decoded as U+FFFD) or NUL characters; null when none does.</summary>
    private List<ImportIssue>? TextWarnings(string[] record, int line)
    {
        List<ImportIssue>? warnings = null;
        for (var f = 0; f < record.Length; f++)
        {
            var value = record[f];
            var invalid = value.Contains('\uFFFD', StringComparison.Ordinal);
            var nul = value.Contains('\0', StringComparison.Ordinal);
            if (!invalid && !nul)
            {
                continue;
            }

            var column = f < Headers.Count && Headers[f].Length > 0 ? Headers[f] : $"column {f + 1}";
            var canonical = _columnIndex.FirstOrDefault(kv => kv.Value == f).Key ?? column;
            var reason = invalid && nul
                ? "holds bytes that are not valid UTF-8 (shown as \uFFFD) and NUL characters (removed): is the file saved as UTF-8?"
                : invalid
                    ? "holds bytes that are not valid UTF-8 (stored as \uFFFD): is the file saved as UTF-8?"
                    : "holds NUL characters, which are removed";
            (warnings ??= []).Add(new ImportIssue(line, canonical, $"field {f + 1} ({column}) {reason}", IssueSeverity.Warning, IssueKinds.Encoding));
        }

        return warnings;
    }

    /// <summary>The first line, or null when it is longer than <see cref="ImportLimits.MaxHeaderLength"/> (read no further than that).</summary>
    private static string? ReadHeaderLine(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 8192, leaveOpen: true);
        var line = new StringBuilder();
        var buffer = new char[8192];
        int n;
        while ((n = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            var end = buffer.AsSpan(0, n).IndexOfAny('\r', '\n');
            line.Append(buffer, 0, end < 0 ? n : end);
            if (line.Length > ImportLimits.MaxHeaderLength)
            {
                return null;
            }

            if (end >= 0)
            {
                break;
            }
        }

        return line.ToString();
    }

    /// <summary>The refusal for two headers that name the same column (compared as columns are matched), naming both.</summary>
    private static string? Duplicates(List<string> headers)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++)
        {
            var key = Normalise(headers[i]);
            if (key.Length == 0)
            {
                continue;
            }

            if (seen.TryGetValue(key, out var first))
            {
                return $"Columns {first + 1} ({headers[first]}) and {i + 1} ({headers[i]}) have the same header: it is not clear which one to read. Rename or remove one of them.";
            }

            seen[key] = i;
        }

        return null;
    }

    private static CsvConfiguration Config(char delimiter, BadDataFound? badData) => new(CultureInfo.InvariantCulture)
    {
        Delimiter = delimiter.ToString(),
        BadDataFound = badData,
        MissingFieldFound = null,
        HeaderValidated = null,
        DetectColumnCountChanges = false,
        IgnoreBlankLines = true,
        MaxFieldSize = MaxFieldLength,
        Mode = CsvMode.RFC4180,
    };

    private static CsvSource Failed(Stream stream, string reason, IReadOnlyList<string>? headers = null, char delimiter = ',') =>
        new(stream, delimiter, headers ?? [], new Dictionary<string, int>(), [new ImportIssue(0, "", reason)]);

    private static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var control = 0;
        foreach (var b in bytes)
        {
            if (b == 0)
            {
                return true;
            }

            if (b < 0x09 || (b > 0x0D && b < 0x20))
            {
                control++;
            }
        }

        return control > bytes.Length / 20;
    }

    private static char SniffDelimiter(string header)
    {
        int comma = 0, semicolon = 0, tab = 0;
        var quoted = false;
        foreach (var ch in header)
        {
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted)
            {
                comma += ch == ',' ? 1 : 0;
                semicolon += ch == ';' ? 1 : 0;
                tab += ch == '\t' ? 1 : 0;
            }
        }

        return semicolon > comma && semicolon >= tab ? ';' : tab > comma ? '\t' : ',';
    }
}
