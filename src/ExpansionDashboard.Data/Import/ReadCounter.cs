namespace ExpansionDashboard.Data.Import;

/// <summary>
/// A read-only view of an upload that counts the lines and bytes read through it, so the import's progress can say
/// how many rows were read before the parser has finished (it reports only the share of the file). Counting line
/// breaks in each buffer is vectorised and costs next to nothing against parsing; a break inside a quoted field
/// counts as a row, which makes the figure an estimate until the first pass gives the exact total. Going back to
/// the start (the header is read twice, and the plan reads the file again) starts the count again.
/// </summary>
internal sealed class ReadCounter(Stream inner) : Stream
{
    // Taken once: the upload is spooled before it is read, and Progress() is called from other threads than the reader's.
    private readonly long _length = Math.Max(1, inner.Length);
    private long _lines;
    private long _bytes;

    /// <summary>Rows read since the start of the file (the header line not counted), and the share of the file read.</summary>
    public (long Rows, double Fraction) Progress()
    {
        return (Math.Max(0, Volatile.Read(ref _lines) - 1), Math.Min(1.0, (double)Volatile.Read(ref _bytes) / _length));
    }

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set
        {
            inner.Position = value;
            Moved(value);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Count(buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Count(buffer.Span[..read]);
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var position = inner.Seek(offset, origin);
        Moved(position);
        return position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private void Count(ReadOnlySpan<byte> read)
    {
        Volatile.Write(ref _lines, _lines + read.Count((byte)'\n'));
        Volatile.Write(ref _bytes, _bytes + read.Length);
    }

    private void Moved(long position)
    {
        Volatile.Write(ref _bytes, position);
        if (position == 0)
        {
            Volatile.Write(ref _lines, 0);
        }
    }
}
