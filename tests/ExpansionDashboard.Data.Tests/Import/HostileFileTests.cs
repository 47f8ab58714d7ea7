using System.Diagnostics;
using System.Text;
using ExpansionDashboard.Data.Import;
using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Data.Tests.Import;

/// <summary>Runs alone, so the process-wide allocation counter measures one import at a time.</summary>
[CollectionDefinition(nameof(HostileFilesRunAlone), DisableParallelization = true)]
public sealed class HostileFilesRunAlone;

/// <summary>
/// The hostile part of the malformed-file corpus (see <see cref="MalformedFileTests"/>): files built to exhaust memory,
/// disk or CPU. Each is refused with a reason, within seconds, allocating a bounded amount in all (so its peak is below
/// that), and the store is unchanged.
/// </summary>
[Trait(Lanes.Category, Lanes.Store)]
[Collection(nameof(HostileFilesRunAlone))]
public sealed class HostileFileTests
{
    /// <summary>What one hostile file may allocate in all, preview and commit together (the server's budget is 1 GB).</summary>
    private const long AllocationBudget = 160L * 1024 * 1024;

    private static readonly TimeSpan TimeBudget = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, (ImportKind Kind, Func<Stream> Make, string Expected)> Files = new()
    {
        ["xlsx cell at column 300,000,000"] = (ImportKind.Mrr, HostileFiles.HugeColumn, "past Excel's last column XFD"),
        ["xlsx row 2,000,000,000"] = (ImportKind.Mrr, HostileFiles.HugeRow, "Excel's last row is 1,048,576"),
        ["xlsx cell reference past row 1,048,576"] = (ImportKind.Mrr, HostileFiles.CellPastLastRow, "Excel's last row is 1,048,576"),
        ["xlsx shared-strings bomb"] = (ImportKind.Mrr, HostileFiles.SharedStringsBomb, "zip bomb"),
        ["xlsx sheet bomb (two million rows)"] = (ImportKind.Mrr, HostileFiles.SheetBomb, "zip bomb"),
        ["xlsx with 5,000 archive entries"] = (ImportKind.Mrr, () => HostileFiles.ManyEntries(5_000), "5,00"),
        ["xlsx value at column 1,001"] = (ImportKind.Mrr, HostileFiles.TooManyColumns, "at most 1,000 columns"),
        ["xlsx header of 100,000 characters"] = (ImportKind.Mrr, HostileFiles.LongHeader, "header row"),
        ["xlsx entity expansion (billion laughs)"] = (ImportKind.Mrr, HostileFiles.EntityBomb, "cannot be read"),
        ["xlsx part larger than its zip header declares"] = (ImportKind.Mrr, HostileFiles.LyingSizes, ".xlsx"),
        ["csv line of three million fields"] = (ImportKind.Mrr, () => HostileFiles.ManyFields(3_000_000), "more than 1,000 fields"),
        ["csv 100 MB header without delimiter"] = (ImportKind.Mrr, () => HostileFiles.HeaderWithoutDelimiter(100L * 1024 * 1024), "header row is longer than 65,536"),
        ["csv header of 1,500 columns"] = (ImportKind.Mrr, () => HostileFiles.WideHeader(1_500), "more than 1,000 fields"),
        ["csv duplicate headers mrr,MRR"] = (ImportKind.Mrr, () => ImportTestContext.Stream("account_id,month,product,mrr,MRR\nA1,2026-10,Core,10,20\n"), "Columns 4 (mrr) and 5 (MRR)"),
    };

    public static TheoryData<string> Names() => new(Files.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public async Task HostileFile_RefusedWithReasonWithinBudget_StoreUnchanged(string name)
    {
        var (kind, make, expected) = Files[name];
        await using var ctx = await ImportTestContext.CreateAsync();
        var before = await ctx.ChecksumAsync();
        await using var file = make();

        ImportPreview? preview = null;
        ImportRejectedException? refused = null;
        var (allocated, elapsed) = await MeasureAsync(async () =>
        {
            preview = await ctx.Service.PreviewAsync(kind, file, "hostile", null, Ct);
            refused = await Assert.ThrowsAsync<ImportRejectedException>(() => ctx.Service.CommitAsync(kind, file, "hostile", "tester", skipRejected: true, ct: Ct));
        });

        TestContext.Current.TestOutputHelper?.WriteLine($"{name}: {allocated / 1024.0 / 1024.0:N1} MB allocated, {elapsed.TotalMilliseconds:N0} ms: {refused?.Message}");
        Assert.False(preview!.CanCommit || preview.CanCommitSkippingRejected, name);
        var messages = string.Join("\n", preview.Errors.Select(e => e.ToString()));
        Assert.Contains(expected, messages, StringComparison.Ordinal);
        Assert.Contains(expected, refused!.Message, StringComparison.Ordinal);
        Assert.True(allocated < AllocationBudget, $"{name}: allocated {allocated / 1024 / 1024:N0} MB");
        Assert.True(elapsed < TimeBudget, $"{name}: took {elapsed.TotalSeconds:N1} s");
        Assert.Equal(before, await ctx.ChecksumAsync());
    }

    [Fact]
    public async Task Xlsx_OverUploadLimitAsCsv_RefusedNamingTheSetting()
    {
        await using var ctx = await ImportTestContext.CreateAsync(limits: new ImportLimits(1024 * 1024));
        var before = await ctx.ChecksumAsync();
        await using var file = HostileFiles.SheetLargerThanLimit(1024 * 1024);

        ImportPreview? preview = null;
        var (allocated, elapsed) = await MeasureAsync(async () => preview = await ctx.Service.PreviewAsync(ImportKind.Mrr, file, "big.xlsx", null, Ct));

        Assert.Contains("MaxUploadMegabytes", preview!.Errors.Single().Reason, StringComparison.Ordinal);
        Assert.Contains("converts to more than", preview.Errors.Single().Reason, StringComparison.Ordinal);
        Assert.True(allocated < AllocationBudget, $"allocated {allocated / 1024 / 1024:N0} MB");
        Assert.True(elapsed < TimeBudget, $"took {elapsed.TotalSeconds:N1} s");
        Assert.Equal(before, await ctx.ChecksumAsync());
    }

    [Fact]
    public async Task Xlsx_OnlyRowAtLastSheetRow_ReadCheaplyAndReportedAtItsRowNumber()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        await using var file = HostileFiles.LastRowOnly();

        ImportPreview? preview = null;
        var (allocated, elapsed) = await MeasureAsync(async () => preview = await ctx.Service.PreviewAsync(ImportKind.Mrr, file, "gap.xlsx", null, Ct));

        Assert.Equal(1, preview!.RowsRead);
        Assert.Equal(ImportLimits.MaxSheetRow, Assert.Single(preview.Errors).Line);
        Assert.Contains("mrr", preview.Errors[0].Column, StringComparison.Ordinal);
        Assert.True(allocated < AllocationBudget, $"allocated {allocated / 1024 / 1024:N0} MB");
        Assert.True(elapsed < TimeBudget, $"took {elapsed.TotalSeconds:N1} s");
    }

