namespace ExpansionDashboard.Data.Import.Mapping;

/// <summary>A file's headers with a few sample values each (first non-empty distinct values), for the mapping step.</summary>
/// <param name="Headers">The headers as written in the file.</param>
/// <param name="Samples">Per header (same order), up to three sample values.</param>
/// <param name="Delimiter">The detected delimiter.</param>
public sealed record FileProfile(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Samples, char Delimiter)
{
    /// <summary>The samples of a header (case-insensitive), or none.</summary>
    public IReadOnlyList<string> SamplesOf(string header)
    {
        for (var i = 0; i < Headers.Count; i++)
        {
            if (string.Equals(Headers[i], header, StringComparison.OrdinalIgnoreCase))
            {
                return i < Samples.Count ? Samples[i] : [];
            }
        }

        return [];
    }

    /// <summary>Reads the profile of an upload, CSV or .xlsx (first sheet); the stream must be seekable.</summary>
    public static FileProfile Read(Stream stream) => Read(stream, ImportLimits.Default, CancellationToken.None);

    /// <summary>Reads the profile within <paramref name="limits"/> (an .xlsx is converted first, bounded like an import).</summary>
    public static FileProfile Read(Stream stream, ImportLimits limits, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!XlsxSource.IsXlsx(stream))
        {
            return CsvSource.Profile(stream);
        }

        try
        {
            using var csv = XlsxSource.ToCsv(stream, limits, ct);
            return CsvSource.Profile(csv);
        }
        catch (ImportRejectedException)
        {
            // The preview reports the unreadable workbook; the mapping step just has nothing to offer.
            return new FileProfile([], [], ',');
        }
    }
}
