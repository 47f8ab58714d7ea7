namespace ExpansionDashboard.Data.Sqlite;

/// <summary>
/// The UTF-8 texts the SQLite writer binds for decimals and dates, written without .NET's custom-format parser, which was
/// the largest managed cost of inserting a million rows. They are the exact texts EF Core's SQLite provider writes.
/// </summary>
internal static class SqliteText
{
    /// <summary>
    /// The text of <see cref="SqlitePlanWriter.DecimalFormat"/> ("0.0###…"): the value's digits with at least one decimal
    /// place and no trailing zeros beyond it ("1250.00" → "1250.0"). False for zero (its sign and scale follow the custom
    /// format's own rules) or a span too short, so the caller formats it the slow way.
    /// </summary>
    public static bool TryDecimal(decimal value, Span<byte> utf8, out int written)
    {
        written = 0;
        if (value == 0m || utf8.Length < 34 || !value.TryFormat(utf8, out var n, default, System.Globalization.CultureInfo.InvariantCulture))
        {
            return false;
        }

        var dot = utf8[..n].IndexOf((byte)'.');
        if (dot < 0)
        {
            utf8[n++] = (byte)'.';
            utf8[n++] = (byte)'0';
        }
        else
        {
            while (n > dot + 2 && utf8[n - 1] == (byte)'0')
            {
                n--;
            }
        }

        written = n;
        return true;
    }

    /// <summary>
    /// Reads a plain decimal text ("-1200.5": an optional minus, digits, at most one point) of up to 19 digits, the shape
    /// every amount the writer stores has, keeping its scale as <see cref="System.Buffers.Text.Utf8Parser"/> does. False for
    /// anything else (an exponent, a plus sign, more digits), which the caller parses the general way.
    /// </summary>
    public static bool TryParseDecimal(ReadOnlySpan<byte> utf8, out decimal value)
    {
        value = 0m;
        var i = 0;
        var negative = false;
        if (utf8.Length > 0 && utf8[0] == (byte)'-')
        {
            negative = true;
            i = 1;
        }

        ulong mantissa = 0;
        var digits = 0;
        var scale = -1;
        for (; i < utf8.Length; i++)
        {
            var b = utf8[i];
            if (b == (byte)'.')
            {
                if (scale >= 0)
                {
                    return false;
                }

                scale = 0;
                continue;
            }

            var d = (uint)(b - '0');
            if (d > 9 || ++digits > 19)
            {
                return false;
            }

            mantissa = (mantissa * 10) + d;
            if (scale >= 0)
            {
                scale++;
            }
        }

        // "", "-", "." and "12." are left to the general parser, so only the writer's own shape takes this path.
        if (digits == 0 || scale == 0)
        {
            return false;
        }

        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative, (byte)Math.Max(scale, 0));
        return true;
    }

    /// <summary>"yyyy-MM-dd" into the first ten bytes of <paramref name="utf8"/> (every DateOnly year has four digits).</summary>
    public static void Date(DateOnly date, Span<byte> utf8)
    {
        Digits(utf8[..4], date.Year);
        utf8[4] = (byte)'-';
        Digits(utf8.Slice(5, 2), date.Month);
        utf8[7] = (byte)'-';
        Digits(utf8.Slice(8, 2), date.Day);
    }

    private static void Digits(Span<byte> target, int value)
    {
        for (var i = target.Length - 1; i >= 0; i--)
        {
            target[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
