using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Data.Import.Mapping;

namespace ExpansionDashboard.Data.Tests.Import;

[Trait(Lanes.Category, Lanes.Unit)]
public sealed class MappingSuggesterTests
{
    /// <summary>The real invoice file's header and its first rows (../shared/data/real/q-invoice-lines), as the user uploads it.</summary>
    private const string RealInvoiceHead = """
        "InvoiceLineID","country","country_cat","cancelled","name","CustOrgID","currency","salesman","validInvoice","LineNum","ValidFrom","ValidTo","Amount","Tax","IsTransferrable","Renewed","Computers","numberTransferable","numberStandard","ComputersToRenew","AUD"
        1,"Australia","Australia",0,"Organization 33","5072088a-5e82-4024-b1d1-b159d7cae07c","AUD",,1,0,2009-05-11,2009-11-11,3747.5,374.75,0,1,5,0,5,,3747.5
        2,"Australia","Australia",0,"Organization 35","53bcbcb5-bd71-45c7-a836-2035b4fc471a","AUD",,0,0,2008-09-18,2009-09-18,0,0,0,1,1,0,0,,0
        3,"United States","United States",0,"Organization 36","1bfbe724-8e6a-4808-8b49-26f8bdb4ced2","USD",,0,0,2009-02-25,2010-03-06,1250,0,0,1,1,0,0,,1689.18918918919
        4,"Australia","Australia",0,"Organization 415","3524db2f-a851-4933-aae5-40ba614275c4","AUD","4",1,0,2009-01-05,2010-02-04,1499,136.27,0,1,1,0,1,,1499
        """;

    private static FileProfile Profile(string csv) => CsvSource.Profile(ImportTestContext.Stream(csv));

    [Fact]
    public void Profile_RealInvoiceHead_ThreeDistinctNonEmptySamplesPerHeader()
    {
        var profile = Profile(RealInvoiceHead);

        Assert.Equal(21, profile.Headers.Count);
        Assert.Equal(["Organization 33", "Organization 35", "Organization 36"], profile.SamplesOf("name"));
        Assert.Equal(["AUD", "USD"], profile.SamplesOf("currency"));
        Assert.Equal(["4"], profile.SamplesOf("salesman"));
        Assert.Empty(profile.SamplesOf("ComputersToRenew"));
    }

    [Fact]
    public void Suggest_RealInvoiceFile_IdAmountAndCurrencyNotTheConvertedColumn()
    {
        var suggestions = MappingSuggester.Suggest(ImportKind.InvoiceLines, Profile(RealInvoiceHead));

        Assert.Equal("CustOrgID", suggestions.HeaderFor("account_id"));
        Assert.Equal("name", suggestions.HeaderFor("account_name"));
        Assert.Equal("ValidFrom", suggestions.HeaderFor("service_start"));
        Assert.Equal("ValidTo", suggestions.HeaderFor("service_end"));
        Assert.Equal("Amount", suggestions.HeaderFor("amount"));
        Assert.Equal("currency", suggestions.HeaderFor("currency"));
        Assert.Equal("Computers", suggestions.HeaderFor("quantity"));
        Assert.Equal("country", suggestions.HeaderFor("region"));
        Assert.DoesNotContain(suggestions.Columns, c => c.Header is "AUD" or "Tax");
        Assert.Contains(suggestions.Hints, h => h.Contains("AUD", StringComparison.Ordinal) && h.Contains("twice", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("customer", "account_id")]
    [InlineData("customer_id", "account_id")]
    [InlineData("org", "account_id")]
    [InlineData("name", "account_id")]
    [InlineData("period_start", "service_start")]
    [InlineData("start_date", "service_start")]
    [InlineData("Period Start (UTC)", "service_start")]
    [InlineData("period_end", "service_end")]
    [InlineData("amount_excl_tax", "amount")]
    [InlineData("line amount", "amount")]
    [InlineData("Currency", "currency")]
    public void Suggest_Synonym_MapsToCanonicalColumn(string header, string column)
    {
        var value = column switch
        {
            "service_start" or "service_end" => "2026-01-01",
            "amount" => "120.50",
            "currency" => "EUR",
            _ => "Acme",
        };

        var suggestions = MappingSuggester.Suggest(ImportKind.InvoiceLines, Profile($"{header},other\n{value},x\n"));

        Assert.Equal(header, suggestions.HeaderFor(column));
    }

    [Fact]
    public void Suggest_MrrSnapshot_MrrMonthAndProductFromExportNames()
    {
        var suggestions = MappingSuggester.Suggest(ImportKind.Mrr, Profile("Customer,Period,Item,Monthly Revenue\nA1,2026-10,Core,10\n"));

        Assert.Equal("Customer", suggestions.HeaderFor("account_id"));
        Assert.Equal("Period", suggestions.HeaderFor("month"));
        Assert.Equal("Item", suggestions.HeaderFor("product"));
        Assert.Equal("Monthly Revenue", suggestions.HeaderFor("mrr"));
    }

    [Fact]
    public void Suggest_DateColumnWithTextValues_NotSuggested()
    {
        var suggestions = MappingSuggester.Suggest(ImportKind.InvoiceLines, Profile("account_id,start,amount\nA1,soon,10\n"));

        Assert.Null(suggestions.HeaderFor("service_start"));
    }

    [Fact]
    public void Suggest_UnrelatedHeaders_NothingGuessed()
    {
        var suggestions = MappingSuggester.Suggest(ImportKind.InvoiceLines, Profile("colour,flavour\nred,sweet\n"));

        Assert.Empty(suggestions.Columns);
    }

    [Fact]
    public void Suggest_EachHeaderUsedOnce()
    {
        var suggestions = MappingSuggester.Suggest(ImportKind.Mrr, Profile("account_id,month,product,mrr,seats\nA1,2026-10,Core,10,3\n"));

        Assert.Equal(suggestions.Columns.Count, suggestions.Columns.Select(c => c.Header).Distinct().Count());
        Assert.Equal("seats", suggestions.HeaderFor("seats"));
    }
}
