using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using ExpansionDashboard.Data.Import;

namespace ExpansionDashboard.TestKit;

/// <summary>
/// Builds the hostile uploads of the malformed-file corpus (Data.Tests' HostileFileTests, and the API's) in code, so no large binary is committed: zips are written
/// through <see cref="ZipArchive"/> from repeated chunks (a 90 MB part never exists in memory), and big CSVs are
/// <see cref="PatternStream"/>s whose bytes are computed from the position.
/// </summary>
public static class HostileFiles
{
    private const string ContentTypes = """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""";
    private const string RootRels = """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""";
    private const string WorkbookXml = """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""";
    private const string WorkbookRels = """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>""";
    private const string SheetStart = """<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""";
    private const string SheetEnd = "</sheetData></worksheet>";
    private const string HeaderRow = """<row r="1"><c r="A1" t="inlineStr"><is><t>account_id</t></is></c><c r="B1" t="inlineStr"><is><t>month</t></is></c><c r="C1" t="inlineStr"><is><t>product</t></is></c><c r="D1" t="inlineStr"><is><t>mrr</t></is></c></row>""";

    /// <summary>A workbook whose sheet is <paramref name="rows"/> (between sheetData tags); parts can be added or replaced.</summary>
    public static MemoryStream Workbook(string rows, Action<ZipArchive>? more = null, bool sharedStrings = false)
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            Text(zip, "[Content_Types].xml", ContentTypes);
            Text(zip, "_rels/.rels", RootRels);
            Text(zip, "xl/workbook.xml", WorkbookXml);
            Text(zip, "xl/_rels/workbook.xml.rels", WorkbookRels);
            if (rows.Length > 0)
            {
                Text(zip, "xl/worksheets/sheet1.xml", SheetStart + rows + SheetEnd);
            }

            if (sharedStrings)
            {
                Text(zip, "xl/sharedStrings.xml", """<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>x</t></si></sst>""");
            }

