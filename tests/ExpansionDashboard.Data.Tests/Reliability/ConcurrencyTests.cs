using System.Globalization;
using System.Text;
using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Data.Tests.Import;

namespace ExpansionDashboard.Data.Tests.Reliability;

/// <summary>Imports at the same time as each other and as readers: nothing lost, nothing doubled, no half batch seen.</summary>
[Trait(Lanes.Category, Lanes.Store)]
public sealed class ConcurrencyTests(ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MemoryStream Csv(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));

    private static string Mrr(string prefix, int accounts, string month) =>
        "account_id,month,product,mrr,account_name,segment,industry,region,csm\n" +
        string.Join("\n", Enumerable.Range(0, accounts).Select(a => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{a},{month},Core,{a + 1}.00,{prefix} {a},SMB,Retail,EMEA,Ava Thompson")));

    private static async Task<long> ScalarAsync(System.Data.Common.DbConnection c, string sql)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(Ct), CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task TwoImportsAtOnce_BothCommitWholly_NoRowLostOrDoubled()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        await using var c = await ctx.Db.OpenConnectionAsync(Ct);
        var linesBefore = await ScalarAsync(c, "SELECT COUNT(*) FROM \"RevenueLines\"");

        // Two different files and the same file twice, all at once.
        var results = await Task.WhenAll(
            ctx.Service.CommitAsync(ImportKind.Mrr, Csv(Mrr("CA", 3_000, "2026-10")), "a.csv", "one", ct: Ct),
            ctx.Service.CommitAsync(ImportKind.Mrr, Csv(Mrr("CB", 2_000, "2026-10")), "b.csv", "two", ct: Ct),
            ctx.Service.CommitAsync(ImportKind.Mrr, Csv(Mrr("CB", 2_000, "2026-10")), "b-again.csv", "three", ct: Ct),
            ctx.Service.CommitAsync(ImportKind.Targets, Csv("quarter,segment,amount\n2026-Q4,SMB,12345\n"), "t.csv", "four", ct: Ct));

        Assert.Equal(4, results.Select(r => r.BatchId).Distinct().Count());
        Assert.Equal(linesBefore + 5_000, await ScalarAsync(c, "SELECT COUNT(*) FROM \"RevenueLines\""));
        Assert.Equal(0, await ScalarAsync(c, "SELECT COUNT(*) FROM (SELECT \"AccountId\", \"Month\", \"Product\" FROM \"RevenueLines\" GROUP BY \"AccountId\", \"Month\", \"Product\" HAVING COUNT(*) > 1) AS d"));
        Assert.Equal(5_000, await ScalarAsync(c, "SELECT COUNT(*) FROM \"Accounts\" WHERE \"ExternalId\" LIKE 'CA-%' OR \"ExternalId\" LIKE 'CB-%'"));
        var b = results.Where(r => r.Kind == "mrr" && r.RowsRead == 2_000).ToList();
        Assert.Equal(2_000, b.Sum(r => r.Inserted));
        Assert.Equal(2_000, b.Sum(r => r.Unchanged));
        Assert.Equal(1, await ScalarAsync(c, "SELECT COUNT(*) FROM \"ExpansionTargets\" WHERE \"Quarter\" = '2026-Q4' AND \"Segment\" = 'SMB' AND CAST(\"Amount\" AS DOUBLE PRECISION) = 12345"));
    }

    [Fact]
    public async Task TwentyReaders_WhileALargeImportCommits_SeeOnlyBeforeOrAfter()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        const string sql = "SELECT CAST(COUNT(*) * 1000000000 + COALESCE(SUM(CAST(\"Mrr\" AS DOUBLE PRECISION)), 0) AS BIGINT) FROM \"RevenueLines\"";
        await using var first = await ctx.Db.OpenConnectionAsync(Ct);
        var before = await ScalarAsync(first, sql);

        using var stop = new CancellationTokenSource();
        var seen = new System.Collections.Concurrent.ConcurrentBag<long>();
        var readers = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            await using var c = await ctx.Db.OpenConnectionAsync(Ct);
            var reads = 0;
            while (!stop.IsCancellationRequested)
            {
                seen.Add(await ScalarAsync(c, sql));
                reads++;
            }

            return reads;
        }, Ct)).ToList();

        await ctx.Service.CommitAsync(ImportKind.Mrr, Csv(Mrr("BIG", 60_000, "2026-10")), "big.csv", "tester", ct: Ct);
        await Task.Delay(200, Ct);
        await stop.CancelAsync();
        var reads = (await Task.WhenAll(readers)).Sum();
        var after = await ScalarAsync(first, sql);

        Assert.NotEqual(before, after);
        Assert.All(seen, v => Assert.True(v == before || v == after, "a reader saw part of a batch"));
        Assert.Contains(before, seen);
        Assert.Contains(after, seen);
        output.WriteLine($"20 readers made {reads:N0} reads during a 60,000-row commit; every one saw the store before or after the batch");
    }
}
