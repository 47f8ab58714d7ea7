using System.Globalization;
using System.Text;
using System.Text.Json;
using ExpansionDashboard.Data.Entities;
using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Data.Import.Kinds;
using ExpansionDashboard.Data.Import.Writing;
using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Data.Tests.Import;

/// <summary>
/// Updates and reverts are set-based statements (a staging table, one UPDATE … FROM, the replaced values captured in SQL):
/// a batch that changes many rows reverts byte-identically, and changes kept by earlier versions still revert.
/// </summary>
[Trait(Lanes.Category, Lanes.Store)]
public sealed class SetBasedRevertTests
{
    private const int Accounts = 150;
    private const int Months = 8;

    private static readonly string[] DataTables = ["Accounts", "RevenueLines", "Opportunities", "OpportunityStageHistory", "ExpansionTargets", "HealthSignals", "FxRates"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Revert_UpdateBatchOfManyRows_RestoresEveryTableByteForByte()
    {
        await using var ctx = await ImportTestContext.CreateAsync(seed: false);
        await ctx.CommitAsync(ImportKind.Mrr, Book(changed: false));
        var before = await DumpAsync(ctx);

        var outcome = await ctx.CommitAsync(ImportKind.Mrr, Book(changed: true));
        var changed = await DumpAsync(ctx);
        await ctx.Service.RevertAsync(outcome.BatchId, "tester", Ct);

        Assert.Equal((Accounts * Months, 0, 0), (outcome.Updated, outcome.Inserted, outcome.Unchanged));
        Assert.NotEqual(before, changed);
        Assert.Equal(before, await DumpAsync(ctx));
    }

    [Fact]
    public async Task Commit_UpdateBatch_KeepsReplacedValuesOfTheChangedColumnsAsInvariantText()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        var outcome = await ctx.CommitAsync(ImportKind.Mrr, "account_id,month,product,mrr,seats,plan\nA1,2026-09,Core,1250.50,,Premium\n");

        var kept = Assert.Single(await ctx.Service.ReplacedValuesAsync(outcome.BatchId, Ct));
        var values = JsonSerializer.Deserialize<Dictionary<string, string?>>(kept)!;
        // The month, product, currency and line type are as they were, so revert has nothing of theirs to put back.
        Assert.Equal(["Mrr", "Seats", "Plan"], values.Keys);
        Assert.Equal(1200m, decimal.Parse(values["Mrr"]!, CultureInfo.InvariantCulture));
        Assert.Equal("12", values["Seats"]);
        Assert.Equal("Plus", values["Plan"]);
    }

    [Fact]
    public async Task Revert_ChangesKeptByEarlierVersions_RestoresTheFirstValuesExactly()
    {
        await using var ctx = await ImportTestContext.CreateAsync(seed: false);
        await ctx.CommitAsync(ImportKind.Mrr, Book(changed: false));
        var before = await DumpAsync(ctx);
        var outcome = await ctx.CommitAsync(ImportKind.Mrr, Book(changed: true));

        // Rewrite the batch's changes as earlier versions wrote them (ChangeLog.BeforeJson of typed values, one row per
        // change), and add a later change of the first row with other values: the row's first change is what it had before.
        await using (var db = ctx.Db.CreateDbContext())
        {
            var table = MrrImport.RevenueLines;
            var changes = await db.ImportChanges.Where(c => c.ImportBatchId == outcome.BatchId).OrderBy(c => c.Id).ToListAsync(Ct);
            foreach (var change in changes)
            {
                var kept = JsonSerializer.Deserialize<Dictionary<string, string?>>(change.BeforeJson)!;
                var columns = table.Columns.Where(c => kept.ContainsKey(c.Name)).ToList();
                var typed = columns.Select(c => StoreColumns.Convert(kept[c.Name], c.Type)).ToArray();
                change.BeforeJson = ChangeLog.BeforeJson([.. columns.Select(c => c.Name)], typed, keepDecimalScale: db.Dialect.Provider == DatabaseProvider.PostgreSql);
            }

            var first = changes[0];
            db.ImportChanges.Add(new ImportChange
            {
                ImportBatchId = outcome.BatchId,
                TableName = first.TableName,
                RowId = first.RowId,
                BeforeJson = first.BeforeJson.Replace("Plus", "Wrong", StringComparison.Ordinal),
            });
            await db.SaveChangesAsync(Ct);
        }

        await ctx.Service.RevertAsync(outcome.BatchId, "tester", Ct);
        Assert.Equal(before, await DumpAsync(ctx));
    }

    /// <summary>
    /// Accounts × months of one product; the changed book moves every amount by a cent and, on some rows, the seats (to
    /// and from empty), the plan and the line type, so text, decimal, integer and NULL values are all replaced and restored.
    /// </summary>
    private static string Book(bool changed)
    {
        var sb = new StringBuilder("account_id,month,product,mrr,seats,plan,expansion_type\n");
        for (var a = 0; a < Accounts; a++)
        {
            for (var m = 0; m < Months; m++)
            {
                var mrr = 100m + a + (m * 0.5m) + (changed ? 0.01m : 0m);
                var seats = (a + m) % 5 == 0 ? "" : ((a % 7) + (changed && a % 3 == 0 ? 1 : 0)).ToString(CultureInfo.InvariantCulture);
                var plan = changed && a % 4 == 0 ? "Premium" : "Plus";
                var type = changed && a % 6 == 0 ? "Usage" : a % 2 == 0 ? "Seats" : "";
                sb.Append(CultureInfo.InvariantCulture, $"ACC-{a:D4},2026-{m + 1:D2},Core,{mrr:0.00},{seats},{plan},{type}\n");
            }
        }

        return sb.ToString();
    }

    /// <summary>Every row of every data table, ordered by id, as text.</summary>
    private static async Task<string> DumpAsync(ImportTestContext ctx)
    {
        await using var db = ctx.Db.CreateDbContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        var sb = new StringBuilder();
        foreach (var table in DataTables)
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1";
            await using var reader = await cmd.ExecuteReaderAsync(Ct);
            sb.Append(table).Append('\n');
            while (await reader.ReadAsync(Ct))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
                    sb.Append(reader.IsDBNull(i) ? "" : reader.GetFieldType(i).Name).Append(':').Append(value).Append(';');
                }

                sb.Append('\n');
            }
        }

        return sb.ToString();
    }
}
