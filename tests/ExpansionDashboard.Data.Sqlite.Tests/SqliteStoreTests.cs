using ExpansionDashboard.Data.Entities;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Pipeline;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Data.Sqlite.Tests;

[Trait(Lanes.Category, Lanes.Store)]
public sealed class SqliteStoreTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ed-sqlite-tests", Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string ConnectionString => $"Data Source={Path.Combine(_folder, "nested", "dashboard.db")}";

    private DashboardDbContext Open() => new(StoreDialectOptions.For(SqliteStoreDialect.Instance, ConnectionString));

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Snapshot_LinesInEveryStoredForm_ReadAsEfCoreReadsThem()
    {
        await using (var db = Open())
        {
            await new DatabaseMigrator(new Factory(this)).MigrateAsync(Ct);
            db.Accounts.AddRange(
                new Account { ExternalId = "A1", Name = "Alpha", Segment = "SMB", Industry = "Retail", Region = "EMEA", Csm = "Ava" },
                new Account { ExternalId = "A2", Name = "Beta", Segment = "Enterprise", Industry = "Tech", Region = "APAC", Csm = "Ben" });
            await db.SaveChangesAsync(Ct);
            db.RevenueLines.AddRange(
                new RevenueLine { AccountId = 1, Month = new Month(2026, 1), Product = "Core", Mrr = 1200m },
                new RevenueLine { AccountId = 1, Month = new Month(2026, 2), Product = "Core", Mrr = 1234.5678m, ExpansionType = ExpansionType.Seats },
                new RevenueLine { AccountId = 2, Month = new Month(2026, 2), Product = "Add-on ü", Mrr = 0.01m, Currency = "EUR", ExpansionType = ExpansionType.Usage });
            await db.SaveChangesAsync(Ct);

            // Rows a hand or another tool may have written: a number stored as INTEGER or REAL, odd type text.
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO RevenueLines (AccountId, Month, Product, Mrr, Currency, ExpansionType) VALUES (2, '2026-01-01', 'Core', 900, '', 'upsell'), (2, '2026-03-01', 'Core', 950.25, '', NULL)", Ct);
        }

        await using var read = Open();
        var expected = (await read.RevenueLines.AsNoTracking().OrderBy(r => r.Id).ToListAsync(Ct))
            .Select(r => (r.AccountId == 1 ? "A1" : "A2", r.Month, r.Product, r.Mrr, r.ExpansionType is ExpansionType.Seats or ExpansionType.Usage ? r.ExpansionType : null, r.Currency.Length == 0 ? null : r.Currency))
            .ToList();
        using var snapshots = new Snapshot.DashboardSnapshotProvider(new Factory(this));
        var model = (await snapshots.GetAsync(Ct)).Revenue;

        Assert.Equal(5, expected.Count);
        foreach (var (account, month, product, mrr, _, _) in expected)
        {
            var series = model.Accounts.Single(a => a.Account.Id == account).Products.Where(p => p.Product == product);
            Assert.Contains(series, p => p.Mrr[model.IndexOf(month)] == mrr || p.Native?[model.IndexOf(month)] == mrr);
        }

        var line = model.Accounts.Single(a => a.Account.Id == "A1").Products.Single();
        Assert.Equal(ExpansionType.Seats, line.LineTypes[model.IndexOf(new Month(2026, 2))]);
        Assert.Equal("EUR", model.Accounts.Single(a => a.Account.Id == "A2").Products.Single(p => p.Product == "Add-on ü").Currency);
    }

    [Fact]
    public void Model_HasNoPendingChanges()
    {
        using var db = Open();
        Assert.False(db.Database.HasPendingModelChanges(), "The model differs from the SQLite migration: re-create Initial (see README, Migrations).");
    }

    [Fact]
    public void Migrations_AreOneInitial()
    {
        using var db = Open();
        Assert.Equal(["Initial"], db.Database.GetMigrations().Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]));
    }

    [Fact]
    public async Task Migrate_FreshFileInMissingFolder_CreatesItInWalMode()
    {
        await using (var db = Open())
        {
            await new DatabaseMigrator(new Factory(this)).MigrateAsync(Ct);
        }

        Assert.True(File.Exists(Path.Combine(_folder, "nested", "dashboard.db")));
        await using var c = new SqliteConnection(ConnectionString);
        await c.OpenAsync(Ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await cmd.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task TypedColumns_RoundTrip_KeepTheStoredSpellings()
    {
        await new DatabaseMigrator(new Factory(this)).MigrateAsync(Ct);
        await using (var db = Open())
        {
            var batch = new ImportBatch { Kind = "targets", CreatedUtc = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc) };
            db.ImportBatches.Add(batch);
            await db.SaveChangesAsync(Ct);
            var account = new Account { ExternalId = "A1", Name = "Acme", FirstPaidMonth = new Month(2025, 3), ImportBatchId = batch.Id };
            db.Accounts.Add(account);
            await db.SaveChangesAsync(Ct);
            db.RevenueLines.Add(new RevenueLine { AccountId = account.Id, Month = new Month(2026, 11), Product = "Core", Mrr = 83.33333333m, ImportBatchId = batch.Id });
            db.Opportunities.Add(new Opportunity
            {
                ExternalId = "O1",
                AccountId = account.Id,
                Name = "Seats",
                Type = OpportunityType.CrossSell,
                Stage = OpportunityStage.ClosedWon,
                Amount = 1200m,
                ExpectedClose = new DateOnly(2026, 12, 15),
                ImportBatchId = batch.Id,
            });
            db.ExpansionTargets.Add(new ExpansionTarget { Quarter = new Quarter(2026, 4), Scope = Scope.Company, Amount = 50_000m, ImportBatchId = batch.Id });
            db.ExpansionTargets.Add(new ExpansionTarget { Quarter = new Quarter(2026, 4), Scope = Scope.Of("SMB"), Amount = 20_000m, ImportBatchId = batch.Id });
            await db.SaveChangesAsync(Ct);
        }

        await using var c = new SqliteConnection(ConnectionString);
        await c.OpenAsync(Ct);
        Assert.Equal("2025-03-01", await ScalarAsync(c, "SELECT FirstPaidMonth FROM Accounts"));
        Assert.Equal("2026-11-01", await ScalarAsync(c, "SELECT Month FROM RevenueLines"));
        Assert.Equal("83.33333333", await ScalarAsync(c, "SELECT Mrr FROM RevenueLines"));
        Assert.Equal("CrossSell|ClosedWon", await ScalarAsync(c, "SELECT Type || '|' || Stage FROM Opportunities"));
        Assert.Equal("2026-Q4 company,2026-Q4 SMB", await ScalarAsync(c, "SELECT group_concat(Quarter || ' ' || Segment, ',') FROM (SELECT * FROM ExpansionTargets ORDER BY Id)"));

        await using var read = Open();
        var company = await read.ExpansionTargets.SingleAsync(t => t.Scope == Scope.Company, Ct);
        Assert.Equal(50_000m, company.Amount);
        Assert.Equal(1, await read.RevenueLines.CountAsync(r => r.Month >= new Month(2026, 11), Ct));
    }

    [Fact]
    public async Task ImportBatch_WithRowsThatClaimIt_CannotBeDeleted()
    {
        await new DatabaseMigrator(new Factory(this)).MigrateAsync(Ct);
        await using var db = Open();
        var batch = new ImportBatch { Kind = "accounts" };
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(Ct);
        db.Accounts.Add(new Account { ExternalId = "A1", Name = "Acme", ImportBatchId = batch.Id });
        await db.SaveChangesAsync(Ct);

        // A revert needs the batch its rows name; deleting it first would orphan them.
        await Assert.ThrowsAsync<SqliteException>(() => db.ImportBatches.Where(b => b.Id == batch.Id).ExecuteDeleteAsync(Ct));
    }

    [Fact]
    public async Task Backup_OfAMigratedStore_IsAStandaloneCopy()
    {
        await new DatabaseMigrator(new Factory(this)).MigrateAsync(Ct);
        var copy = Path.Combine(_folder, "copy.db");
        await using (var db = Open())
        {
            Assert.True(db.Dialect.SupportsBackup);
            await db.Dialect.BackupAsync(db, copy, Ct);
        }

        await using var c = new SqliteConnection($"Data Source={copy};Pooling=False");
        await c.OpenAsync(Ct);
        Assert.Equal("delete", await ScalarAsync(c, "PRAGMA journal_mode;"));
        Assert.Equal("0", await ScalarAsync(c, "SELECT COUNT(*) FROM Accounts"));
    }

    private static async Task<string?> ScalarAsync(SqliteConnection c, string sql)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(await cmd.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed class Factory(SqliteStoreTests owner) : IDbContextFactory<DashboardDbContext>
    {
        public DashboardDbContext CreateDbContext() => owner.Open();
    }
}
