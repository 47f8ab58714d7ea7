using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ExpansionDashboard.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExpansionDashboard.Web.Tests.Api;

/// <summary>
/// POST /api/imports/{kind} against hostile bodies: every refusal is problem+json with a reason, comes within seconds and
/// writes nothing; only file content types are read as files.
/// </summary>
[Trait(Lanes.Category, Lanes.Host)]
public sealed class ImportApiHostileTests : IAsyncLifetime
{
    private const string Key = "import-api-hostile-key-0123456789abcdef";
    private readonly DashboardAppFactory _app = new(new Dictionary<string, string?>
    {
        ["Dashboard:BootstrapApiKey"] = Key,
        ["Dashboard:Import:MaxUploadMegabytes"] = "48",
    });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Startup_RemovesSpoolFilesACrashLeftBehind()
    {
        Directory.CreateDirectory(Data.Import.ImportTempFiles.Folder);
        var leftover = Path.Combine(Data.Import.ImportTempFiles.Folder, $"ed-upload-crashed-{Guid.NewGuid():N}.tmp");
        await File.WriteAllTextAsync(leftover, "rows of a crashed upload", Ct);

        // The first client starts the host, and start-up empties the folder.
        using var client = _app.CreateApiClient(Key);

        Assert.False(File.Exists(leftover));
    }

