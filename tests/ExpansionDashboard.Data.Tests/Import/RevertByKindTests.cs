using System.Globalization;
using System.Text;
using ExpansionDashboard.Data.Import;
using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Data.Tests.Import;

/// <summary>For every kind, a commit that updates one stored row and adds one, reverted, leaves the data tables exactly as they were.</summary>
[Trait(Lanes.Category, Lanes.Store)]
public sealed class RevertByKindTests
{
    private static readonly string[] DataTables = ["Accounts", "RevenueLines", "Opportunities", "OpportunityStageHistory", "ExpansionTargets", "HealthSignals", "FxRates"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Kind, a first file (stored before), a second file (updates a row of the first, adds one), and its hand-counted updates and inserts.</summary>
    public static TheoryData<ImportKind, string, string, int, int> Cases() => new()
    {
        {
            ImportKind.Accounts, "",
            "account_id,name,segment,industry,region,csm\nA1,Alpha Renamed,Mid-Market,Healthcare,EMEA,Ana\nA3,Gamma,SMB,Media,LATAM,Cy\n", 1, 1
        },
        { ImportKind.Mrr, "", "account_id,month,product,mrr,seats,plan\nA1,2026-09,Core,1500.00,15,Premium\nA3,2026-09,Core,50,,\n", 1, 1 },
        {
            // 1200 over 12 months is 100 a month; 2400 makes it 200 in each of the 12 stored months; A2's line is one new month.
            ImportKind.InvoiceLines, "account_id,product,service_start,service_end,amount\nA1,Addon,2026-01-01,2027-01-01,1200\n",
            "account_id,product,service_start,service_end,amount\nA1,Addon,2026-01-01,2027-01-01,2400\nA2,Addon,2026-06-01,2026-07-01,100\n", 12, 1
        },
        {
            ImportKind.Opportunities,
            "opportunity_id,account_id,name,type,stage,amount,expected_close\nO1,A1,Alpha seats,Seats,Qualified,12000,2026-12-15\n",
            "opportunity_id,account_id,name,type,stage,amount,expected_close\nO1,A1,Alpha seats,Seats,Proposal,15000,2026-12-20\nO2,A2,Beta usage,Usage,Identified,3000,2027-02-01\n", 1, 1
        },
        {
            // The second file spells the segment in lower case: the same target, and revert restores the stored spelling.
            ImportKind.Targets, "quarter,segment,amount\n2026-Q4,SMB,1000\n", "quarter,segment,amount\n2026-Q4,smb,2000\n2027-Q1,,500\n", 1, 1
        },
        {
            ImportKind.Health, "account_id,month,active_users,nps,qbr_attended,usage_trend\nA1,2026-09,40,30,yes,0.1\n",
            "account_id,month,active_users,nps,qbr_attended,usage_trend\nA1,2026-09,41,-5,no,-0.25\nA2,2026-09,5,10,,\n", 1, 1
        },
        { ImportKind.FxRates, "month,currency,rate\n2026-09,EUR,1.1\n", "month,currency,rate\n2026-09,EUR,1.2\n2026-10,EUR,1.15\n", 1, 1 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Revert_UpdateAndInsertOfEachKind_RestoresDataTablesExactly(ImportKind kind, string first, string second, int updated, int inserted)
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        if (first.Length > 0)
        {
            await ctx.CommitAsync(kind, first);
        }

        var before = await DumpAsync(ctx);
        var outcome = await ctx.CommitAsync(kind, second);
        var changed = await DumpAsync(ctx);
        await ctx.Service.RevertAsync(outcome.BatchId, "tester", Ct);
        var after = await DumpAsync(ctx);

        Assert.Equal((updated, inserted), (outcome.Updated, outcome.Inserted));
        Assert.NotEqual(before, changed);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Commit_FormAndApiSources_AreStoredOnTheBatch()
    {
        await using var ctx = await ImportTestContext.CreateAsync(seed: false);
        var file = await ctx.CommitAsync(ImportKind.Targets, "quarter,segment,amount\n2026-Q4,,100\n");
        var api = await ctx.Service.CommitAsync(ImportSource.Api, ImportKind.Targets, ImportTestContext.Stream("quarter,segment,amount\n2026-Q4,,200\n"), "targets.csv", "api", ct: Ct);
        var form = await new FormEditService(ctx.Service).SaveTargetAsync("2026-Q4", null, 300, "tester", Ct);

        await using var db = ctx.Db.CreateDbContext();
        var sources = await db.ImportBatches.OrderBy(b => b.Id).Select(b => new { b.Id, b.Source, b.FileName }).ToListAsync(Ct);
        Assert.Equal([(file.BatchId, ImportSource.File), (api.BatchId, ImportSource.Api), (form.BatchId, ImportSource.Form)], sources.Select(s => (s.Id, s.Source)));
        Assert.Equal("(form) target 2026-Q4", sources[2].FileName);

        // A form edit is audited by the form (target.edit), not also as an import.
        var actions = await db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(Ct);
        Assert.Equal(["import.commit", "import.commit", "target.edit"], actions);
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
                    sb.Append(reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append(';');
                }

                sb.Append('\n');
            }
        }

        return sb.ToString();
    }
}
