using CsvHelper;
using ExcelDataReader;

namespace ExpansionDashboard.Data.Import;

/// <summary>
/// Turns the first worksheet of an .xlsx upload into CSV, streamed to a temporary file, so the same reader,
/// validation and preview apply. Cell values are read as stored: formulas are never evaluated (their cached value is
/// used) and formula-looking text stays text.
/// </summary>
public static class XlsxSource
{
    // ExcelDataReader asks for Windows code pages even for .xlsx; .NET ships them but does not register them.
    static XlsxSource() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

    /// <summary>True when the stream starts like a zip archive (.xlsx is one).</summary>
    public static bool IsXlsx(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek || stream.Length < 4)
        {
            return false;
        }

        var position = stream.Position;
        Span<byte> head = stackalloc byte[4];
        stream.Position = 0;
        var read = stream.Read(head);
        stream.Position = position;
        return read == 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] == 3 && head[3] == 4;
    }

    /// <summary>Converts to a temporary CSV stream (deleted when disposed); throws <see cref="ImportRejectedException"/> for an unreadable workbook.</summary>
    public static Stream ToCsv(Stream xlsx)
    {
        ArgumentNullException.ThrowIfNull(xlsx);
        var path = Path.Combine(Path.GetTempPath(), $"ed-xlsx-{Guid.NewGuid():N}.csv");
        var output = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        try
        {
            xlsx.Position = 0;
            using (var reader = ExcelReaderFactory.CreateOpenXmlReader(xlsx, new ExcelReaderConfiguration { LeaveOpen = true }))
            using (var writer = new StreamWriter(output, leaveOpen: true))
            using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
            {
                while (reader.Read())
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        csv.WriteField(Text(reader.GetValue(i)));
                    }

                    csv.NextRecord();
                }
            }

            output.Position = 0;
            return output;
        }
        catch (Exception ex) when (ex is not ImportRejectedException and (InvalidDataException or ExcelDataReader.Exceptions.ExcelReaderException or IOException or FormatException or InvalidOperationException))
        {
            output.Dispose();
            throw new ImportRejectedException("The .xlsx file cannot be read (damaged or not a workbook). Save it again, or export the sheet as CSV (UTF-8).");
        }
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        DateTime d when d.TimeOfDay == TimeSpan.Zero => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double n => n.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
