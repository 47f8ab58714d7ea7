using System.IO.Compression;
using System.Security;
using System.Text;
using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Metrics.Model;
using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Data.Tests.Import;

[Trait(Lanes.Category, Lanes.Store)]
public class XlsxImportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A minimal .xlsx (one sheet, inline strings and numbers), written by hand so tests need no spreadsheet library.</summary>
    internal static MemoryStream Workbook(params object[][] rows)
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string xml)
            {
                using var w = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                w.Write(xml);
            }

            Add("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
            Add("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Add("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Add("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            var sheet = new StringBuilder("""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
            for (var r = 0; r < rows.Length; r++)
            {
                sheet.Append($"<row r=\"{r + 1}\">");
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var cell = $"{(char)('A' + c)}{r + 1}";
                    sheet.Append(rows[r][c] switch
                    {
                        decimal d => $"<c r=\"{cell}\"><v>{d.ToString(System.Globalization.CultureInfo.InvariantCulture)}</v></c>",
                        var v => $"<c r=\"{cell}\" t=\"inlineStr\"><is><t>{SecurityElement.Escape(v.ToString())}</t></is></c>",
                    });
                }

                sheet.Append("</row>");
            }

            sheet.Append("</sheetData></worksheet>");
            Add("xl/worksheets/sheet1.xml", sheet.ToString());
        }

        ms.Position = 0;
        return ms;
    }

    [Fact]
    public async Task Commit_XlsxMrr_ImportsLikeCsv()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        using var book = Workbook(
            ["account_id", "month", "product", "mrr"],
            ["A1", "2026-10", "Core", 1234.5m],
            ["A2", "2026-10", "Core", 99m]);

        var outcome = await ctx.Service.CommitAsync(ImportKind.Mrr, book, "export.xlsx", "tester", ct: Ct);

        Assert.Equal(2, outcome.Inserted);
        await using var db = ctx.Db.CreateDbContext();
        Assert.Equal(1234.5m, await db.RevenueLines.Where(r => r.Month == new Month(2026, 10) && r.AccountId == 1).Select(r => r.Mrr).SingleAsync(Ct));
    }

    [Fact]
    public async Task Preview_XlsxWithBadCellAndFormulaText_ReportsLineColumnAndKeepsText()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        using var book = Workbook(
            ["account_id", "name", "segment"],
            ["X1", "=HYPERLINK(\"http://evil\")", "SMB"]);

        var preview = await ctx.Service.PreviewAsync(ImportKind.Accounts, book, "accounts.xlsx", null, Ct);

        Assert.True(preview.CanCommit);
        Assert.Contains(preview.Warnings, w => w.Line == 2 && w.Column == "name");
    }

    /// <summary>
    /// A workbook shaped the way Excel writes one: shared strings (one with rich-text runs and a phonetic hint), a styles
    /// part whose date formats turn serial numbers into dates, a formula with its cached value, a skipped cell and a
    /// skipped row.
    /// </summary>
    [Fact]
    public async Task Commit_ExcelShapedWorkbook_SharedStringsDatesFormulasAndGapsReadAsExcelShowsThem()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string xml)
            {
                using var w = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                w.Write(xml);
            }

            Add("_rels/.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Add("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr/><sheets><sheet name="Invoices" sheetId="1" r:id="rId1"/><sheet name="Other" sheetId="2" r:id="rId2"/></sheets></workbook>""");
            Add("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>""");
            Add("xl/styles.xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></numFmts><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/><xf numFmtId="4" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>""");
            Add("xl/sharedStrings.xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="7" uniqueCount="7"><si><t>account_id</t></si><si><t>product</t></si><si><t>service_start</t></si><si><t>service_end</t></si><si><t>amount</t></si><si><r><rPr><b/></rPr><t>A</t></r><r><t>1</t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></si><si><t xml:space="preserve"> Core </t></si></sst>""");
            Add("xl/worksheets/sheet2.xml", """<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>not this sheet</t></is></c></row></sheetData></worksheet>""");
            Add("xl/worksheets/sheet1.xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:E4"/><sheetData><row r="1" spans="1:5"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row><row r="3"><c r="A3" t="s"><v>5</v></c><c r="B3" t="s"><v>6</v></c><c r="C3" s="1"><v>46296</v></c><c r="D3" s="2"><v>46327</v></c><c r="E3" s="3"><f>100+20.5</f><v>120.5</v></c></row><row r="4"><c r="A4" t="s"><v>5</v></c><c r="C4" s="1"><v>46327</v></c><c r="D4" s="1"><v>46357</v></c><c r="E4"><v>80</v></c></row></sheetData></worksheet>""");
        }

        ms.Position = 0;

        var preview = await ctx.Service.PreviewAsync(ImportKind.InvoiceLines, ms, "excel.xlsx", null, Ct);

        Assert.True(preview.CanCommit, string.Join("; ", preview.Errors));
        Assert.Equal(["account_id", "product", "service_start", "service_end", "amount"], preview.Headers);
        Assert.Equal(2, preview.RowsRead);
        Assert.Equal("A1", preview.FirstRows[0]["account_id"]);
        Assert.Equal("Core", preview.FirstRows[0]["product"]);
        Assert.Equal("2026-10-01", preview.FirstRows[0]["service_start"]);
        Assert.Equal("2026-11-01", preview.FirstRows[0]["service_end"]);
        Assert.Equal("120.5", preview.FirstRows[0]["amount"]);
        Assert.Equal("", preview.FirstRows[1]["product"]);
        Assert.Equal("2026-12-01", preview.FirstRows[1]["service_end"]);
    }

    [Fact]
    public async Task Preview_StrictOpenXmlWorkbook_ReadLikeTransitional()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        using var transitional = Workbook(["account_id", "name"], ["S1", "Strict Co"]);
        var strict = new MemoryStream();
        using (var source = new ZipArchive(transitional, ZipArchiveMode.Read, leaveOpen: true))
        using (var target = new ZipArchive(strict, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var reader = new StreamReader(entry.Open());
                var xml = reader.ReadToEnd()
                    .Replace("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main", StringComparison.Ordinal)
                    .Replace("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "http://purl.oclc.org/ooxml/officeDocument/relationships", StringComparison.Ordinal);
                using var w = new StreamWriter(target.CreateEntry(entry.FullName).Open(), new UTF8Encoding(false));
                w.Write(xml);
            }
        }

        strict.Position = 0;

        var preview = await ctx.Service.PreviewAsync(ImportKind.Accounts, strict, "strict.xlsx", null, Ct);

        Assert.True(preview.CanCommit, string.Join("; ", preview.Errors));
        Assert.Equal("Strict Co", preview.FirstRows[0]["name"]);
    }

    [Fact]
    public async Task Preview_DamagedXlsx_ClearFileErrorAndNothingWritten()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        var checksum = await ctx.ChecksumAsync();
        using var damaged = new MemoryStream([(byte)'P', (byte)'K', 3, 4, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

        var preview = await ctx.Service.PreviewAsync(ImportKind.Mrr, damaged, "broken.xlsx", null, Ct);

        Assert.False(preview.CanCommit);
        Assert.Contains(".xlsx", preview.Errors.Single().Reason, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ImportRejectedException>(() => ctx.Service.CommitAsync(ImportKind.Mrr, damaged, "broken.xlsx", "tester", ct: Ct));
        Assert.Equal(checksum, await ctx.ChecksumAsync());
    }
}
