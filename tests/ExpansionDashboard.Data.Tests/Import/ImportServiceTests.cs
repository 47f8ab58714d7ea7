using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Data.Tests.Import;

[Trait(Lanes.Category, Lanes.Store)]
public class ImportServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Commit_ValidMrr_StoresRowsAndBumpsDataVersion()
    {
        await using var ctx = await ImportTestContext.CreateAsync();

        await using var db = ctx.Db.CreateDbContext();
        var rows = await db.RevenueLines.OrderBy(r => r.Id).ToListAsync(Ct);
        Assert.Equal(4, rows.Count);
        Assert.Equal(1200m, rows.Single(r => r.Month == new Month(2026, 9) && r.AccountId == 1).Mrr);
        Assert.Equal(12, rows.Single(r => r.Month == new Month(2026, 9) && r.AccountId == 1).Seats);
        Assert.Equal(2, await DataVersion.GetAsync(db, Ct));
        var model = (await ctx.Snapshots.GetAsync(Ct)).Revenue;
        Assert.Equal(1500m, model.Accounts.Sum(a => a.Total[model.IndexOf(new Month(2026, 9))]));
    }

    [Fact]
    public async Task Reimport_SameFile_ChangesNothing()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        var before = await ctx.ChecksumAsync();
        var preview = await ctx.PreviewAsync(ImportKind.Mrr, ImportTestContext.Mrr);

        Assert.Equal(0, preview.New);
        Assert.Equal(0, preview.Changed);
        Assert.Equal(4, preview.Unchanged);
        Assert.Equal(["2026-08", "2026-09"], preview.MrrByMonth.Select(m => m.Month));
        Assert.All(preview.MrrByMonth, m => Assert.Equal(0m, m.Change));

        var outcome = await ctx.CommitAsync(ImportKind.Mrr, ImportTestContext.Mrr);
        Assert.Equal(0, outcome.Inserted + outcome.Updated);
        await ctx.Service.RevertAsync(outcome.BatchId, "tester", Ct);
        await using var db = ctx.Db.CreateDbContext();
        Assert.Equal(4, await db.RevenueLines.CountAsync(Ct));
    }

    [Fact]
    public async Task Reimport_SameFile_KeepsTheDataVersionAndTheModelInMemory()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        var model = await ctx.Snapshots.GetAsync(Ct);

        var again = await ctx.CommitAsync(ImportKind.Mrr, ImportTestContext.Mrr);
        var afterSame = await ctx.Snapshots.GetAsync(Ct);
        var changed = await ctx.CommitAsync(ImportKind.Mrr, "account_id,month,product,mrr\nA1,2026-09,Core,1300.00\n");
        var afterChange = await ctx.Snapshots.GetAsync(Ct);

        Assert.Equal((0, 0, 4), (again.Inserted, again.Updated, again.Unchanged));
        Assert.Same(model, afterSame);
        Assert.Equal(1, changed.Updated);
        Assert.Equal(model.DataVersion + 1, afterChange.DataVersion);
        Assert.Equal(1600m, afterChange.Revenue.Accounts.Sum(a => a.Total[afterChange.Revenue.IndexOf(new Month(2026, 9))]));
    }

    [Fact]
    public async Task Preview_ChangedAndNewRows_DiffAndMrrChangePerMonth()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        var before = await ctx.ChecksumAsync();
        const string update = """
            account_id,month,product,mrr
            A1,2026-09,Core,1500
            A1,2026-10,Core,1500
            A2,2026-10,Core,300
            """;

        var preview = await ctx.PreviewAsync(ImportKind.Mrr, update);

        Assert.True(preview.CanCommit);
        Assert.Equal(2, preview.New);
        Assert.Equal(1, preview.Changed);
        Assert.Contains(preview.Samples, s => s.Change == "changed" && s.Before == "1200.00" && s.After == "1500.00");
        Assert.Equal(new MonthMrrChange("2026-09", 1500m, 1800m), preview.MrrByMonth.Single(m => m.Month == "2026-09"));
        Assert.Equal(new MonthMrrChange("2026-10", 0m, 1800m), preview.MrrByMonth.Single(m => m.Month == "2026-10"));
        Assert.Equal(before, await ctx.ChecksumAsync());
    }

    [Fact]
    public async Task Revert_UpdateBatch_RestoresExactlyThePreviousState()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        var before = await ctx.ChecksumAsync();
        var beforeStore = await StoreRowsAsync(ctx);

        var outcome = await ctx.CommitAsync(ImportKind.Mrr, "account_id,month,product,mrr,seats,plan\nA1,2026-09,Core,1500,15,Premium\nA3,2026-09,Core,50,,\n");
        Assert.Equal(1, outcome.Updated);
        Assert.Equal(1, outcome.NewAccounts);
        Assert.NotEqual(before, await ctx.ChecksumAsync());

        await ctx.Service.RevertAsync(outcome.BatchId, "tester", Ct);

        Assert.Equal(beforeStore, await StoreRowsAsync(ctx));
        await using var db = ctx.Db.CreateDbContext();
        Assert.Equal(ImportBatchStatus.Reverted, (await db.ImportBatches.SingleAsync(b => b.Id == outcome.BatchId, Ct)).Status);
        Assert.False(await db.Accounts.AnyAsync(a => a.ExternalId == "A3", Ct));
    }

    [Fact]
    public async Task Revert_HealthUpdate_RestoresEveryColumnTypeExactly()
    {
        // Integers, a boolean, a fraction and an empty value: each column type goes back exactly, on either database.
        await using var ctx = await ImportTestContext.CreateAsync();
        const string header = "account_id,month,active_users,support_tickets,nps,payment_failures,exec_sponsor_change,qbr_attended,plan_limit_utilisation\n";
        await ctx.CommitAsync(ImportKind.Health, header + "A1,2026-09,40,2,30,0,no,yes,0.85\nA2,2026-09,5,,10,1,yes,no,0.125\n");
        await using var before = ctx.Db.CreateDbContext();
        var expected = await before.HealthSignals.AsNoTracking().OrderBy(h => h.Id)
            .Select(h => new { h.AccountId, h.Month, h.ActiveUsers, h.SupportTickets, h.Nps, h.PaymentFailures, h.ExecSponsorChange, h.QbrAttended, h.PlanLimitUtilisation })
            .ToListAsync(Ct);

        var changed = await ctx.CommitAsync(ImportKind.Health, header + "A1,2026-09,41,3,-5,2,yes,no,0.5\nA2,2026-09,6,7,,0,no,yes,1\n");
        Assert.Equal(2, changed.Updated);
        await ctx.Service.RevertAsync(changed.BatchId, "tester", Ct);

        await using var after = ctx.Db.CreateDbContext();
        var restored = await after.HealthSignals.AsNoTracking().OrderBy(h => h.Id)
            .Select(h => new { h.AccountId, h.Month, h.ActiveUsers, h.SupportTickets, h.Nps, h.PaymentFailures, h.ExecSponsorChange, h.QbrAttended, h.PlanLimitUtilisation })
            .ToListAsync(Ct);
        Assert.Equal(expected, restored);
    }

    [Fact]
    public async Task Commit_AccountsFileChangesAttributes_UpdatedAndRevertRestores()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        var before = await StoreRowsAsync(ctx);

        var outcome = await ctx.CommitAsync(ImportKind.Accounts, "account_id,name,segment,industry,region,csm\nA1,Alpha Health,Mid-Market,Healthcare,EMEA,Ana\nA9,Nine,SMB,Media,LATAM,Ben\n");

        Assert.Equal((1, 1), (outcome.Updated, outcome.Inserted));
        await using (var db = ctx.Db.CreateDbContext())
        {
            Assert.Equal("Mid-Market", (await db.Accounts.SingleAsync(a => a.ExternalId == "A1", Ct)).Segment);
            Assert.Equal(1, (await db.ImportBatches.SingleAsync(b => b.Id == outcome.BatchId, Ct)).RowsUpdated);
        }

        await ctx.Service.RevertAsync(outcome.BatchId, "tester", Ct);
        Assert.Equal(before, await StoreRowsAsync(ctx));
    }

    [Fact]
    public async Task Revert_OlderBatchWhileNewerStands_IsRefusedAndChangesNothing()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        var first = await ctx.CommitAsync(ImportKind.Mrr, "account_id,month,product,mrr\nA1,2026-10,Core,1000\n");
        var second = await ctx.CommitAsync(ImportKind.Mrr, "account_id,month,product,mrr\nA1,2026-10,Core,2000\n");
        var checksum = await ctx.ChecksumAsync();

        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => ctx.Service.RevertAsync(first.BatchId, "tester", Ct));

        Assert.Contains($"#{second.BatchId}", ex.Message, StringComparison.Ordinal);
        Assert.Equal(checksum, await ctx.ChecksumAsync());
        await ctx.Service.RevertAsync(second.BatchId, "tester", Ct);
        await ctx.Service.RevertAsync(first.BatchId, "tester", Ct);
    }

    [Fact]
    public async Task Revert_OlderBatchBehindAReimportThatChangedNothing_RestoresThePreviousState()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        var before = await StoreRowsAsync(ctx);
        const string File = "account_id,month,product,mrr\nA1,2026-10,Core,1500\nA9,2026-10,Core,80\n";
        var first = await ctx.CommitAsync(ImportKind.Mrr, File);
        var again = await ctx.CommitAsync(ImportKind.Mrr, File);

        await ctx.Service.RevertAsync(first.BatchId, "tester", Ct);

        Assert.Equal((0, 0, 2), (again.Inserted, again.Updated, again.Unchanged));
        Assert.Equal(before, await StoreRowsAsync(ctx));
    }

    [Fact]
    public async Task Commit_SkipRejected_ImportsValidRowsAndReportsRejected()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        const string file = "account_id,month,product,mrr\nA1,2026-10,Core,1000\nA2,2026-10,Core,abc\n";

        await Assert.ThrowsAsync<ImportRejectedException>(() => ctx.CommitAsync(ImportKind.Mrr, file));
        var outcome = await ctx.CommitAsync(ImportKind.Mrr, file, skipRejected: true);

        Assert.Equal(1, outcome.Inserted);
        Assert.Equal(1, outcome.Rejected);
        await using var db = ctx.Db.CreateDbContext();
        var report = (await db.ImportBatches.SingleAsync(b => b.Id == outcome.BatchId, Ct)).ReportJson!;
        Assert.Contains("line 3, column mrr", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_SemicolonDecimalCommaAndBom_ParsesNumbers()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        var stream = ImportTestContext.Stream("account_id;month;product;mrr\nA1;2026-10;Core;1.234,56\nA2;2026-10;Core;99,5\n", bom: true);

        var outcome = await ctx.Service.CommitAsync(ImportKind.Mrr, stream, "eu.csv", "tester", ct: Ct);

        Assert.Equal(2, outcome.Inserted);
        await using var db = ctx.Db.CreateDbContext();
        var oct = await db.RevenueLines.Where(r => r.Month == new Month(2026, 10)).OrderBy(r => r.AccountId).Select(r => r.Mrr).ToListAsync(Ct);
        Assert.Equal([1234.56m, 99.5m], oct);
    }

    [Fact]
    public async Task Preview_HeadersDiffer_MappingMakesFileImportable()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        const string file = "Customer,Period,Item,Monthly Revenue\nA1,2026-10,Core,10\n";

        var unmapped = await ctx.PreviewAsync(ImportKind.Mrr, file);
        var mapped = await ctx.PreviewAsync(ImportKind.Mrr, file, new Dictionary<string, string>
        {
            ["account_id"] = "Customer",
            ["month"] = "Period",
            ["product"] = "Item",
            ["mrr"] = "Monthly Revenue",
        });

        Assert.Equal(["account_id", "month", "product", "mrr"], unmapped.MissingColumns);
        Assert.True(mapped.CanCommit);
        Assert.Equal(1, mapped.New);
    }

    [Fact]
    public async Task Commit_UnknownAccountsWithAttributes_CreatedAndConflictsWarned()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        const string file = """
            account_id,month,product,mrr,account_name,segment,industry,region,csm
            N1,2026-10,Core,100,New One,SMB,Media,EMEA,Ana
            N1,2026-11,Core,110,New One,Mid-Market,Media,EMEA,Ana
            """;

        var preview = await ctx.PreviewAsync(ImportKind.Mrr, file);
        await ctx.CommitAsync(ImportKind.Mrr, file);

        Assert.Contains(preview.Warnings, w => w.Reason.Contains("last row wins", StringComparison.Ordinal));
        await using var db = ctx.Db.CreateDbContext();
        var account = await db.Accounts.SingleAsync(a => a.ExternalId == "N1", Ct);
        Assert.Equal(("New One", "Mid-Market", "Media"), (account.Name, account.Segment, account.Industry));
    }

    [Fact]
    public async Task Commit_FormulaLookingCell_StoredVerbatimAsText()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        const string name = "=HYPERLINK(\"http://evil\",\"click\")";
        var file = $"account_id,name,segment\nF1,\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\",SMB\nF2,\"Line one\nline two, with comma\",SMB\n";

        var preview = await ctx.PreviewAsync(ImportKind.Accounts, file);
        await ctx.CommitAsync(ImportKind.Accounts, file);

        Assert.Contains(preview.Warnings, w => w.Column == "name" && w.Reason.Contains("formula", StringComparison.Ordinal));
        await using var db = ctx.Db.CreateDbContext();
        Assert.Equal(name, (await db.Accounts.SingleAsync(a => a.ExternalId == "F1", Ct)).Name);
        Assert.Equal("Line one\nline two, with comma", (await db.Accounts.SingleAsync(a => a.ExternalId == "F2", Ct)).Name);
    }

    [Fact]
    public async Task Commit_OpportunitiesTargetsHealth_UpsertOnNaturalKeys()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        const string opps = "opportunity_id,account_id,name,type,stage,amount,expected_close,owner\nO1,A1,Seats,Seats,Proposal,24000,2026-12-15,Ana\n";
        const string targets = "quarter,segment,amount\n2026-Q4,,100000\n2026-Q4,SMB,20000\n";
        const string health = "account_id,month,active_users,support_tickets,nps,payment_failures,exec_sponsor_change,qbr_attended,plan_limit_utilisation\nA1,2026-10,40,2,30,0,no,yes,0.85\n";

        await ctx.CommitAsync(ImportKind.Opportunities, opps);
        await ctx.CommitAsync(ImportKind.Targets, targets);
        await ctx.CommitAsync(ImportKind.Health, health);
        var moved = await ctx.CommitAsync(ImportKind.Opportunities, opps.Replace("Proposal,24000", "Closed Won,30000", StringComparison.Ordinal));

        Assert.Equal(1, moved.Updated);
        Assert.Equal(0, (await ctx.CommitAsync(ImportKind.Targets, targets)).Updated);
        Assert.Equal(0, (await ctx.CommitAsync(ImportKind.Health, health)).Updated + 0);
        await using var db = ctx.Db.CreateDbContext();
        var opp = await db.Opportunities.SingleAsync(Ct);
        Assert.Equal((OpportunityStage.ClosedWon, 30000m), (opp.Stage, opp.Amount));
        Assert.Equal(2, await db.ExpansionTargets.CountAsync(Ct));
        var h = await db.HealthSignals.SingleAsync(Ct);
        Assert.Equal((40, false, true, 0.85), (h.ActiveUsers!.Value, h.ExecSponsorChange!.Value, h.QbrAttended!.Value, h.PlanLimitUtilisation!.Value));
        var snap = await ctx.Snapshots.GetAsync(Ct);
        Assert.Equal(Metrics.Pipeline.OpportunityStage.ClosedWon, snap.Opportunities.Single().Stage);
    }

    [Fact]
    public async Task Commit_OpportunityMovesStage_HistoryRecordedOnceAndRevertedWithItsBatch()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        const string opps = "opportunity_id,account_id,name,type,stage,amount,expected_close,owner,created,closed\nO1,A1,Seats,Seats,Proposal,24000,2026-12-15,Ana,2026-10-01,\n";
        const string lost = "opportunity_id,account_id,name,type,stage,amount,expected_close,owner,created,closed\nO2,A1,Old,Upsell,Closed Lost,5000,2026-06-15,Ana,2026-03-01,2026-06-10\n";

        await ctx.CommitAsync(ImportKind.Opportunities, lost);
        await ctx.CommitAsync(ImportKind.Opportunities, opps);
        await ctx.CommitAsync(ImportKind.Opportunities, opps); // unchanged: nothing new recorded
        var won = await ctx.CommitAsync(ImportKind.Opportunities, opps.Replace("Proposal,24000,2026-12-15,Ana,2026-10-01,", "Closed Won,24000,2026-12-15,Ana,2026-10-01,2026-11-20", StringComparison.Ordinal));

        var snap = await ctx.Snapshots.GetAsync(Ct);
        // Seen at Proposal on the import day; the win is recorded that day too, as its closed date (11-20) lies before it.
        Assert.Equal(
            [new Metrics.Pipeline.StageObservation(Metrics.Pipeline.OpportunityStage.Proposal, new DateOnly(2026, 11, 23)),
             new Metrics.Pipeline.StageObservation(Metrics.Pipeline.OpportunityStage.ClosedWon, new DateOnly(2026, 11, 23))],
            snap.Opportunities.Single(o => o.Id == "O1").History!);
        // A deal first seen closed is recorded on its closed date.
        Assert.Equal(
            [new Metrics.Pipeline.StageObservation(Metrics.Pipeline.OpportunityStage.ClosedLost, new DateOnly(2026, 6, 10))],
            snap.Opportunities.Single(o => o.Id == "O2").History!);

        await ctx.Service.RevertAsync(won.BatchId, "tester", Ct);
        var after = (await ctx.Snapshots.GetAsync(Ct)).Opportunities.Single(o => o.Id == "O1");
        Assert.Equal(Metrics.Pipeline.OpportunityStage.Proposal, after.Stage);
        Assert.Equal(Metrics.Pipeline.OpportunityStage.Proposal, Assert.Single(after.History!).Stage);
    }

    [Fact]
    public async Task Commit_InvoiceLines_NormalisedToMonthlyMrr()
    {
        await using var ctx = await ImportTestContext.CreateAsync(seed: false);
        const string file = "account_id,product,service_start,service_end,amount\nI1,Core,2024-03-01,2025-03-01,1200\nI1,Core,2024-06-01,2024-07-01,-150\n";

        var preview = await ctx.PreviewAsync(ImportKind.InvoiceLines, file);
        var outcome = await ctx.CommitAsync(ImportKind.InvoiceLines, file);

        Assert.Equal(12, outcome.Inserted);
        Assert.Contains(preview.Warnings, w => w.Reason.Contains("below zero", StringComparison.Ordinal));
        Assert.Contains(preview.Warnings, w => w.Reason.Contains("overlaps", StringComparison.Ordinal));
        var model = (await ctx.Snapshots.GetAsync(Ct)).Revenue;
        Assert.Equal(100m, model.Accounts.Single().Total[model.IndexOf(new Month(2024, 3))]);
        Assert.Equal(0m, model.Accounts.Single().Total[model.IndexOf(new Month(2024, 6))]);
    }

    [Fact]
    public async Task Commit_IdenticalInvoiceLines_BothCountedAndReported()
    {
        await using var ctx = await ImportTestContext.CreateAsync(seed: false);
        const string file = "account_id,product,service_start,service_end,amount\nI1,Core,2024-01-01,2024-02-01,100\nI1,Core,2024-01-01,2024-02-01,100\n";

        var preview = await ctx.PreviewAsync(ImportKind.InvoiceLines, file);
        await ctx.CommitAsync(ImportKind.InvoiceLines, file);

        Assert.Equal(0, preview.ErrorCount);
        Assert.Contains(preview.Warnings, w => w.Line == 3 && w.Reason.Contains("identical to line 2", StringComparison.Ordinal));
        var model = (await ctx.Snapshots.GetAsync(Ct)).Revenue;
        Assert.Equal(200m, model.Accounts.Single().Total[0]);
    }

    internal static string? FindShared(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static async Task<string> StoreRowsAsync(ImportTestContext ctx)
    {
        await using var db = ctx.Db.CreateDbContext();
        var accounts = await db.Accounts.OrderBy(a => a.Id).Select(a => $"{a.Id}:{a.ExternalId}:{a.Name}:{a.Segment}").ToListAsync(Ct);
        var revenue = await db.RevenueLines.OrderBy(r => r.Id).Select(r => $"{r.Id}:{r.AccountId}:{r.Month}:{r.Product}:{r.Mrr}:{r.Seats}:{r.Plan}").ToListAsync(Ct);
        return string.Join("|", accounts.Concat(revenue));
    }
}
