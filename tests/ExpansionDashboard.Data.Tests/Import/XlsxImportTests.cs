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