            more?.Invoke(zip);
        }

        ms.Position = 0;
        return ms;
    }

    public static void Text(ZipArchive zip, string name, string text)
    {
        using var w = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        w.Write(text);
    }

    /// <summary>An entry of <paramref name="head"/>, <paramref name="unit"/> × <paramref name="repeat"/> and <paramref name="tail"/>, streamed.</summary>
    public static void Repeated(ZipArchive zip, string name, string head, string unit, long repeat, string tail)
    {
        using var s = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        s.Write(Encoding.UTF8.GetBytes(head));
        var chunk = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(unit, 1024)));
        var one = Encoding.UTF8.GetBytes(unit);
        for (var i = 0L; i < repeat / 1024; i++)
        {
            s.Write(chunk);
        }

        for (var i = 0L; i < repeat % 1024; i++)
        {
            s.Write(one);
        }

        s.Write(Encoding.UTF8.GetBytes(tail));
    }

    /// <summary>One cell at column 300,000,000 (a 1.5 KB file that once grew the server to 22.5 GB).</summary>
    public static MemoryStream HugeColumn() => Workbook(HeaderRow + $"""<row r="2"><c r="{XlsxSource.ColumnName(300_000_000)}2"><v>1</v></c></row>""");

    /// <summary>A row at 2,000,000,000 (once grew a temporary CSV without limit).</summary>
    public static MemoryStream HugeRow() => Workbook(HeaderRow + """<row r="2000000000"><c r="A2000000000"><v>1</v></c></row>""");

    /// <summary>A cell whose own reference is one row past Excel's last, in a row without a number.</summary>
    public static MemoryStream CellPastLastRow() => Workbook(HeaderRow + """<row><c r="A1048577"><v>1</v></c></row>""");

    /// <summary>60 MB of one shared string, compressed to some 60 KB (once reached 3.4 GB).</summary>
    public static MemoryStream SharedStringsBomb() => Workbook(HeaderRow, zip => Repeated(zip, "xl/sharedStrings.xml",
        """<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>""", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 1_000_000, "</t></si></sst>"));

    /// <summary>Two million identical rows, about 90 MB of XML in a file of a few hundred kilobytes (once took 39 s and 3 GB).</summary>
    public static MemoryStream SheetBomb()
    {
        var ms = Workbook("", zip => Repeated(zip, "xl/worksheets/sheet1.xml", SheetStart + HeaderRow,
            """<row><c t="inlineStr"><is><t>A1</t></is></c><c t="inlineStr"><is><t>2026-10</t></is></c><c><v>1</v></c></row>""", 2_000_000, SheetEnd));
        return ms;
    }

    /// <summary>Rows of distinct numbers: compresses like a real sheet, but converts to more CSV than <paramref name="csvBytes"/>.</summary>
    public static MemoryStream SheetLargerThanLimit(long csvBytes)
    {
        var rows = new StringBuilder(HeaderRow);
        var random = new Random(7);
        while (rows.Length < csvBytes * 4)
        {
            rows.Append("<row>");
            for (var c = 0; c < 4; c++)
            {
                rows.Append("<c><v>").Append(random.Next(1_000_000_000, int.MaxValue)).Append("</v></c>");
            }

            rows.Append("</row>");
        }

        return Workbook(rows.ToString());
    }

    /// <summary>A valid workbook plus thousands of empty entries (a huge central directory).</summary>
    public static MemoryStream ManyEntries(int entries) => Workbook(HeaderRow, zip =>
    {
        for (var i = 0; i < entries; i++)
        {
            zip.CreateEntry($"junk/{i}.bin", CompressionLevel.NoCompression);
        }
    });

    /// <summary>A value at column 1,001 (ALM).</summary>
    public static MemoryStream TooManyColumns() => Workbook(HeaderRow + $"""<row r="2"><c r="A2" t="inlineStr"><is><t>A1</t></is></c><c r="{XlsxSource.ColumnName(1_001)}2"><v>1</v></c></row>""");

    /// <summary>A header row of 100 cells of 1,000 characters each.</summary>
    public static MemoryStream LongHeader() => Workbook("<row r=\"1\">" + string.Concat(Enumerable.Range(1, 100).Select(c =>
        $"""<c r="{XlsxSource.ColumnName(c)}1" t="inlineStr"><is><t>{new string('h', 1_000)}</t></is></c>""")) + "</row>");

    /// <summary>A "billion laughs" entity bomb in the sheet XML: DTDs are refused outright.</summary>
    public static MemoryStream EntityBomb() => Workbook("", zip => Text(zip, "xl/worksheets/sheet1.xml",
        """<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"""));

    /// <summary>
    /// A sheet part whose zip headers declare 1,000 bytes while it inflates to 20 MB: the declared size passes every check
    /// made before reading, so the reader must stop at it.
    /// </summary>
    public static MemoryStream LyingSizes()
    {
        var ms = Workbook("", zip => Repeated(zip, "xl/worksheets/sheet1.xml", SheetStart + HeaderRow,
            """<row><c t="inlineStr"><is><t>A1</t></is></c><c t="inlineStr"><is><t>2026-10</t></is></c><c><v>1</v></c></row>""", 200_000, SheetEnd));
        var bytes = ms.ToArray();
        var name = Encoding.ASCII.GetBytes("xl/worksheets/sheet1.xml");
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i));
            if (signature == 0x04034b50 && bytes.AsSpan(i + 30, name.Length).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 22), 1_000);
            }
            else if (signature == 0x02014b50 && bytes.AsSpan(i + 46, Math.Min(name.Length, bytes.Length - i - 46)).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 24), 1_000);
            }
        }

        return new MemoryStream(bytes);
    }

    /// <summary>A sheet with a header and one data row at Excel's last row (its mrr not a number): the gap must stay cheap.</summary>
    public static MemoryStream LastRowOnly() => Workbook(HeaderRow +
        """<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>A1</t></is></c><c r="B1048576" t="inlineStr"><is><t>2026-10</t></is></c><c r="C1048576" t="inlineStr"><is><t>Core</t></is></c><c r="D1048576" t="inlineStr"><is><t>five</t></is></c></row>""");

    /// <summary>A valid MRR header and a data line of <paramref name="fields"/> fields (once a 2.7 GB peak).</summary>
    public static PatternStream ManyFields(long fields) => new(
        "account_id,month,product,mrr\nA1,2026-10,Core,10"u8.ToArray(), ",x"u8.ToArray(), fields, "\n"u8.ToArray());

    /// <summary>A header of <paramref name="bytes"/> letters with no delimiter and no line break (once an unhandled 500).</summary>
    public static PatternStream HeaderWithoutDelimiter(long bytes) => new([], "a"u8.ToArray(), bytes, []);

    /// <summary>A header line of <paramref name="columns"/> distinct columns.</summary>
    public static MemoryStream WideHeader(int columns) =>
        new(Encoding.UTF8.GetBytes("account_id,month,product,mrr," + string.Join(',', Enumerable.Range(1, columns).Select(c => $"extra{c}")) + "\nA1,2026-10,Core,10\n"));
}

/// <summary>
/// A read-only, seekable stream of <c>head + unit × repeat + tail</c>, computed from the position: a 100 MB upload without
/// 100 MB of memory or disk.
/// </summary>
public sealed class PatternStream(byte[] head, byte[] unit, long repeat, byte[] tail) : Stream
{
    private readonly long _body = unit.LongLength * repeat;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => head.Length + _body + tail.Length;

    public override long Position { get; set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = 0;
        while (n < buffer.Length && Position < Length)
        {
            var p = Position;
            buffer[n++] = p < head.Length ? head[p] : p < head.Length + _body ? unit[(p - head.Length) % unit.Length] : tail[p - head.Length - _body];
            Position++;
        }

        return n;
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => Position + offset,
        _ => Length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