    [Fact]
    public void Xlsx_LargeOrdinarySheet_PassesEveryCheckAndConvertsInSeconds()
    {
        // About 32 MB of sheet XML (some 250,000 rows): the bounds must leave room for real exports.
        using var file = HostileFiles.SheetLargerThanLimit(8L * 1024 * 1024);
        var clock = Stopwatch.StartNew();

        using var csv = XlsxSource.ToCsv(file, ImportLimits.Default, Ct);
        using var reader = new StreamReader(csv);
        var lines = 0;
        while (reader.ReadLine() is not null)
        {
            lines++;
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{lines:N0} lines, {csv.Length / 1024 / 1024:N0} MB of CSV in {clock.Elapsed.TotalSeconds:N1} s");
        Assert.True(lines > 200_000, $"{lines} lines");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed.TotalSeconds:N1} s");
    }

    [Fact]
    public async Task Xlsx_Cancelled_StopsWithinASecond()
    {
        await using var file = HostileFiles.SheetLargerThanLimit(8L * 1024 * 1024);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.Run(() => XlsxSource.ToCsv(file, ImportLimits.Default, cts.Token).Dispose(), Ct));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed.TotalSeconds:N1} s");
    }

    [Fact]
    public async Task Csv_Cancelled_StopsReadingWithinASecond()
    {
        // Five million rows: reading them all takes many seconds, so a prompt stop shows the loop honours the token.
        await using var file = new PatternStream("account_id,name\n"u8.ToArray(), "A1,Alpha\n"u8.ToArray(), 5_000_000, []);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.Run(() => ParsedFile.Read(file, ImportKind.Accounts, null, ImportRules.None, ct: cts.Token), Ct));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed.TotalSeconds:N1} s");
    }

    [Fact]
    public async Task Csv_InvalidUtf8_WarnsWithLineAndColumn()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        var bytes = Encoding.UTF8.GetBytes("account_id,name,segment\nA9,Caf").Concat(new byte[] { 0xE9, 0xFF }).Concat(Encoding.UTF8.GetBytes(",SMB\n")).ToArray();

        ImportPreview? preview = null;
        var (allocated, elapsed) = await MeasureAsync(async () => preview = await ctx.Service.PreviewAsync(ImportKind.Accounts, new MemoryStream(bytes), "latin1.csv", null, Ct));

        var warning = Assert.Single(preview!.Warnings, w => w.Kind == IssueKinds.Encoding);
        Assert.Equal(2, warning.Line);
        Assert.Equal("name", warning.Column);
        Assert.Contains("not valid UTF-8", warning.Reason, StringComparison.Ordinal);
        Assert.True(allocated < AllocationBudget && elapsed < TimeBudget);
    }

    [Fact]
    public async Task Csv_NulAfterFirst8KB_WarnsAndIsNotStored()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        var filler = string.Concat(Enumerable.Range(1, 600).Select(i => $"F{i},Filler {i},SMB\n"));
        Assert.True(filler.Length > 8192);
        var text = "account_id,name,segment\n" + filler + "N1,Nul\0Name,SMB\n";

        ImportOutcome? outcome = null;
        var (allocated, elapsed) = await MeasureAsync(async () => outcome = await ctx.CommitAsync(ImportKind.Accounts, text));

        var warning = Assert.Single(outcome!.Preview.Warnings, w => w.Kind == IssueKinds.Encoding);
        Assert.Equal(602, warning.Line);
        Assert.Equal("name", warning.Column);
        await using var db = ctx.Db.CreateDbContext();
        Assert.Equal("NulName", await db.Accounts.Where(a => a.ExternalId == "N1").Select(a => a.Name).SingleAsync(Ct));
        Assert.True(allocated < AllocationBudget && elapsed < TimeBudget);
    }

    private static async Task<(long Allocated, TimeSpan Elapsed)> MeasureAsync(Func<Task> work)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        await work();
        clock.Stop();
        return (GC.GetTotalAllocatedBytes(precise: true) - before, clock.Elapsed);
    }
}
