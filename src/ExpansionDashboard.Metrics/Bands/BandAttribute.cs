using System.Collections.Frozen;
using System.Reflection;

namespace ExpansionDashboard.Metrics.Bands;

/// <summary>
/// Put on each member of a band enum: the word people read and how it reads. Keeping the word and the severity on the
/// member itself means a band cannot get a colour on one page and another word on the next.
/// </summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class BandAttribute(string word, Severity severity) : Attribute
{
    public string Word { get; } = word;

    public Severity Severity { get; } = severity;
}

/// <summary>Reads a band enum's <see cref="BandAttribute"/>s, and picks a band from descending floors.</summary>
public static class Band
{
    /// <summary>The band's word ("Strong", "On track"); the member's name when it carries no <see cref="BandAttribute"/>.</summary>
    public static string Word<T>(T band) where T : struct, Enum => Table<T>.Of(band).Word;

    /// <summary>The band's severity; <see cref="Severity.None"/> when it carries no <see cref="BandAttribute"/>.</summary>
    public static Severity SeverityOf<T>(T band) where T : struct, Enum => Table<T>.Of(band).Severity;

    /// <summary>The band's word as an API slug: lower case, spaces as dashes ("On track" → "on-track").</summary>
    public static string Slug<T>(T band) where T : struct, Enum =>
        Word(band).ToLowerInvariant().Replace(' ', '-');

    /// <summary>The band and severity as one <see cref="BandWord"/>.</summary>
    public static BandWord Describe<T>(T band) where T : struct, Enum => new(Word(band), SeverityOf(band));

    /// <summary>
    /// The band of the first floor <paramref name="value"/> reaches (floors from the highest down, inclusive);
    /// <paramref name="below"/> under the lowest floor, <paramref name="none"/> when there is no value.
    /// </summary>
    public static T Classify<T>(decimal? value, T none, T below, params ReadOnlySpan<(decimal Floor, T Band)> floors)
    {
        if (value is not { } v)
        {
            return none;
        }

        foreach (var (floor, band) in floors)
        {
            if (v >= floor)
            {
                return band;
            }
        }

        return below;
    }

    private static class Table<T> where T : struct, Enum
    {
        private static readonly FrozenDictionary<T, BandAttribute> Entries = typeof(T)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToFrozenDictionary(
                f => (T)f.GetValue(null)!,
                f => f.GetCustomAttribute<BandAttribute>() ?? new BandAttribute(f.Name, Severity.None));

        public static BandAttribute Of(T band) => Entries.TryGetValue(band, out var a) ? a : new BandAttribute(band.ToString(), Severity.None);
    }
}
