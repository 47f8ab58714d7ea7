using System.Data.Common;

namespace ExpansionDashboard.Data.Import.Kinds;

/// <summary>A stored row of a kind's table: its id, its account's id (0 for tables without one) and its values by column.</summary>
internal sealed record StoredRow(long Id, int AccountId, object?[] Values);

/// <summary>Reading stored values back as the CLR type a kind plans with, whichever the provider, and comparing them.</summary>
internal static class StoredValues
{
    public static object? Read(DbDataReader reader, int i, Type type) =>
        reader.IsDBNull(i) ? null
        : type == typeof(string) ? reader.GetString(i)
        : type == typeof(DateOnly) ? ReadDate(reader, i)
        : type == typeof(decimal) ? ParseDecimal(reader.GetValue(i))
        : type == typeof(int) ? Convert.ToInt32(reader.GetValue(i), CultureInfo.InvariantCulture)
        : type == typeof(double) ? Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture)
        : type == typeof(bool) ? ReadBool(reader, i)
        : reader.GetValue(i);

    /// <summary>A decimal column: text in SQLite ("1200.0"), numeric in PostgreSQL.</summary>
    public static decimal ParseDecimal(object value) => value switch
    {
        string s => decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
        long l => l,
        double d => (decimal)d,
        _ => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
    };

    /// <summary>A date column: text in SQLite ("2026-08-01"), a date in PostgreSQL.</summary>
    public static DateOnly ReadDate(DbDataReader reader, int i) => ReadDateValue(reader.GetValue(i), reader.GetName(i));

    /// <summary>A date value as a provider returns it (text in SQLite, with or without a time of day; a date in PostgreSQL).</summary>
    public static DateOnly ReadDateValue(object value, string what = "The value") => value switch
    {
        string s => DateOnly.Parse(s.Length > 10 ? s[..10] : s, CultureInfo.InvariantCulture),
        DateTime dt => DateOnly.FromDateTime(dt),
        DateOnly d => d,
        var other => throw new InvalidOperationException($"{what} holds {other.GetType().Name}, not a date."),
    };

    /// <summary>A boolean column: 0/1 in SQLite, a boolean in PostgreSQL.</summary>
    private static bool ReadBool(DbDataReader reader, int i) => reader.GetValue(i) switch
    {
        bool b => b,
        var v => Convert.ToInt64(v, CultureInfo.InvariantCulture) != 0,
    };

    public static bool Same(object?[] a, object?[] b)
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

    public static string Money(decimal d) => d.ToString("0.00##", CultureInfo.InvariantCulture);

    public static string Rate(decimal d) => d.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>The values of a row as the preview's diff shows them: the non-empty ones, joined.</summary>
    public static string Describe(object?[] values) =>
        string.Join(" · ", values.Where(v => v is not null && !(v is string s && s.Length == 0)).Select(v => v switch
        {
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            decimal m => Money(m),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => v!.ToString(),
        }));
}
