using System.Buffers.Text;
using System.Globalization;
using System.Text;
using ExpansionDashboard.Data.Snapshot;
using ExpansionDashboard.Metrics.Model;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ExpansionDashboard.Data.Sqlite;

/// <summary>
/// Reads RevenueLines through SQLite's own API: values come as UTF-8 bytes and are parsed in place (the month's digits,
/// the decimal text EF Core wrote), and products and currencies are matched against the few a book has, so a million
/// lines allocate no string per value. The generic data reader made a string of every text and every decimal.
/// </summary>
internal static class SqliteRevenueLineReader
{
    public static void Read(SqliteConnection connection, Action<StoredRevenueLine> line, CancellationToken ct)
    {
        var texts = new SharedTexts();
        Scan(connection, "SELECT \"AccountId\", \"Month\", \"Product\", \"Mrr\", \"ExpansionType\", \"Currency\" FROM \"RevenueLines\"", null, h => line(new StoredRevenueLine(
            SqliteNative.ColumnInt(h, 0),
            ReadMonth(h, 1),
            texts.Get(SqliteNative.Column(h, 2)),
            ReadDecimal(h, 3),
            SqliteNative.ColumnType(h, 4) == raw.SQLITE_NULL ? null : StoredLineType.Parse(Encoding.UTF8.GetString(SqliteNative.Column(h, 4))),
            SqliteNative.ColumnType(h, 5) == raw.SQLITE_NULL ? "" : texts.Get(SqliteNative.Column(h, 5)))), ct);
    }

    /// <summary>The lines an mrr import plan compares with (see <see cref="Snapshot.IRevenueLineReader.ReadMrrLines"/>).</summary>
    public static void ReadMrrLines(SqliteConnection connection, (DateOnly First, DateOnly After)? months, Action<StoredMrrLine> line, CancellationToken ct)
    {
        var sql = "SELECT \"Id\", \"AccountId\", \"Month\", \"Product\", \"Currency\", \"Mrr\", \"Seats\", \"Plan\", \"ExpansionType\" FROM \"RevenueLines\"";
        Action<nint>? bind = null;
        if (months is var (first, after))
        {
            // Half-open, so a month stored with a time of day ("2026-01-01 00:00:00") still falls inside.
            sql += " WHERE \"Month\" >= ?1 AND \"Month\" < ?2";
            bind = h =>
            {
                // The same text Microsoft.Data.Sqlite binds for a DateOnly parameter.
                Span<byte> day = stackalloc byte[10];
                SqliteText.Date(first, day);
                SqliteException.ThrowExceptionForRC(SqliteNative.BindUtf8(h, 1, day), connection.Handle);
                SqliteText.Date(after, day);
                SqliteException.ThrowExceptionForRC(SqliteNative.BindUtf8(h, 2, day), connection.Handle);
            };
        }

        var texts = new SharedTexts();
        Scan(connection, sql, bind, h => line(new StoredMrrLine(
            SqliteNative.ColumnInt64(h, 0),
            SqliteNative.ColumnInt(h, 1),
            ReadMonth(h, 2),
            texts.Get(SqliteNative.Column(h, 3)),
            texts.Get(SqliteNative.Column(h, 4)),
            ReadDecimal(h, 5),
            SqliteNative.ColumnType(h, 6) == raw.SQLITE_NULL ? null : SqliteNative.ColumnInt(h, 6),
            SqliteNative.ColumnType(h, 7) == raw.SQLITE_NULL ? null : texts.Get(SqliteNative.Column(h, 7)),
            SqliteNative.ColumnType(h, 8) == raw.SQLITE_NULL ? null : texts.Get(SqliteNative.Column(h, 8)))), ct);
    }

    /// <summary>Prepares <paramref name="sql"/>, binds it, and hands each result row's statement to <paramref name="row"/>.</summary>
    private static void Scan(SqliteConnection connection, string sql, Action<nint>? bind, Action<nint> row, CancellationToken ct)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v2(db, sql, out var stmt);
        SqliteException.ThrowExceptionForRC(rc, db);
        using (stmt)
        {
            var h = SqliteNative.Handle(stmt);
            bind?.Invoke(h);
            var n = 0;
            while ((rc = SqliteNative.Step(h)) == raw.SQLITE_ROW)
            {
                if ((++n & 0x3FFF) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }

                row(h);
            }

            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }

            GC.KeepAlive(stmt);
        }
    }

    /// <summary>A month stored as "yyyy-MM-dd" text (how EF Core's SQLite provider writes a date).</summary>
    private static Month ReadMonth(nint stmt, int i)
    {
        var s = SqliteNative.Column(stmt, i);
        if (s.Length >= 7 && s[4] == (byte)'-' && Digits(s[..4], out var year) && Digits(s.Slice(5, 2), out var month))
        {
            return new Month(year, month);
        }

        return Month.Of(DateOnly.Parse(Encoding.UTF8.GetString(s), CultureInfo.InvariantCulture));
    }

    private static bool Digits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        foreach (var b in s)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }

    /// <summary>A decimal: the text EF Core writes ("1200.0"), or a number a hand-written row may hold.</summary>
    private static decimal ReadDecimal(nint stmt, int i)
    {
        var type = SqliteNative.ColumnType(stmt, i);
        if (type == raw.SQLITE_INTEGER)
        {
            return SqliteNative.ColumnInt64(stmt, i);
        }

        if (type == raw.SQLITE_FLOAT)
        {
            return (decimal)SqliteNative.ColumnDouble(stmt, i);
        }

        var s = SqliteNative.Column(stmt, i);
        return SqliteText.TryParseDecimal(s, out var d) || (Utf8Parser.TryParse(s, out d, out var used) && used == s.Length)
            ? d
            : decimal.Parse(Encoding.UTF8.GetString(s), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>The distinct texts of a column with few values (products, currencies), each decoded once.</summary>
    private sealed class SharedTexts
    {
        private readonly List<(byte[] Utf8, string Text)> _known = [];
        private readonly Dictionary<string, string> _many = new(StringComparer.Ordinal);

        public string Get(ReadOnlySpan<byte> utf8)
        {
            foreach (var (bytes, text) in _known)
            {
                if (utf8.SequenceEqual(bytes))
                {
                    return text;
                }
            }

            var decoded = Encoding.UTF8.GetString(utf8);
            if (_known.Count < 64)
            {
                _known.Add((utf8.ToArray(), decoded));
                return decoded;
            }

            // A book with hundreds of products: a dictionary, at the price of decoding each value.
            return _many.TryGetValue(decoded, out var shared) ? shared : _many[decoded] = decoded;
        }
    }
}
