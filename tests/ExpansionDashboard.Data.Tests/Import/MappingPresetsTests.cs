using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Data.Import.Kinds;
using ExpansionDashboard.Data.Import.Mapping;
using ExpansionDashboard.Metrics.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Data.Tests.Import;

[Trait(Lanes.Category, Lanes.Store)]
public sealed class MappingPresetsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string SamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "Import", "Samples", name);

    private static FileProfile ProfileOf(string name)
    {
        using var file = File.OpenRead(SamplePath(name));
        return FileProfile.Read(file);
    }

    [Theory]
    [InlineData("stripe-invoice-line-items.csv", "stripe-invoice-line-items", ImportKind.InvoiceLines)]
    [InlineData("chargebee-invoices.csv", "chargebee-invoices", ImportKind.InvoiceLines)]
    [InlineData("hubspot-deals.csv", "hubspot-deals", ImportKind.Opportunities)]
    [InlineData("salesforce-opportunities.csv", "salesforce-opportunities", ImportKind.Opportunities)]
    public void Recognise_VendorExport_PresetAndKind(string file, string presetId, ImportKind kind)
    {
        var recognised = ImportPresets.Recognise(ProfileOf(file).Headers);

        Assert.NotNull(recognised);
        Assert.Equal(presetId, recognised.Preset.Id);
        Assert.Equal(kind, recognised.Preset.Kind);
        Assert.All(ImportKinds.Get(kind).Columns.Where(c => c.Required && c.Name != "type" || c.Name == "type" && kind == ImportKind.Opportunities),
            c => Assert.True(recognised.Mapping.Headers.ContainsKey(c.Name), $"{presetId} leaves {c.Name} unmapped"));
    }

    [Fact]
    public void Recognise_StripeExport_MapsItsColumns()
    {
        var mapping = ImportPresets.Recognise(ProfileOf("stripe-invoice-line-items.csv").Headers)!.Mapping.Headers;

        Assert.Equal("customer", mapping["account_id"]);
        Assert.Equal("customer_name", mapping["account_name"]);
        Assert.Equal("product_name", mapping["product"]);
        Assert.Equal("period_start", mapping["service_start"]);
        Assert.Equal("period_end", mapping["service_end"]);
        Assert.Equal("amount_excluding_tax", mapping["amount"]);
        Assert.Equal("currency", mapping["currency"]);
    }

    [Fact]
    public void Recognise_TitleCaseHeaders_SameAsSnakeCase()
    {
        var recognised = ImportPresets.Recognise(["Invoice ID", "Customer", "Period Start (UTC)", "Period End (UTC)", "Amount", "Currency", "Proration"]);

        Assert.Equal("stripe-invoice-line-items", recognised?.Preset.Id);
        Assert.Equal("Period Start (UTC)", recognised!.Mapping.Headers["service_start"]);
    }

    [Theory]
    [InlineData("account_id,month,product,mrr")]
    [InlineData("InvoiceLineID,country,name,CustOrgID,currency,ValidFrom,ValidTo,Amount,Tax,AUD")]
    [InlineData("subscription_id,account_id,start_date,end_date,plan_tier,seats,mrr_amount")]
    public void Recognise_OtherFiles_NoPreset(string header)
    {
        Assert.Null(ImportPresets.Recognise(header.Split(',')));
    }

    [Fact]
    public void Mapping_FlatFormRoundTrips_ConstantsAndValues()
    {
        var recognised = ImportPresets.Recognise(ProfileOf("hubspot-deals.csv").Headers)!;
        var mapping = recognised.Mapping with { Constants = new Dictionary<string, string> { ["segment"] = "SMB" } };

        var back = ColumnMapping.Parse(mapping.ToFlat());

        Assert.Equal(mapping.Headers.OrderBy(k => k.Key), back.Headers.OrderBy(k => k.Key));
        Assert.Equal("SMB", back.Constants["segment"]);
        Assert.Equal("Negotiation", back.Translate("stage", "Contract sent"));
        Assert.Equal("Upsell", back.Translate("type", "existing business"));
        Assert.Equal("Closed won", back.Translate("stage", "Closed won"));
    }

    [Fact]
    public void Problems_ConstantAndHeaderForSameColumn_NamesColumn()
    {
        var mapping = ColumnMapping.Parse(new Dictionary<string, string> { ["segment"] = "Tier", ["const.segment"] = "SMB", ["const.colour"] = "red" });

        var problems = mapping.Problems(ImportKind.Mrr);

        Assert.Contains(problems, p => p.StartsWith("segment:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'colour' is not a column", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("stripe-invoice-line-items.csv", 5, 2)]
    [InlineData("chargebee-invoices.csv", 4, 2)]
    [InlineData("hubspot-deals.csv", 4, 2)]
    [InlineData("salesforce-opportunities.csv", 4, 2)]
    public async Task Commit_VendorExportWithItsPreset_EveryRowImported(string file, int rows, int accounts)
    {
        await using var ctx = await ImportTestContext.CreateAsync(seed: false);
        await using var stream = File.OpenRead(SamplePath(file));
        var recognised = ImportPresets.Recognise(FileProfile.Read(stream).Headers)!;
        var mapping = (recognised.Mapping with { Constants = new Dictionary<string, string> { ["segment"] = "Enterprise" } }).ToFlat();

        var preview = await ctx.Service.PreviewAsync(recognised.Preset.Kind, stream, file, mapping, Ct);
        var outcome = await ctx.Service.CommitAsync(recognised.Preset.Kind, stream, file, "tester", false, mapping, null, Ct);

        Assert.True(preview.ErrorCount == 0, string.Join("; ", preview.Errors));
        Assert.Equal(rows, outcome.RowsRead);
        Assert.Equal(0, outcome.Rejected);
        Assert.Equal(accounts, outcome.NewAccounts);
        await using var db = ctx.Db.CreateDbContext();
        Assert.All(await db.Accounts.ToListAsync(Ct), a => Assert.Equal("Enterprise", a.Segment));
    }

    [Fact]
    public async Task Commit_HubSpotStages_TranslatedToOurs()
    {
        await using var ctx = await ImportTestContext.CreateAsync(seed: false);
        await using var stream = File.OpenRead(SamplePath("hubspot-deals.csv"));
        var mapping = ImportPresets.Recognise(FileProfile.Read(stream).Headers)!.Mapping.ToFlat();

        await ctx.Service.CommitAsync(ImportKind.Opportunities, stream, "hubspot-deals.csv", "tester", false, mapping, null, Ct);

        await using var db = ctx.Db.CreateDbContext();
        var stages = await db.Opportunities.OrderBy(o => o.ExternalId).Select(o => o.Stage).ToListAsync(Ct);
        Assert.Equal([OpportunityStage.Negotiation, OpportunityStage.Proposal, OpportunityStage.Negotiation, OpportunityStage.ClosedWon], stages);
    }

    [Fact]
    public async Task Commit_ConstantColumn_EveryRowGetsItAndMissingRequiredColumnIsFilled()
    {
        await using var ctx = await ImportTestContext.CreateAsync(seed: false);
        var mapping = new Dictionary<string, string> { ["const.product"] = "Core Platform", ["const.segment"] = "SMB", ["account_name"] = "Name" };

        var outcome = await ctx.CommitAsync(ImportKind.Mrr, "account_id,month,mrr,Name\nC1,2026-09,100,Cee One\nC2,2026-09,50,Cee Two\n", mapping: mapping);

        Assert.Equal(0, outcome.Rejected);
        await using var db = ctx.Db.CreateDbContext();
        Assert.All(await db.Accounts.ToListAsync(Ct), a => Assert.Equal("SMB", a.Segment));
        Assert.Equal(2, await db.RevenueLines.CountAsync(Ct));
    }
}
