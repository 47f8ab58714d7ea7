using System.Globalization;
using ExpansionDashboard.Data.Demo;
using ExpansionDashboard.Data.Entities;
using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Data.Snapshot;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ExpansionDashboard.Data.Tests.Demo;

/// <summary>The demo remover on a real store: the demo goes, every real imported row stays, a second call changes nothing.</summary>
[Trait(Lanes.Category, Lanes.Store)]
public sealed class DemoDataRemoverTests : IAsyncDisposable
{
    private static readonly string[] DemoUsers = ["admin@demo.local", "viewer@demo.local"];
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private TestDatabase _db = default!;
    private DashboardSnapshotProvider _snapshots = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DemoDataRemover Remover => new(_db, _time, NullLogger<DemoDataRemover>.Instance);

    private ImportService Imports => new(_db, _snapshots, _time, NullLogger<ImportService>.Instance);

    public async ValueTask DisposeAsync()
    {
        _snapshots?.Dispose();
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }

    private async Task SeedDemoAsync()
    {
        _db = await TestDatabase.CreateMigratedAsync();
        _snapshots = new DashboardSnapshotProvider(_db);
        Assert.True(await new DemoDataSeeder(_db, _time, NullLogger<DemoDataSeeder>.Instance).SeedIfEmptyAsync(Ct));
    }

