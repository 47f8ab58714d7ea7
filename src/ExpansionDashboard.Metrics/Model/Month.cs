using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExpansionDashboard.Metrics.Model;

/// <summary>A calendar month, the grain of every revenue figure. Ordered and cheap to index. JSON: "YYYY-MM".</summary>
[JsonConverter(typeof(MonthJsonConverter))]
public readonly record struct Month(int Year, int Number) : IComparable<Month>
{
    /// <summary>Months since year 0: a dense, sortable index used by the in-memory model.</summary>
    public int Index => Year * 12 + (Number - 1);

    public static Month FromIndex(int index) => new(index / 12, index % 12 + 1);

    public static Month Of(DateOnly date) => new(date.Year, date.Month);

    public static Month Of(DateTime date) => new(date.Year, date.Month);

    public DateOnly FirstDay => new(Year, Number, 1);

    public DateOnly LastDay => new(Year, Number, DateTime.DaysInMonth(Year, Number));

    public Quarter Quarter => new(Year, (Number - 1) / 3 + 1);

    public Month AddMonths(int months) => FromIndex(Index + months);

    public static int operator -(Month a, Month b) => a.Index - b.Index;

    public static bool operator <(Month a, Month b) => a.Index < b.Index;

    public static bool operator >(Month a, Month b) => a.Index > b.Index;

    public static bool operator <=(Month a, Month b) => a.Index <= b.Index;

    public static bool operator >=(Month a, Month b) => a.Index >= b.Index;

    public int CompareTo(Month other) => Index.CompareTo(other.Index);

    /// <summary>Parses "YYYY-MM" (also accepts a full ISO date, taking its month).</summary>
    public static Month Parse(string text)
    {
        if (TryParse(text, out var month))
        {
            return month;
        }

        throw new FormatException($"'{text}' is not a month in the form YYYY-MM.");
    }

    public static bool TryParse(string? text, out Month month)
    {
        month = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ||
            DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out d))
        {
            month = Of(d);
            return true;
        }

        return false;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Number:D2}");
}

/// <summary>A calendar quarter such as 2026-Q4. JSON: "YYYY-Qn".</summary>
[JsonConverter(typeof(QuarterJsonConverter))]
public readonly record struct Quarter(int Year, int Number) : IComparable<Quarter>
{
    public Month FirstMonth => new(Year, (Number - 1) * 3 + 1);

    public Month LastMonth => FirstMonth.AddMonths(2);

    public DateOnly FirstDay => FirstMonth.FirstDay;

    public DateOnly LastDay => LastMonth.LastDay;

    public bool Contains(DateOnly date) => date >= FirstDay && date <= LastDay;

    public Quarter AddQuarters(int quarters)
    {
        var index = Year * 4 + (Number - 1) + quarters;
        return new Quarter(index / 4, index % 4 + 1);
    }

    public static Quarter Of(DateOnly date) => Month.Of(date).Quarter;

    public static bool operator <(Quarter a, Quarter b) => a.CompareTo(b) < 0;

    public static bool operator >(Quarter a, Quarter b) => a.CompareTo(b) > 0;

    public static bool operator <=(Quarter a, Quarter b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Quarter a, Quarter b) => a.CompareTo(b) >= 0;

    public int CompareTo(Quarter other) => (Year * 4 + Number).CompareTo(other.Year * 4 + other.Number);

    public static bool TryParse(string? text, out Quarter quarter)
    {
        quarter = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Trim().ToUpperInvariant().Split("-Q");
        if (parts.Length == 2 &&
            int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var y) &&
            int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var q) &&
            y is >= 1900 and <= 9999 && q is >= 1 and <= 4)
        {
            quarter = new Quarter(y, q);
            return true;
        }

        return false;
    }

    public static Quarter Parse(string text) =>
        TryParse(text, out var q) ? q : throw new FormatException($"'{text}' is not a quarter in the form YYYY-Qn.");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Number}");
}

/// <summary>Reads and writes a value type as its invariant text, refusing text that does not parse with one message.</summary>
public abstract class TextJsonConverter<T>(string expected) : JsonConverter<T>
    where T : struct
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TryParse(reader.GetString(), out var value) ? value : throw new JsonException(expected);

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }

    protected abstract bool TryParse(string? text, out T value);
}

/// <summary>Writes a month as its "YYYY-MM" text, the form every export and API uses.</summary>
public sealed class MonthJsonConverter() : TextJsonConverter<Month>("Expected a month in the form YYYY-MM.")
{
    protected override bool TryParse(string? text, out Month value) => Month.TryParse(text, out value);
}

/// <summary>Writes a quarter as its "YYYY-Qn" text.</summary>
public sealed class QuarterJsonConverter() : TextJsonConverter<Quarter>("Expected a quarter in the form YYYY-Qn.")
{
    protected override bool TryParse(string? text, out Quarter value) => Quarter.TryParse(text, out value);
}
