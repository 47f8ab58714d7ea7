using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExpansionDashboard.Metrics.Model;

/// <summary>
/// What a target, an alert rule or a finding is about: the whole company, one segment, or (rules only) each segment in
/// turn. One type with one stored spelling, so "company" is never written as "", null, "Company" or "*" in different places.
/// </summary>
[JsonConverter(typeof(ScopeJsonConverter))]
public readonly record struct Scope
{
    /// <summary>The stored spelling of <see cref="Company"/>.</summary>
    public const string CompanyKey = "company";

    /// <summary>The stored spelling of <see cref="EachSegment"/>.</summary>
    public const string EachSegmentKey = "*";

    private Scope(ScopeKind kind, string? segment)
    {
        Kind = kind;
        Segment = segment;
    }

    public ScopeKind Kind { get; }

    /// <summary>The segment's name when <see cref="Kind"/> is <see cref="ScopeKind.Segment"/>; otherwise null.</summary>
    public string? Segment { get; }

    public static Scope Company => new(ScopeKind.Company, null);

    public static Scope EachSegment => new(ScopeKind.EachSegment, null);

    public bool IsCompany => Kind == ScopeKind.Company;

    /// <summary>A single segment; a null or blank name is the company.</summary>
    public static Scope Of(string? segment) =>
        string.IsNullOrWhiteSpace(segment) ? Company : new(ScopeKind.Segment, segment.Trim());

    /// <summary>The value kept in the store: "company", "*" or the segment's name.</summary>
    public string Key => Kind switch
    {
        ScopeKind.Company => CompanyKey,
        ScopeKind.EachSegment => EachSegmentKey,
        _ => Segment!,
    };

    /// <summary>Reads a stored key; also accepts the legacy spellings "", "Company" (any case) and null for the company.</summary>
    public static Scope Parse(string? key) => key?.Trim() switch
    {
        null or "" => Company,
        EachSegmentKey => EachSegment,
        var k when k.Equals(CompanyKey, StringComparison.OrdinalIgnoreCase) => Company,
        var k => new(ScopeKind.Segment, k),
    };

    /// <summary>What a reader sees: "Company", "Each segment" or the segment's name.</summary>
    public override string ToString() => Kind switch
    {
        ScopeKind.Company => "Company",
        ScopeKind.EachSegment => "Each segment",
        _ => Segment!,
    };
}

public enum ScopeKind
{
    Company,
    Segment,
    EachSegment,
}

/// <summary>Writes a scope as its stored key, so a view carried from prerendering into the circuit keeps its segment.</summary>
public sealed class ScopeJsonConverter : JsonConverter<Scope>
{
    public override Scope Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Scope.Parse(reader.GetString());

    public override void Write(Utf8JsonWriter writer, Scope value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Key);
    }
}