    [Fact]
    public async Task Post_JsonBody_415ProblemJsonAndNothingRead()
    {
        using var client = _app.CreateApiClient(Key);

        var response = await client.PostAsync("/api/imports/accounts", new StringContent("""{"account_id":"A1"}""", Encoding.UTF8, "application/json"), Ct);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "text/csv");
        Assert.Equal(0, await CountRowsAsync());
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    public async Task Post_NonFileContentType_415(string contentType)
    {
        using var client = _app.CreateApiClient(Key);

        var response = await client.PostAsync("/api/imports/accounts", new StringContent("account_id,name\nA1,Alpha\n", Encoding.UTF8, contentType), Ct);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, contentType);
        Assert.Equal(0, await CountRowsAsync());
    }

    [Theory]
    [InlineData("application/octet-stream")]
    [InlineData("text/csv; charset=utf-8")]
    [InlineData("text/plain")] // what curl and PowerShell send by default; taken from an API key only
    public async Task Post_FileContentType_IsRead(string contentType)
    {
        using var client = _app.CreateApiClient(Key);
        using var body = new ByteArrayContent(Encoding.UTF8.GetBytes("account_id,name\nA1,Alpha\n"));
        body.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        var response = await client.PostAsync("/api/imports/accounts", body, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_MultipartWithoutBoundary_400NamingTheBoundary()
    {
        using var client = _app.CreateApiClient(Key);
        using var body = new ByteArrayContent(Encoding.UTF8.GetBytes("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\naccount_id\r\n--x--\r\n"));
        body.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data");

        var response = await client.PostAsync("/api/imports/accounts", body, Ct);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "boundary");
    }

    [Fact]
    public async Task Post_MultipartXlsxFile_IsReadFromItsPart()
    {
        using var client = _app.CreateApiClient(Key);
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent("ignored"), "note");
        var file = new ByteArrayContent(Workbook("""<row r="1"><c r="A1" t="inlineStr"><is><t>account_id</t></is></c><c r="B1" t="inlineStr"><is><t>name</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>X1</t></is></c><c r="B2" t="inlineStr"><is><t>Xlsx Co</t></is></c></row>"""));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(file, "file", "accounts.xlsx");

        var response = await client.PostAsync("/api/imports/accounts", form, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("inserted").GetInt32());
    }

    public static TheoryData<string, string> HostileWorkbooks() => new()
    {
        { """<row r="2"><c r="YFLRYN2"><v>1</v></c></row>""", "XFD" },
        { """<row r="2000000000"><c r="A2000000000"><v>1</v></c></row>""", "1,048,576" },
        { """<row r="2"><c r="ALM2"><v>1</v></c></row>""", "1,000 columns" },
    };

    [Theory]
    [MemberData(nameof(HostileWorkbooks))]
    public async Task Post_HostileXlsx_400ProblemWithReasonWithinSecondsNothingWritten(string rows, string expected)
    {
        using var client = _app.CreateApiClient(Key);
        using var body = new ByteArrayContent(Workbook("""<row r="1"><c r="A1" t="inlineStr"><is><t>account_id</t></is></c></row>""" + rows));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var clock = Stopwatch.StartNew();

        var response = await client.PostAsync("/api/imports/accounts", body, Ct);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed.TotalSeconds:N1} s");
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, expected);
        Assert.Equal(0, await CountRowsAsync());
    }

    private static readonly Dictionary<string, (Func<Stream> Make, string ContentType, string Expected)> Bombs = new()
    {
        ["shared-strings bomb"] = (HostileFiles.SharedStringsBomb, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "zip bomb"),
        ["sheet bomb"] = (HostileFiles.SheetBomb, "application/octet-stream", "zip bomb"),
        ["5,000 archive entries"] = (() => HostileFiles.ManyEntries(5_000), "application/octet-stream", "archive entries"),
        ["part larger than declared"] = (HostileFiles.LyingSizes, "application/octet-stream", ".xlsx"),
        ["entity expansion"] = (HostileFiles.EntityBomb, "application/octet-stream", ".xlsx"),
        ["line of three million fields"] = (() => HostileFiles.ManyFields(3_000_000), "text/csv", "more than 1,000 fields"),
    };

    public static TheoryData<string> BombNames() => new(Bombs.Keys);

    [Theory]
    [MemberData(nameof(BombNames))]
    public async Task Post_HostileFile_400ProblemWithReasonWithinSecondsNothingWritten(string name)
    {
        var (make, contentType, expected) = Bombs[name];
        using var client = _app.CreateApiClient(Key);
        using var body = new StreamContent(make());
        body.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var clock = Stopwatch.StartNew();

        var response = await client.PostAsync("/api/imports/mrr?skipRejected=true", body, Ct);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{name} took {clock.Elapsed.TotalSeconds:N1} s");
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, expected);
        Assert.Equal(0, await CountRowsAsync());
    }

    [Fact]
    public async Task Post_30MbHeaderWithoutDelimiter_400NotA500()
    {
        using var client = _app.CreateApiClient(Key);
        using var body = new StreamContent(new RepeatedByteStream((byte)'a', 30L * 1024 * 1024));
        body.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var clock = Stopwatch.StartNew();

        var response = await client.PostAsync("/api/imports/mrr", body, Ct);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed.TotalSeconds:N1} s");
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "header row is longer than");
        Assert.Equal(0, await CountRowsAsync());
    }

    [Fact]
    public async Task Post_BadRows_RefusalIsProblemJsonWithErrors()
    {
        using var client = _app.CreateApiClient(Key);

        var response = await client.PostAsync("/api/imports/mrr", new StringContent("account_id,month,product,mrr\nA1,2026-13,Core,1\n", Encoding.UTF8, "text/csv"), Ct);

        var json = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "");
        Assert.Contains(json.GetProperty("errors").EnumerateArray(), e => e.GetProperty("line").GetInt32() == 2 && e.GetProperty("column").GetString() == "month");
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detailContains)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(text).RootElement;
        Assert.Contains(detailContains, json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        return json;
    }

    private async Task<int> CountRowsAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(Ct);
        return await db.Accounts.CountAsync(Ct) + await db.RevenueLines.CountAsync(Ct) + await db.ImportBatches.CountAsync(Ct);
    }

    private static byte[] Workbook(string rows)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string xml)
            {
                using var w = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                w.Write(xml);
            }

            Add("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Add("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Add("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            Add("xl/worksheets/sheet1.xml", """<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""" + rows + "</sheetData></worksheet>");
        }

        return ms.ToArray();
    }

    /// <summary>A long body of one byte, produced as it is read (no 30 MB buffer in the test).</summary>
    private sealed class RepeatedByteStream(byte value, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            buffer.AsSpan(offset, n).Fill(value);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
