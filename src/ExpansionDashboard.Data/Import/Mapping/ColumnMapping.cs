namespace ExpansionDashboard.Data.Import.Mapping;

/// <summary>
/// A column mapping as the import reads it: canonical column → file header, canonical column → constant value (the same
/// for every row), and per-column value translations (an export's own stage names → ours).
/// </summary>
/// <remarks>
/// It travels as one flat string dictionary — <c>account_id → CustOrgID</c>, <c>const.segment → SMB</c>,
/// <c>value.stage.contract sent → Negotiation</c> — so it passes through the import service and is saved with the
/// remembered mapping unchanged, and reads like the API's <c>map.</c> and <c>const.</c> query parameters.
/// </remarks>
public sealed record ColumnMapping(
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> Constants,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Values)
{
    public const string ConstantPrefix = "const.";
    public const string ValuePrefix = "value.";

    public static ColumnMapping Empty { get; } = new(
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase),
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase),
        new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.OrdinalIgnoreCase));

    /// <summary>Reads the flat form; blank header choices are dropped (a blank constant is kept: "leave it empty" is a choice).</summary>
    public static ColumnMapping Parse(IReadOnlyDictionary<string, string>? flat)
    {
        if (flat is null || flat.Count == 0)
        {
            return Empty;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var constants = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var values = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in flat)
        {
            if (key.StartsWith(ConstantPrefix, StringComparison.OrdinalIgnoreCase) && key.Length > ConstantPrefix.Length)
            {
                constants[key[ConstantPrefix.Length..].Trim()] = (value ?? "").Trim();
            }
            else if (key.StartsWith(ValuePrefix, StringComparison.OrdinalIgnoreCase))
            {
                var rest = key[ValuePrefix.Length..];
                var dot = rest.IndexOf('.', StringComparison.Ordinal);
                if (dot > 0 && dot < rest.Length - 1 && !string.IsNullOrWhiteSpace(value))
                {
                    var column = rest[..dot].Trim();
                    if (!values.TryGetValue(column, out var map))
                    {
                        values[column] = map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    }

                    map[rest[(dot + 1)..].Trim()] = value.Trim();
                }
            }
            else if (!string.IsNullOrWhiteSpace(value))
            {
                headers[key.Trim()] = value.Trim();
            }
        }

        return new ColumnMapping(headers, constants,
            values.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, string>)kv.Value, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The flat form (see remarks), for the import service and the saved mapping.</summary>
    public Dictionary<string, string> ToFlat()
    {
        var flat = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (column, header) in Headers)
        {
            flat[column] = header;
        }

        foreach (var (column, value) in Constants)
        {
            flat[ConstantPrefix + column] = value;
        }

        foreach (var (column, map) in Values)
        {
            foreach (var (from, to) in map)
            {
                flat[$"{ValuePrefix}{column}.{from}"] = to;
            }
        }

        return flat;
    }

    /// <summary>
    /// Problems that make the mapping unusable for <paramref name="kind"/>: a constant for a column the kind does not have,
    /// or a column given both a header and a constant. Each message names the column.
    /// </summary>
    public IReadOnlyList<string> Problems(ImportKind kind)
    {
        var known = Kinds.ImportKinds.Get(kind).Columns.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        foreach (var column in Constants.Keys)
        {
            if (!known.Contains(column))
            {
                problems.Add($"const.{column}: '{column}' is not a column of {Kinds.ImportKinds.Get(kind).Slug} (columns: {string.Join(", ", known)}).");
            }
            else if (Headers.ContainsKey(column))
            {
                problems.Add($"{column}: the column is given both a file header (map.{column}={Headers[column]}) and a constant value (const.{column}={Constants[column]}); give one of them.");
            }
        }

        return problems;
    }

    /// <summary>Translates a cell through the column's value map (case-insensitive); other values pass unchanged.</summary>
    public string Translate(string column, string value) =>
        Values.TryGetValue(column, out var map) && map.TryGetValue(value.Trim(), out var to) ? to : value;
}
