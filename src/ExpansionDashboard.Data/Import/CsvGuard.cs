namespace ExpansionDashboard.Data.Import;

/// <summary>A line past a fixed bound (columns, length): the reader stops there with the line and the reason.</summary>
public sealed class CsvLimitException(int line, string reason) : Exception($"line {line}: {reason}")
{
    public int Line { get; } = line;

    public string Reason { get; } = reason;
}

/// <summary>
/// Sits between the text and CsvHelper and bounds each record before the parser accumulates it: fields per line
/// (delimiters outside quotes) and characters per line. A line of a million commas would otherwise become a million-field
/// record held in memory. The bound is enforced lazily: the chunk is cut just before the offending character and the
/// exception comes on the next read, so every complete record before it is still parsed (and reported) normally.
/// It also notes whether the text holds NUL or U+FFFD (what invalid UTF-8 decodes to), so rows are only scanned for
/// them when there is something to find.
/// </summary>
internal sealed class CsvGuard(TextReader inner, char delimiter, int maxColumns = ImportLimits.MaxColumns, int maxLineLength = ImportLimits.MaxLineLength) : TextReader
{
    private bool _quoted;
    private bool _fieldStart = true;
    private bool _justClosed;
    private bool _lastWasCr;
    private int _fields = 1;
    private int _length;
    private int _line = 1;
    private CsvLimitException? _pending;

    /// <summary>True once a NUL or a replacement character has been read.</summary>
    public bool SawSuspicious { get; private set; }

    public override int Peek() => _pending is not null ? -1 : inner.Peek();

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 0 ? -1 : one[0];
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (_pending is not null)
        {
            throw _pending;
        }

        var n = inner.Read(buffer);
        for (var i = 0; i < n; i++)
        {
            var ch = buffer[i];
            if (_quoted)
            {
                // Inside a quoted field only a quote matters: it closes the field, or with the next quote is one quote.
                if (ch == '"')
                {
                    _quoted = false;
                    _justClosed = true;
                }
            }
            else if (ch == '"' && (_fieldStart || _justClosed))
            {
                // As CsvHelper (RFC 4180) reads it: a quote opens a field only at its start; elsewhere it is literal.
                _quoted = true;
                _fieldStart = _justClosed = false;
            }
            else if (ch is '\n' or '\r')
            {
                if (!(ch == '\n' && _lastWasCr))
                {
                    _line++;
                }

                _lastWasCr = ch == '\r';
                _fields = 1;
                _length = 0;
                _fieldStart = true;
                _justClosed = false;
                continue;
            }
            else if (ch == delimiter)
            {
                _fieldStart = true;
                _justClosed = false;
                if (++_fields > maxColumns)
                {
                    return Stop(i, $"the line has more than {maxColumns:N0} fields (columns); at most {maxColumns:N0} are read");
                }
            }
            else
            {
                _fieldStart = _justClosed = false;
            }

            _lastWasCr = false;
            if (ch is '\0' or '\uFFFD')
            {
                SawSuspicious = true;
            }

            if (++_length > maxLineLength)
            {
                return Stop(i, $"the line is longer than {maxLineLength:N0} characters (a broken quote, or not a CSV export?)");
            }
        }

        return n;
    }

    public override Task<int> ReadAsync(char[] buffer, int index, int count) => Task.FromResult(Read(buffer, index, count));

    public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Stop(int at, string reason)
    {
        _pending = new CsvLimitException(_line, reason);
        if (at == 0)
        {
            throw _pending;
        }

        return at;
    }
}