    private async Task<ImportOutcome> ImportAsync(ImportKind kind, string csv)
    {
        _time.Advance(TimeSpan.FromMinutes(1));
        return await Imports.CommitAsync(kind, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), "real.csv", "owner@example.com", ct: Ct);
    }

    private async Task AddUserAsync(string email)
    {
        await using var ctx = _db.CreateDbContext();
        ctx.Users.Add(new AppUser { UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(), SecurityStamp = Guid.NewGuid().ToString() });
        await ctx.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task Remove_DemoWithRealImportsOnTop_DemoGoneAndEveryRealRowIntact()
    {
        await SeedDemoAsync();
        await using var before = _db.CreateDbContext();
        var demoBatch = await before.ImportBatches.SingleAsync(Ct);
        var demoAccounts = await before.Accounts.CountAsync(Ct);
        var demoRevenue = await before.RevenueLines.CountAsync(Ct);
        var demoOpps = await before.Opportunities.CountAsync(Ct);
        var demoHealth = await before.HealthSignals.CountAsync(Ct);
        var demoTargets = await before.ExpansionTargets.CountAsync(Ct);
        var acc2 = await before.Accounts.SingleAsync(a => a.ExternalId == "ACC-00002", Ct);
        var overwritten = await before.RevenueLines.Where(r => r.AccountId == acc2.Id).OrderBy(r => r.Month).ThenBy(r => r.Product).FirstAsync(Ct);
        var target = await before.ExpansionTargets.OrderBy(t => t.Quarter).ThenBy(t => t.Scope).FirstAsync(Ct);
        var month = overwritten.Month.ToString();

        // A real book: a new account, a new line under demo account ACC-00001, a demo line of ACC-00002 overwritten, a demo target overwritten.
        var mrr = await ImportAsync(ImportKind.Mrr, $"""
            account_id,month,product,mrr,account_name
            REAL-1,2026-10,Core,700,Real Customer
            ACC-00001,2026-10,Real Product,111,
            ACC-00002,{month},{overwritten.Product},{(overwritten.Mrr + 5).ToString(CultureInfo.InvariantCulture)},
            """);
        Assert.Equal((2, 1, 1), (mrr.Inserted, mrr.Updated, mrr.NewAccounts));
        var targets = await ImportAsync(ImportKind.Targets, $"quarter,segment,amount\n{target.Quarter},{target.Scope.Key},12345\n");
        Assert.Equal(1, targets.Updated);
        await AddUserAsync("admin@demo.local");
        await AddUserAsync("viewer@demo.local");
        await AddUserAsync("owner@example.com");
        Assert.True((await Remover.GetStatusAsync(Ct)).Present);

        var result = await Remover.RemoveAsync("owner@example.com", DemoUsers, Ct);

        Assert.True(result.WasPresent);
        Assert.Equal(demoAccounts - 2, result.Accounts);
        Assert.Equal(2, result.AccountsKept);
        Assert.Equal(2, result.RowsKept);
        Assert.Equal(demoRevenue - 1, result.RevenueLines);
        Assert.Equal((demoOpps, demoHealth, demoTargets - 1, 1), (result.Opportunities, result.HealthSignals, result.Targets, result.Batches));
        Assert.Equal(DemoUsers, result.UsersRemoved);
        Assert.Null(result.UserKept);

        await using var after = _db.CreateDbContext();
        Assert.False(await after.ImportBatches.AnyAsync(b => b.Kind == DemoData.BatchKind, Ct));
        Assert.False(await after.ImportBatches.AnyAsync(b => b.Id == demoBatch.Id, Ct));
        var accounts = await after.Accounts.OrderBy(a => a.ExternalId).ToListAsync(Ct);
        Assert.Equal(["ACC-00001", "ACC-00002", "REAL-1"], accounts.Select(a => a.ExternalId));
        Assert.Equal("Real Customer", accounts[2].Name);

        // Kept demo accounts lose the demo's invented attributes and belong to the import that brought their real rows.
        Assert.All(accounts.Take(2), a => Assert.Equal((a.ExternalId, "", "", mrr.BatchId), (a.Name, a.Segment, a.Csm, a.ImportBatchId!.Value)));
        var lines = await after.RevenueLines.OrderBy(r => r.Mrr).Select(r => new { r.AccountId, r.Product, r.Mrr, r.Month, r.ImportBatchId }).ToListAsync(Ct);
        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.Equal(mrr.BatchId, l.ImportBatchId));
        Assert.Contains(lines, l => l.Product == "Real Product" && l.Mrr == 111m);
        Assert.Contains(lines, l => l.Product == "Core" && l.Mrr == 700m);
        Assert.Contains(lines, l => l.Product == overwritten.Product && l.Mrr == overwritten.Mrr + 5 && l.Month == overwritten.Month);
        var keptTarget = await after.ExpansionTargets.SingleAsync(Ct);
        Assert.Equal((target.Quarter, target.Scope, 12345m, targets.BatchId), (keptTarget.Quarter, keptTarget.Scope, keptTarget.Amount, keptTarget.ImportBatchId!.Value));
        Assert.Empty(await after.Opportunities.ToListAsync(Ct));
        Assert.Empty(await after.HealthSignals.ToListAsync(Ct));
        Assert.Empty(await after.OpportunityStageHistory.ToListAsync(Ct));
        Assert.Equal(["owner@example.com"], await after.Users.Select(u => u.Email!).ToListAsync(Ct));
        var audit = await after.AuditEntries.SingleAsync(e => e.Action == "demo.remove", Ct);
        Assert.Equal("owner@example.com", audit.Actor);
        Assert.False((await Remover.GetStatusAsync(Ct)).Present);
    }

    [Fact]
    public async Task Remove_CalledTwice_SecondChangesNothing()
    {
        await SeedDemoAsync();
        await ImportAsync(ImportKind.Mrr, "account_id,month,product,mrr\nREAL-1,2026-10,Core,700\nACC-00003,2026-10,Extra,50\n");
        await Remover.RemoveAsync("owner@example.com", DemoUsers, Ct);
        var checksum = await StoreChecksum.OfAsync(_db, Ct);

        var again = await Remover.RemoveAsync("owner@example.com", DemoUsers, Ct);

        Assert.False(again.WasPresent);
        Assert.Equal((0, 0, 0, 0), (again.Accounts, again.RevenueLines, again.AccountsKept, again.Batches));
        Assert.Equal(checksum, await StoreChecksum.OfAsync(_db, Ct));
        await using var ctx = _db.CreateDbContext();
        Assert.Equal(1, await ctx.AuditEntries.CountAsync(e => e.Action == "demo.remove", Ct));
    }

    [Fact]
    public async Task Remove_ThenRevertTheRealImport_StoreEmptyAsIfTheDemoHadNeverBeenThere()
    {
        await SeedDemoAsync();
        var mrr = await ImportAsync(ImportKind.Mrr, "account_id,month,product,mrr\nACC-00004,2026-10,Extra,50\n");
        await Remover.RemoveAsync("owner@example.com", DemoUsers, Ct);

        await Imports.RevertAsync(mrr.BatchId, "owner@example.com", Ct);

        await using var ctx = _db.CreateDbContext();
        Assert.Equal(0, await ctx.Accounts.CountAsync(Ct));
        Assert.Equal(0, await ctx.RevenueLines.CountAsync(Ct));
    }

    [Fact]
    public async Task Remove_AskedByTheDemoAdmin_KeepsThatUserRemovesTheOther()
    {
        await SeedDemoAsync();
        await AddUserAsync("admin@demo.local");
        await AddUserAsync("viewer@demo.local");

        var result = await Remover.RemoveAsync("admin@demo.local", DemoUsers, Ct);

        Assert.Equal("admin@demo.local", result.UserKept);
        Assert.Equal(["viewer@demo.local"], result.UsersRemoved);
        await using var ctx = _db.CreateDbContext();
        Assert.Equal(["admin@demo.local"], await ctx.Users.Select(u => u.Email!).ToListAsync(Ct));
        Assert.Equal(0, await ctx.Accounts.CountAsync(Ct));
    }

    [Fact]
    public async Task Seeder_AfterRemoval_NeverLoadsTheDemoAgain()
    {
        await SeedDemoAsync();
        await Remover.RemoveAsync("owner@example.com", DemoUsers, Ct);
        var seeder = new DemoDataSeeder(_db, _time, NullLogger<DemoDataSeeder>.Instance);

        Assert.True(await seeder.WasRemovedAsync(Ct));
        Assert.False(await seeder.SeedIfEmptyAsync(Ct));
        await using var ctx = _db.CreateDbContext();
        Assert.Equal(0, await ctx.Accounts.CountAsync(Ct));
        var status = await Remover.GetStatusAsync(Ct);
        Assert.Equal((false, 0, _time.GetUtcNow().UtcDateTime), (status.Present, status.Accounts, status.RemovedUtc!.Value));
    }
}
