namespace ExpansionDashboard.Data.Import;

/// <summary>
/// The bounds every upload is read within, so no file — however small on the wire — can make the server allocate, write or
/// compute without limit. <paramref name="MaxBytes"/> is the configured upload size (Dashboard:Import:MaxUploadMegabytes);
/// the other bounds are fixed by the formats and by what a dashboard import ever needs.
/// </summary>
public sealed record ImportLimits(long MaxBytes)
{
    /// <summary>Used when the host configures nothing: the default upload size (200 MB).</summary>
    public static ImportLimits Default { get; } = new(200L * 1024 * 1024);

    /// <summary>Columns read per row (CSV fields per line, .xlsx cells per row); no import kind has more than a few dozen.</summary>
    public const int MaxColumns = 1_000;

    /// <summary>Longest header row in characters; a longer one has no line break or no delimiter (not a CSV export).</summary>
    public const int MaxHeaderLength = 65_536;

    /// <summary>Longest line (a whole CSV record) in characters; fields are also capped by <see cref="CsvSource.MaxFieldLength"/>.</summary>
    public const int MaxLineLength = 4 * 1024 * 1024;

    /// <summary>Excel's own limits: column XFD and row 1,048,576. A reference past them is not a spreadsheet Excel wrote.</summary>
    public const int MaxSheetColumn = 16_384;

    public const int MaxSheetRow = 1_048_576;

    /// <summary>Entries of an .xlsx archive; a workbook has a dozen or so, thousands only make the central directory expensive.</summary>
    public const int MaxZipEntries = 1_000;

    /// <summary>
    /// Largest uncompressed-to-compressed ratio of an archive part above <see cref="RatioFreeBytes"/>: worksheet XML compresses
    /// 5–30 times, a zip bomb thousands of times.
    /// </summary>
    public const int MaxCompressionRatio = 100;

    /// <summary>Parts smaller than this may have any ratio (tiny parts compress oddly and cannot hurt).</summary>
    public const long RatioFreeBytes = 1024 * 1024;

    /// <summary>The shared-strings part is held in memory while the sheet is read, so it has its own, smaller cap.</summary>
    public const long MaxSharedStringsBytes = 100L * 1024 * 1024;

    /// <summary>Small XML parts (workbook, relationships, styles) are tiny in real workbooks.</summary>
    public const long MaxSmallPartBytes = 16L * 1024 * 1024;

    /// <summary>Uncompressed bytes an archive may hold in all, per byte of the upload limit (sheet XML is several times its CSV).</summary>
    public const int UncompressedPerUploadByte = 8;

    public long MaxUncompressedBytes => MaxBytes * UncompressedPerUploadByte;
}
