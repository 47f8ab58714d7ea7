using ExpansionDashboard.Data.Backup;
using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Data.Snapshot;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ExpansionDashboard.Data.Tests.Backup;

[Trait(Lanes.Category, Lanes.Store)]
public sealed class DatabaseBackupTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class FileFactory(string path) : IDbContextFactory<DashboardDbContext>
    {
        public DashboardDbContext CreateDbContext() => new(StoreDialectOptions.For(ExpansionDashboard.Data.Sqlite.SqliteStoreDialect.Instance, $"Data Source={path};Pooling=False"));
    }

    [Fact]
    public async Task Backup_WhileAnImportCommits_IsIntactAndEqualsTheStoreBeforeOrAfterTheBatch()
    {
        await using var db = await TestDatabase.CreateFromDemoAsync();
        using var snapshots = new DashboardSnapshotProvider(db);
        var imports = new ImportService(db, snapshots, Time, NullLogger<ImportService>.Instance);
        var before = await StoreChecksum.OfAsync(db, Ct);
        var folder = Directory.CreateTempSubdirectory("ed-backup").FullName;
        var path = Path.Combine(folder, "backup.db");
        var csv = "account_id,month,product,mrr\n" + string.Join("\n", Enumerable.Range(1, 20_000).Select(i => $"BK-{i},2026-11,Core,{i}.00"));

        try
        {
            // The import and the backup race: the copy must hold the whole batch or none of it.
            var import = imports.CommitAsync(ImportKind.Mrr, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), "race.csv", "tester", ct: Ct);
            await new DatabaseBackup(db).CreateAsync(path, Ct);
            await import;
            var after = await StoreChecksum.OfAsync(db, Ct);

            var copy = await StoreChecksum.OfAsync(new FileFactory(path), Ct);
            Assert.True(copy == before || copy == after, "the backup is neither the store before nor after the import");
            Assert.NotEqual(before, after);

            // And a quiet backup equals the store exactly; the file is a standalone SQLite database.
            await new DatabaseBackup(db).CreateAsync(path, Ct);
            Assert.Equal(after, await StoreChecksum.OfAsync(new FileFactory(path), Ct));
            Assert.False(File.Exists(path + "-wal") && new FileInfo(path + "-wal").Length > 0);
            await using var check = new SqliteConnection($"Data Source={path};Pooling=False");
            await check.OpenAsync(Ct);
            await using var cmd = check.CreateCommand();
            cmd.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", await cmd.ExecuteScalarAsync(Ct));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
