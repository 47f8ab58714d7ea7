using ExpansionDashboard.Data;
using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Data.Import.Kinds;
using ExpansionDashboard.Data.Snapshot;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

// Usage: ExpansionDashboard.CrashHarness <database file> <kind> <csv file>
// Commits one import into the database, the way the app does, and exits 0. The crash-safety test kills it part-way.
if (args.Length != 3 || ImportKinds.Find(args[1]) is not { Kind: var kind })
{
    Console.Error.WriteLine("usage: ExpansionDashboard.CrashHarness <database> <kind> <csv>");
    return 2;
}

var factory = new FileFactory(args[0]);
using var snapshots = new DashboardSnapshotProvider(factory);
var imports = new ImportService(factory, snapshots, TimeProvider.System, NullLogger<ImportService>.Instance);
await using var file = File.OpenRead(args[2]);
Console.WriteLine("started");
var outcome = await imports.CommitAsync(kind, file, Path.GetFileName(args[2]), "crash-harness");
Console.WriteLine($"committed batch {outcome.BatchId}: {outcome.Inserted} inserted");
return 0;

internal sealed class FileFactory(string path) : IDbContextFactory<DashboardDbContext>
{
    public DashboardDbContext CreateDbContext() =>
        new(StoreDialectOptions.For(ExpansionDashboard.Data.Sqlite.SqliteStoreDialect.Instance, $"Data Source={path}"));
}
