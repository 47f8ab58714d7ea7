using ExpansionDashboard.Data.Import;

namespace ExpansionDashboard.Data.Tests.Import;

/// <summary>
/// The bad-input corpus: every file gets a clear message naming the line (or the file), the column and the reason,
/// cannot be committed, and leaves the database exactly as it was (checksum). Files built to exhaust the server (zip bombs,
/// huge cell references, million-field lines) are in <see cref="HostileFileTests"/>, with their memory and time measured.
/// </summary>
[Trait(Lanes.Category, Lanes.Store)]
public class MalformedFileTests
{
    private const string MrrHeader = "account_id,month,product,mrr,seats,plan,expansion_type\n";
    private const string OppHeader = "opportunity_id,account_id,name,type,stage,amount,expected_close,owner\n";
    private const string InvHeader = "account_id,product,service_start,service_end,amount\n";
    private const string HealthHeader = "account_id,month,active_users,support_tickets,nps,payment_failures,exec_sponsor_change,qbr_attended,plan_limit_utilisation\n";

    public static TheoryData<string, ImportKind, string, string> Corpus()
    {
        var data = new TheoryData<string, ImportKind, string, string>
        {
            { "wrong delimiter (pipe)", ImportKind.Mrr, "account_id|month|product|mrr\nA1|2026-10|Core|10\n", "delimiter" },
            { "missing required column", ImportKind.Mrr, "account_id,month,product\nA1,2026-10,Core\n", "mrr" },
            { "empty file", ImportKind.Mrr, "", "empty" },
            { "whitespace only", ImportKind.Mrr, "   \n\n", "header" },
            { "header only", ImportKind.Mrr, MrrHeader, "no data rows" },
            { "non-numeric mrr", ImportKind.Mrr, MrrHeader + "A1,2026-10,Core,abc,,,\n", "line 2, column mrr" },
            { "negative mrr", ImportKind.Mrr, MrrHeader + "A1,2026-10,Core,-5,,,\n", "negative" },
            { "impossible month", ImportKind.Mrr, MrrHeader + "A1,2026-13,Core,10,,,\n", "column month" },
            { "month in wrong format", ImportKind.Mrr, MrrHeader + "A1,11/2026,Core,10,,,\n", "YYYY-MM" },
            { "empty account id", ImportKind.Mrr, MrrHeader + ",2026-10,Core,10,,,\n", "column account_id: is empty" },
            { "fractional seats", ImportKind.Mrr, MrrHeader + "A1,2026-10,Core,10,2.5,,\n", "column seats" },
            { "unknown expansion type", ImportKind.Mrr, MrrHeader + "A1,2026-10,Core,10,,,Magic\n", "column expansion_type" },
            { "duplicate key in file", ImportKind.Mrr, MrrHeader + "A1,2026-10,Core,10,,,\nA1,2026-10,Core,11,,,\n", "duplicate of line 2" },
            { "unterminated quote", ImportKind.Mrr, MrrHeader + "A1,2026-10,\"Core,10,,,\nA2,2026-10,Core,5,,,\n", "line" },
            { "1 MB single line", ImportKind.Mrr, MrrHeader + "A1,2026-10,\"" + new string('x', 1_048_576) + "\",10,,,\n", "longer than" },
            { "truncated file", ImportKind.Mrr, MrrHeader + "A1,2026-10,Core,10,,,\nA2,2026-1", "line 3" },
            { "binary garbage", ImportKind.Mrr, "\u0000\u0001\u0002PK\u0003\u0004garbage\u0000\u0000", "binary" },
            { "utf-16 file", ImportKind.Mrr, "a\u0000c\u0000c\u0000o\u0000", "binary" },
            { "impossible date", ImportKind.InvoiceLines, InvHeader + "A1,Core,2024-02-30,2024-03-30,100\n", "column service_start" },
            { "service_end before start", ImportKind.InvoiceLines, InvHeader + "A1,Core,2024-05-01,2024-04-01,100\n", "not after service_start" },
            { "service_end equals start", ImportKind.InvoiceLines, InvHeader + "A1,Core,2024-05-01,2024-05-01,100\n", "column service_end" },
            { "non-numeric invoice amount", ImportKind.InvoiceLines, InvHeader + "A1,Core,2024-05-01,2024-06-01,12 EUR\n", "column amount" },
            { "unknown stage", ImportKind.Opportunities, OppHeader + "O1,A1,Deal,Upsell,Maybe,100,2026-12-01,Ana\n", "column stage" },
            { "unknown type", ImportKind.Opportunities, OppHeader + "O1,A1,Deal,Upgrade,Proposal,100,2026-12-01,Ana\n", "column type" },
            { "negative opportunity amount", ImportKind.Opportunities, OppHeader + "O1,A1,Deal,Upsell,Proposal,-100,2026-12-01,Ana\n", "negative" },
            { "expected close not a date", ImportKind.Opportunities, OppHeader + "O1,A1,Deal,Upsell,Proposal,100,next week,Ana\n", "column expected_close" },
            { "duplicate opportunity id", ImportKind.Opportunities, OppHeader + "O1,A1,Deal,Upsell,Proposal,100,2026-12-01,Ana\nO1,A1,Deal 2,Upsell,Proposal,100,2026-12-01,Ana\n", "duplicate" },
            { "bad quarter", ImportKind.Targets, "quarter,segment,amount\n2026-Q5,SMB,100\n", "column quarter" },
            { "negative target", ImportKind.Targets, "quarter,segment,amount\n2026-Q4,SMB,-1\n", "negative" },
            { "non-numeric target", ImportKind.Targets, "quarter,segment,amount\n2026-Q4,SMB,lots\n", "column amount" },
            { "health for unknown account", ImportKind.Health, HealthHeader + "NOPE,2026-10,5,1,10,0,false,true,0.5\n", "does not exist" },
            { "nps out of range", ImportKind.Health, HealthHeader + "A1,2026-10,5,1,150,0,false,true,0.5\n", "column nps" },
            { "boolean not a boolean", ImportKind.Health, HealthHeader + "A1,2026-10,5,1,10,0,maybe,true,0.5\n", "column exec_sponsor_change" },
            { "duplicate headers differing in case", ImportKind.Mrr, "account_id,month,product,mrr,MRR\nA1,2026-10,Core,10,20\n", "Columns 4 (mrr) and 5 (MRR)" },
            { "duplicate headers differing in spacing", ImportKind.Accounts, "account_id,name,segment,Account ID\nA1,Alpha,SMB,A2\n", "Columns 1 (account_id) and 4 (Account ID)" },
            { "header without delimiter or line break", ImportKind.Mrr, new string('h', 70_000), "header row is longer than" },
            { "utilisation above 1", ImportKind.Health, HealthHeader + "A1,2026-10,5,1,10,0,false,true,1.5\n", "column plan_limit_utilisation" },
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task BadFile_ClearMessage_NotCommittable_StoreUnchanged(string name, ImportKind kind, string content, string expected)
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        var before = await ctx.ChecksumAsync();

        var preview = await ctx.PreviewAsync(kind, content);

        Assert.False(preview.CanCommit, name);
        var messages = string.Join("\n", preview.Errors.Select(e => e.ToString()));
        Assert.Contains(expected, messages, StringComparison.OrdinalIgnoreCase);
        await Assert.ThrowsAsync<ImportRejectedException>(() => ctx.CommitAsync(kind, content));
        Assert.Equal(before, await ctx.ChecksumAsync());
    }

    [Fact]
    public void Corpus_HasAtLeastThirtyFiles() => Assert.True(Corpus().Count >= 30);
}
