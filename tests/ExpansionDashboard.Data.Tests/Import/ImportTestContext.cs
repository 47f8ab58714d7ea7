using System.Text;
using ExpansionDashboard.Data.Snapshot;
using ExpansionDashboard.Data.Import;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ExpansionDashboard.Data.Tests.Import;

/// <summary>A migrated SQLite file with a small valid book already imported, and helpers to import text.</summary>
public sealed class ImportTestContext : IAsyncDisposable
{
    public const string Accounts = """
        account_id,name,segment,industry,region,csm
        A1,Alpha Health,Enterprise,Healthcare,EMEA,Ana
        A2,Beta Retail,SMB,Retail,APAC,Ben
        """;

    public const string Mrr = """
        account_id,month,product,mrr,seats,plan
        A1,2026-08,Core,1000.00,10,Plus
        A1,2026-09,Core,1200.00,12,Plus
        A2,2026-08,Core,300.00,3,Standard
        A2,2026-09,Core,300.00,3,Standard
        """;

    private ImportTestContext(TestDatabase db, string currency, ImportLimits? limits)
    {
        Db = db;
        Snapshots = new DashboardSnapshotProvider(db);
        Service = new ImportService(db, Snapshots, new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)), NullLogger<ImportService>.Instance,
            new ReportingCurrency(currency), limits);
    }

    public TestDatabase Db { get; }

    public DashboardSnapshotProvider Snapshots { get; }

    public ImportService Service { get; }

    /// <param name="currency">The reporting currency (Dashboard:Currency).</param>
    /// <param name="limits">The import's bounds (the upload size); the default 200 MB when null.</param>
    public static async Task<ImportTestContext> CreateAsync(bool seed = true, string currency = "USD", ImportLimits? limits = null)
    {
        var ctx = new ImportTestContext(await TestDatabase.CreateMigratedAsync(), currency, limits);
        if (seed)
        {
            await ctx.CommitAsync(ImportKind.Accounts, Accounts);
            await ctx.CommitAsync(ImportKind.Mrr, Mrr);
        }

        return ctx;
    }

    public static MemoryStream Stream(string text, bool bom = false) =>
        new(bom ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text));

    public Task<ImportPreview> PreviewAsync(ImportKind kind, string text, IReadOnlyDictionary<string, string>? mapping = null) =>
        Service.PreviewAsync(kind, Stream(text), "test.csv", mapping, TestContext.Current.CancellationToken);

    public Task<ImportOutcome> CommitAsync(ImportKind kind, string text, bool skipRejected = false, IReadOnlyDictionary<string, string>? mapping = null) =>
        Service.CommitAsync(kind, Stream(text), "test.csv", "tester", skipRejected, mapping, null, TestContext.Current.CancellationToken);

    /// <summary>A hash of every row of every data table: equal hashes mean the store is unchanged.</summary>
    public Task<string> ChecksumAsync() => StoreChecksum.OfAsync(Db, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        Snapshots.Dispose();
        await Db.DisposeAsync();
    }
}
