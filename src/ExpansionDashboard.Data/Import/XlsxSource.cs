using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace ExpansionDashboard.Data.Import;

/// <summary>
/// Turns the first worksheet of an .xlsx upload into CSV, streamed to a temporary file, so the same reader,
/// validation and preview apply. Cell values are read as stored: formulas are never evaluated (their cached value is
/// used) and formula-looking text stays text.
/// </summary>
/// <remarks>
/// An .xlsx is a zip of XML parts, so a file of a few kilobytes can describe gigabytes. Everything is checked against
/// <see cref="ImportLimits"/> before and while it is read: the archive's entry count (from its end record, before the
/// central directory is parsed), each part's declared size and compression ratio, the bytes each part really inflates
/// to, the shared strings held in memory, every cell reference (Excel's XFD / 1,048,576), the columns, the header and the
/// bytes of CSV written. The sheet is read with <see cref="XmlReader"/> (never loaded whole) and DTDs are refused.
/// </remarks>
public static class XlsxSource
{
    // Transitional (what Excel saves by default) and Strict Open XML name the same elements in different namespaces.
    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string StrictMainNs = "http://purl.oclc.org/ooxml/spreadsheetml/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string StrictRelNs = "http://purl.oclc.org/ooxml/officeDocument/relationships";

    private static bool IsMain(string ns) => ns is MainNs or StrictMainNs;

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
        var read = stream.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        stream.Position = position;
        return read == 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] == 3 && head[3] == 4;
    }

    /// <summary>Converts within the default limits.</summary>
    public static Stream ToCsv(Stream xlsx) => ToCsv(xlsx, ImportLimits.Default, CancellationToken.None);

    /// <summary>
    /// Converts to a temporary CSV stream (deleted when disposed); throws <see cref="ImportRejectedException"/> with the
    /// reason for an unreadable workbook or one past a limit, and <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    public static Stream ToCsv(Stream xlsx, ImportLimits limits, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(xlsx);
        ArgumentNullException.ThrowIfNull(limits);
        var output = ImportTempFiles.Create("ed-xlsx");
        try
        {
            CheckEntryCount(xlsx);
            xlsx.Position = 0;
            using (var zip = new ZipArchive(xlsx, ZipArchiveMode.Read, leaveOpen: true))
            {
                var budget = new InflateBudget(limits.MaxUncompressedBytes);
                CheckEntries(zip, limits);
                var book = Workbook.Locate(zip, budget, ct);
                var strings = book.SharedStrings is { } ss ? ReadSharedStrings(ss, budget, ct) : [];
                var dates = book.Styles is { } st ? ReadDateStyles(st, budget, ct) : [];
                using var counted = new CountingStream(output, limits.MaxBytes);
                using var writer = new StreamWriter(counted, new UTF8Encoding(false), 65536, leaveOpen: true);
                WriteSheet(book.Sheet, budget, strings, dates, book.Date1904, writer, ct);
                writer.Flush();
            }

            output.Position = 0;
            return output;
        }
        catch (ImportRejectedException)
        {
            output.Dispose();
            throw;
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or IOException or FormatException or InvalidOperationException or NotSupportedException or ArgumentException)
        {
            output.Dispose();
            throw new ImportRejectedException("The .xlsx file cannot be read (damaged or not a workbook). Save it again, or export the sheet as CSV (UTF-8).");
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads the entry count from the archive's end record (zip64 included) so a file with a huge central directory is
    /// refused before <see cref="ZipArchive"/> builds an object per entry.
    /// </summary>
    private static void CheckEntryCount(Stream zip)
    {
        var tailLength = (int)Math.Min(zip.Length, 22 + 65535 + 20);
        var tail = new byte[tailLength];
        zip.Position = zip.Length - tailLength;
        zip.ReadExactly(tail);
        for (var i = tailLength - 22; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) != 0x06054b50)
            {
                continue;
            }

            long entries = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(i + 10));
            if (entries == 0xFFFF && i >= 20 && BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i - 20)) == 0x07064b50)
            {
                var zip64End = BinaryPrimitives.ReadInt64LittleEndian(tail.AsSpan(i - 20 + 8));
                if (zip64End < 0 || zip64End > zip.Length - 56)
                {
                    throw new InvalidDataException("zip64 end record out of range");
                }

                var record = new byte[56];
                zip.Position = zip64End;
                zip.ReadExactly(record);
                if (BinaryPrimitives.ReadUInt32LittleEndian(record) != 0x06064b50)
                {
                    throw new InvalidDataException("zip64 end record missing");
                }

                entries = BinaryPrimitives.ReadInt64LittleEndian(record.AsSpan(32));
            }

            if (entries < 0 || entries > ImportLimits.MaxZipEntries)
            {
                throw new ImportRejectedException(
                    $"The .xlsx file has {entries:N0} archive entries; a workbook has a few dozen at most (limit {ImportLimits.MaxZipEntries:N0}). Export the sheet as CSV (UTF-8).");
            }

            return;
        }

        throw new InvalidDataException("no end of central directory");
    }

    private static void CheckEntries(ZipArchive zip, ImportLimits limits)
    {
        if (zip.Entries.Count > ImportLimits.MaxZipEntries)
        {
            throw new ImportRejectedException($"The .xlsx file has {zip.Entries.Count:N0} archive entries (limit {ImportLimits.MaxZipEntries:N0}).");
        }

        long total = 0;
        foreach (var entry in zip.Entries)
        {
            total += entry.Length;
            if (entry.Length > ImportLimits.RatioFreeBytes && entry.Length / Math.Max(1, entry.CompressedLength) > ImportLimits.MaxCompressionRatio)
            {
                throw new ImportRejectedException(
                    $"The .xlsx part {entry.FullName} expands {entry.Length / Math.Max(1, entry.CompressedLength):N0} times ({entry.CompressedLength:N0} bytes to {entry.Length:N0}); " +
                    $"a workbook compresses at most about {ImportLimits.MaxCompressionRatio} times, so this looks like a zip bomb.");
            }

            if (total > limits.MaxUncompressedBytes)
            {
                throw new ImportRejectedException(
                    $"The .xlsx file expands to more than {limits.MaxUncompressedBytes / 1024 / 1024:N0} MB of XML ({ImportLimits.UncompressedPerUploadByte} times the upload limit, Dashboard:Import:MaxUploadMegabytes). Export the sheet as CSV (UTF-8).");
            }
        }
    }

    /// <summary>Opens a part for reading, with its declared size as a hard cap on what it may inflate to.</summary>
    private static XmlReader Open(ZipArchiveEntry entry, long maxBytes, InflateBudget budget)
    {
        if (entry.Length > maxBytes)
        {
            throw new ImportRejectedException($"The .xlsx part {entry.FullName} is {entry.Length / 1024.0 / 1024.0:N1} MB uncompressed; at most {maxBytes / 1024 / 1024:N0} MB is read.");
        }

        var stream = new InflateGuard(entry.Open(), entry.FullName, Math.Min(entry.Length, maxBytes), budget);
        return XmlReader.Create(stream, new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        });
    }

    /// <summary>Where the parts of the workbook are: the first sheet, the shared strings and the styles.</summary>
    private sealed record Workbook(ZipArchiveEntry Sheet, ZipArchiveEntry? SharedStrings, ZipArchiveEntry? Styles, bool Date1904)
    {
        public static Workbook Locate(ZipArchive zip, InflateBudget budget, CancellationToken ct)
        {
            var bookPath = Relationships(zip, "_rels/.rels", "", budget, ct)
                .FirstOrDefault(r => r.Type.EndsWith("/officeDocument", StringComparison.Ordinal)).Target ?? "xl/workbook.xml";
            var book = Find(zip, bookPath) ?? throw new InvalidDataException("no workbook part");
            var folder = bookPath.Contains('/', StringComparison.Ordinal) ? bookPath[..(bookPath.LastIndexOf('/') + 1)] : "";
            string? firstSheetId = null;
            var date1904 = false;
            using (var xml = Open(book, ImportLimits.MaxSmallPartBytes, budget))
            {
                while (xml.Read())
                {
                    ct.ThrowIfCancellationRequested();
                    if (xml.NodeType != XmlNodeType.Element || !IsMain(xml.NamespaceURI))
                    {
                        continue;
                    }

                    if (xml.LocalName == "workbookPr")
                    {
                        date1904 = xml.GetAttribute("date1904") is "1" or "true";
                    }
                    else if (xml.LocalName == "sheet")
                    {
                        firstSheetId = xml.GetAttribute("id", RelNs) ?? xml.GetAttribute("id", StrictRelNs);
                        break;
                    }
                }
            }

            var rels = Relationships(zip, folder + "_rels/" + bookPath[folder.Length..] + ".rels", folder, budget, ct);
            var sheetPath = rels.FirstOrDefault(r => r.Id == firstSheetId).Target;
            var sheet = (sheetPath is null ? null : Find(zip, sheetPath)) ?? throw new ImportRejectedException("The .xlsx file has no worksheet. Save it again, or export the sheet as CSV (UTF-8).");
            var shared = rels.FirstOrDefault(r => r.Type.EndsWith("/sharedStrings", StringComparison.Ordinal)).Target is { } s ? Find(zip, s) : Find(zip, folder + "sharedStrings.xml");
            var styles = rels.FirstOrDefault(r => r.Type.EndsWith("/styles", StringComparison.Ordinal)).Target is { } t ? Find(zip, t) : Find(zip, folder + "styles.xml");
            return new Workbook(sheet, shared, styles, date1904);
        }

        private static ZipArchiveEntry? Find(ZipArchive zip, string path)
        {
            path = path.TrimStart('/');
            return zip.GetEntry(path) ?? zip.Entries.FirstOrDefault(e => string.Equals(e.FullName, path, StringComparison.OrdinalIgnoreCase));
        }

        private static List<(string Id, string Type, string Target)> Relationships(ZipArchive zip, string path, string folder, InflateBudget budget, CancellationToken ct)
        {
            var list = new List<(string, string, string)>();
            if (Find(zip, path) is not { } entry)
            {
                return list;
            }

            using var xml = Open(entry, ImportLimits.MaxSmallPartBytes, budget);
            while (xml.Read())
            {
                ct.ThrowIfCancellationRequested();
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "Relationship" && xml.GetAttribute("Target") is { } target && list.Count < ImportLimits.MaxZipEntries)
                {
                    list.Add((xml.GetAttribute("Id") ?? "", xml.GetAttribute("Type") ?? "", Resolve(folder, target)));
                }
            }

            return list;
        }

        private static string Resolve(string folder, string target)
        {
            if (target.StartsWith('/'))
            {
                return target.TrimStart('/');
            }

            var parts = (folder + target).Split('/').ToList();
            for (var i = 0; i < parts.Count; i++)
            {
                if (parts[i] == ".." && i > 0)
                {
                    parts.RemoveRange(i - 1, 2);
                    i -= 2;
                }
                else if (parts[i] is "." or "..")
                {
                    parts.RemoveAt(i--);
                }
            }

            return string.Join('/', parts);
        }
    }

    /// <summary>The shared strings, held in memory while the sheet is read; the part's size bounds them.</summary>
    private static List<string> ReadSharedStrings(ZipArchiveEntry entry, InflateBudget budget, CancellationToken ct)
    {
        var strings = new List<string>();
        using var xml = Open(entry, ImportLimits.MaxSharedStringsBytes, budget);
        var text = new StringBuilder();
        var chunk = new char[4096];
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "si" || !IsMain(xml.NamespaceURI))
            {
                continue;
            }

            if ((strings.Count & 1023) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            text.Clear();
            ReadRichText(xml, text, chunk, () => $"shared string {strings.Count + 1:N0}");
            strings.Add(text.ToString());
        }

        return strings;
    }

    /// <summary>
    /// Reads the text of an <c>si</c> or <c>is</c> element: its <c>t</c> elements, also inside rich-text runs, but not the
    /// phonetic hints (<c>rPh</c>). Text is read in chunks so one giant element is refused before it is held.
    /// </summary>
    private static void ReadRichText(XmlReader xml, StringBuilder text, char[] chunk, Func<string> where)
    {
        if (xml.IsEmptyElement)
        {
            return;
        }

        var depth = xml.Depth;
        var phonetic = -1;
        var inText = false;
        while (xml.Read() && xml.Depth > depth)
        {
            if (xml.NodeType == XmlNodeType.Element)
            {
                if (xml.LocalName == "rPh" && phonetic < 0 && !xml.IsEmptyElement)
                {
                    phonetic = xml.Depth;
                }

                inText = xml.LocalName == "t" && phonetic < 0 && !xml.IsEmptyElement;
            }
            else if (xml.NodeType == XmlNodeType.EndElement)
            {
                inText = false;
                if (xml.Depth == phonetic)
                {
                    phonetic = -1;
                }
            }
            else if (inText && xml.NodeType is XmlNodeType.Text or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace or XmlNodeType.CDATA)
            {
                int n;
                while ((n = xml.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                {
                    text.Append(chunk, 0, n);
                    if (text.Length > CsvSource.MaxFieldLength)
                    {
                        throw new ImportRejectedException($"The .xlsx file's {where()} is longer than {CsvSource.MaxFieldLength:N0} characters.");
                    }
                }
            }
        }
    }

    /// <summary>The cell style indexes (position in <c>cellXfs</c>) whose number format is a date or time.</summary>
    private static HashSet<int> ReadDateStyles(ZipArchiveEntry entry, InflateBudget budget, CancellationToken ct)
    {
        var custom = new Dictionary<int, string>();
        var dates = new HashSet<int>();
        using var xml = Open(entry, ImportLimits.MaxSmallPartBytes, budget);
        var inCellXfs = false;
        var index = 0;
        while (xml.Read())
        {
            ct.ThrowIfCancellationRequested();
            if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "cellXfs")
            {
                break;
            }

            if (xml.NodeType != XmlNodeType.Element || !IsMain(xml.NamespaceURI))
            {
                continue;
            }

            if (xml.LocalName == "numFmt" && int.TryParse(xml.GetAttribute("numFmtId"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
            {
                custom[id] = xml.GetAttribute("formatCode") ?? "";
            }
            else if (xml.LocalName == "cellXfs")
            {
                inCellXfs = !xml.IsEmptyElement;
            }
            else if (inCellXfs && xml.LocalName == "xf" && xml.Depth > 0)
            {
                if (int.TryParse(xml.GetAttribute("numFmtId"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var fmt) && IsDateFormat(fmt, custom))
                {
                    dates.Add(index);
                }

                index++;
            }
        }

        return dates;
    }

    private static bool IsDateFormat(int id, Dictionary<int, string> custom)
    {
        if (custom.TryGetValue(id, out var code))
        {
            return IsDateCode(code);
        }

        return id is (>= 14 and <= 22) or (>= 27 and <= 36) or (>= 45 and <= 47) or (>= 50 and <= 58);
    }

    /// <summary>A format code shows a date or time when, outside quoted text, escapes and [colour] brackets, it has y, m, d, h or s.</summary>
    private static bool IsDateCode(string code)
    {
        var quoted = false;
        var bracket = false;
        for (var i = 0; i < code.Length; i++)
        {
            var ch = code[i];
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (quoted)
            {
                continue;
            }
            else if (ch == '\\' || ch == '_' || ch == '*')
            {
                i++;
            }
            else if (ch == '[')
            {
                bracket = true;
            }
            else if (ch == ']')
            {
                bracket = false;
            }
            else if (!bracket && "yYmMdDhHsS".Contains(ch, StringComparison.Ordinal))
            {
                return true;
            }
            else if (ch == ';')
            {
                // Only the first section (positive numbers) decides.
                return false;
            }
        }

        return false;
    }

    /// <summary>Streams the sheet's rows into CSV: one line per sheet row, so a CSV line number is the sheet's row number.</summary>
    private static void WriteSheet(ZipArchiveEntry entry, InflateBudget budget, List<string> strings, HashSet<int> dates, bool date1904, StreamWriter writer, CancellationToken ct)
    {
        using var xml = Open(entry, long.MaxValue, budget);
        var cells = new List<string>();
        var text = new StringBuilder();
        var chunk = new char[4096];
        var lastRow = 0;
        var headerWidth = -1;
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "row" || !IsMain(xml.NamespaceURI))
            {
                continue;
            }

            var rowNumber = xml.GetAttribute("r") is { } r ? ParseRowNumber(r) : lastRow + 1;
            if (rowNumber <= lastRow)
            {
                throw new ImportRejectedException($"The .xlsx sheet lists row {rowNumber:N0} after row {lastRow:N0}; rows must be in order. Save the file again in Excel.");
            }

            if ((rowNumber & 1023) == 0 || rowNumber - lastRow > 1024)
            {
                ct.ThrowIfCancellationRequested();
            }

            // Rows the sheet skips are empty lines (the CSV reader skips them), at most a million bytes in all.
            for (var gap = lastRow + 1; gap < rowNumber; gap++)
            {
                writer.Write('\n');
            }

            lastRow = rowNumber;
            cells.Clear();
            ReadRow(xml, rowNumber, cells, text, chunk, strings, dates, date1904);
            var width = cells.Count;
            while (width > 0 && cells[width - 1].Length == 0)
            {
                width--;
            }

            if (width == 0)
            {
                writer.Write('\n');
                continue;
            }

            if (headerWidth < 0)
            {
                headerWidth = width;
                var headerLength = cells.Take(width).Sum(c => c.Length + 1);
                if (headerLength > ImportLimits.MaxHeaderLength)
                {
                    throw new ImportRejectedException($"The .xlsx header row (row {rowNumber:N0}) is {headerLength:N0} characters long; at most {ImportLimits.MaxHeaderLength:N0} are read.");
                }
            }

            // Every row is as wide as the header, so an empty trailing cell is an empty field, not a missing one.
            width = Math.Max(width, headerWidth);
            for (var c = 0; c < width; c++)
            {
                if (c > 0)
                {
                    writer.Write(',');
                }

                WriteField(writer, c < cells.Count ? cells[c] : "");
            }

            writer.Write('\n');
        }
    }

    private static void ReadRow(XmlReader xml, int rowNumber, List<string> cells, StringBuilder text, char[] chunk, List<string> strings, HashSet<int> dates, bool date1904)
    {
        if (xml.IsEmptyElement)
        {
            return;
        }

        var depth = xml.Depth;
        var lastColumn = 0;
        while (xml.Read() && xml.Depth > depth)
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "c" || !IsMain(xml.NamespaceURI))
            {
                continue;
            }

            var reference = xml.GetAttribute("r");
            var column = reference is null ? lastColumn + 1 : ParseColumn(reference, rowNumber);
            if (column <= lastColumn)
            {
                throw new ImportRejectedException($"The .xlsx sheet has cell {reference} out of order in row {rowNumber:N0}. Save the file again in Excel.");
            }

            lastColumn = column;
            var type = xml.GetAttribute("t");
            var style = int.TryParse(xml.GetAttribute("s"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : 0;
            var value = ReadCell(xml, type, style, text, chunk, strings, dates, date1904, () => reference ?? $"{ColumnName(column)}{rowNumber}");
            if (value.Length == 0)
            {
                continue;
            }

            if (column > ImportLimits.MaxColumns)
            {
                throw new ImportRejectedException(
                    $"The .xlsx sheet has a value in cell {ColumnName(column)}{rowNumber} (row {rowNumber:N0}, column {column:N0}); at most {ImportLimits.MaxColumns:N0} columns are read.");
            }

            while (cells.Count < column - 1)
            {
                cells.Add("");
            }

            cells.Add(value);
        }
    }

    private static string ReadCell(XmlReader xml, string? type, int style, StringBuilder text, char[] chunk, List<string> strings, HashSet<int> dates, bool date1904, Func<string> reference)
    {
        if (xml.IsEmptyElement)
        {
            return "";
        }

        var depth = xml.Depth;
        string? raw = null;
        text.Clear();
        var inline = false;
        while (xml.Read() && xml.Depth > depth)
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (xml.LocalName == "v")
            {
                text.Clear();
                AppendBounded(xml, text, chunk, reference);
                raw = text.ToString();
            }
            else if (xml.LocalName == "is")
            {
                text.Clear();
                ReadRichText(xml, text, chunk, () => $"cell {reference()}");
                raw = text.ToString();
                inline = true;
            }

            // A formula (f) is never evaluated: only its cached value (v) counts.
        }

        if (raw is null)
        {
            return "";
        }

        switch (type)
        {
            case "s":
                if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) || i < 0 || i >= strings.Count)
                {
                    throw new ImportRejectedException($"The .xlsx cell {reference()} refers to shared string {Short(raw)}, which the workbook does not have.");
                }

                return strings[i];
            case "inlineStr" or "str":
                return raw;
            case "b":
                return raw is "1" or "true" ? "true" : "false";
            case "e":
                return "";
            case "d":
                return DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var iso) ? DateText(iso) : raw;
            default:
                if (inline)
                {
                    return raw;
                }

                if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    return raw;
                }

                if (dates.Contains(style) && number is >= 0 and < 2958466)
                {
                    var day = DateTime.FromOADate(number + (date1904 ? 1462 : 0)).AddTicks(TimeSpan.TicksPerSecond / 2);
                    return DateText(new DateTime(day.Ticks - (day.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Unspecified));
                }

                return number.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static void AppendBounded(XmlReader xml, StringBuilder text, char[] chunk, Func<string> reference)
    {
        if (xml.IsEmptyElement)
        {
            return;
        }

        var depth = xml.Depth;
        while (xml.Read() && xml.Depth > depth)
        {
            if (xml.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                int n;
                while ((n = xml.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                {
                    text.Append(chunk, 0, n);
                    if (text.Length > CsvSource.MaxFieldLength)
                    {
                        throw new ImportRejectedException($"The .xlsx cell {reference()} is longer than {CsvSource.MaxFieldLength:N0} characters.");
                    }
                }
            }
        }
    }

    private static string DateText(DateTime d) =>
        d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static void WriteField(StreamWriter writer, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(value);
            return;
        }

        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    /// <summary>A row number (the <c>r</c> of a <c>row</c>), refused past Excel's last row.</summary>
    private static int ParseRowNumber(string text)
    {
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var row) || row < 1)
        {
            throw new ImportRejectedException($"The .xlsx sheet has a row numbered '{Short(text)}', which is not a row number.");
        }

        if (row > ImportLimits.MaxSheetRow)
        {
            throw new ImportRejectedException($"The .xlsx sheet has row {row:N0}; Excel's last row is {ImportLimits.MaxSheetRow:N0}, so this is not a sheet Excel wrote.");
        }

        return (int)row;
    }

    /// <summary>The column of a cell reference such as <c>AB12</c>, refused past XFD or Excel's last row.</summary>
    private static int ParseColumn(string reference, int rowNumber)
    {
        long column = 0;
        var i = 0;
        for (; i < reference.Length && char.IsAsciiLetter(reference[i]); i++)
        {
            column = (column * 26) + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
            if (column > ImportLimits.MaxSheetColumn)
            {
                throw new ImportRejectedException(
                    $"The .xlsx sheet has cell {Short(reference)} in row {rowNumber:N0}, past Excel's last column XFD ({ImportLimits.MaxSheetColumn:N0}), so this is not a sheet Excel wrote.");
            }
        }

        if (i == 0 || i == reference.Length || !long.TryParse(reference.AsSpan(i), NumberStyles.None, CultureInfo.InvariantCulture, out var row) || row < 1)
        {
            throw new ImportRejectedException($"The .xlsx sheet has a cell reference '{Short(reference)}' in row {rowNumber:N0}, which is not a cell reference.");
        }

        if (row > ImportLimits.MaxSheetRow)
        {
            throw new ImportRejectedException($"The .xlsx sheet has cell {Short(reference)}; Excel's last row is {ImportLimits.MaxSheetRow:N0}, so this is not a sheet Excel wrote.");
        }

        return (int)column;
    }

    /// <summary>A column's letters: 1 is A, 16,384 is XFD.</summary>
    public static string ColumnName(int column)
    {
        var name = "";
        for (; column > 0; column = (column - 1) / 26)
        {
            name = (char)('A' + ((column - 1) % 26)) + name;
        }

        return name;
    }

    private static string Short(string s) => s.Length > 20 ? s[..20] + "…" : s;

    /// <summary>What all parts together may still inflate to.</summary>
    private sealed class InflateBudget(long bytes)
    {
        public long Remaining { get; set; } = bytes;
    }

    /// <summary>
    /// Counts what a part inflates to and stops it at its declared size (a zip header can lie) and at the archive's
    /// remaining budget.
    /// </summary>
    private sealed class InflateGuard(Stream inner, string name, long declared, InflateBudget budget) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            _read += n;
            budget.Remaining -= n;
            if (_read > declared)
            {
                throw new ImportRejectedException($"The .xlsx part {name} inflates to more than the {declared:N0} bytes its zip header declares (a damaged or crafted file).");
            }

            if (budget.Remaining < 0)
            {
                throw new ImportRejectedException("The .xlsx file expands to more XML than the upload limit allows (Dashboard:Import:MaxUploadMegabytes).");
            }

            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>Stops the converted CSV at the upload limit: a sheet never becomes a larger file than could be uploaded as CSV.</summary>
    private sealed class CountingStream(Stream inner, long maxBytes) : Stream
    {
        private long _written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _written;

        public override long Position { get => _written; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _written += buffer.Length;
            if (_written > maxBytes)
            {
                throw new ImportRejectedException(
                    $"The .xlsx sheet converts to more than {maxBytes / 1024.0 / 1024.0:N0} MB of CSV, the upload limit (Dashboard:Import:MaxUploadMegabytes).");
            }

            inner.Write(buffer);
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
