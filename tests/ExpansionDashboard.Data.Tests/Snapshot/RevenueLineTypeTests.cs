using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Data.Tests.Import;
using ExpansionDashboard.Metrics.Model;
using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Data.Tests.Snapshot;

/// <summary>A revenue line's expansion type is stored as the type's name and read back as the enum.</summary>
[Trait(Lanes.Category, Lanes.Store)]
public sealed class RevenueLineTypeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Import_CrossSellWrittenAsText_StoredAsTheTypesNameAndReadAsTheEnum()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        await ctx.CommitAsync(ImportKind.Mrr, """
            account_id,month,product,mrr,expansion_type
            A1,2026-09,Analytics,50.00,cross-sell
            A2,2026-09,Core,350.00,seats
            """);

        await using var db = ctx.Db.CreateDbContext();
        var types = await db.RevenueLines.Where(r => r.Month == new Month(2026, 9)).OrderBy(r => r.AccountId).ThenBy(r => r.Product)
            .Select(r => new { r.Product, r.ExpansionType }).ToListAsync(Ct);
        await using var c = await ctx.Db.OpenConnectionAsync(Ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT \"ExpansionType\" FROM \"RevenueLines\" WHERE \"ExpansionType\" IS NOT NULL ORDER BY \"ExpansionType\"";
        var stored = new List<string>();
        await using (var reader = await cmd.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                stored.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["CrossSell", "Seats"], stored);
        Assert.Contains(types, t => t.Product == "Analytics" && t.ExpansionType == ExpansionType.CrossSell);
        Assert.Contains(types, t => t.Product == "Core" && t.ExpansionType == ExpansionType.Seats);
    }

    [Fact]
    public async Task Read_TextAnOlderVersionStored_ReadsAsNoTypeInsteadOfFailing()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        await using (var c = await ctx.Db.OpenConnectionAsync(Ct))
        {
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE \"RevenueLines\" SET \"ExpansionType\" = 'Seat expansion'";
            await cmd.ExecuteNonQueryAsync(Ct);
        }

        await using var db = ctx.Db.CreateDbContext();
        var types = await db.RevenueLines.Select(r => r.ExpansionType).ToListAsync(Ct);
        var snapshot = await ctx.Snapshots.GetAsync(Ct);

        Assert.NotEmpty(types);
        Assert.All(types, t => Assert.Null(t));
        Assert.Equal(1500m, snapshot.Revenue.Accounts.Sum(a => a.Total[snapshot.Revenue.IndexOf(new Month(2026, 9))]));
    }
}
