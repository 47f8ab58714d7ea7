using System.Globalization;
using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Metrics.Model;
using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Data.Tests.Import;

/// <summary>Currencies, FX rates and the horizon in the import (METRICS.md "Currencies" and "The data's horizon").</summary>
[Trait(Lanes.Category, Lanes.Store)]
public class CurrencyImportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<List<(Month Month, string Currency, decimal Rate)>> RatesAsync(ImportTestContext ctx)
    {
        await using var db = ctx.Db.CreateDbContext();
        return (await db.FxRates.AsNoTracking().Select(r => new { r.Month, r.Currency, r.Rate }).ToListAsync(Ct))
            .Select(r => (r.Month, r.Currency, r.Rate)).OrderBy(r => r.Month).ThenBy(r => r.Currency, StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task FxRatesImport_Revert_RestoresExactlyThePreviousRates()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        await ctx.CommitAsync(ImportKind.FxRates, "month,currency,rate\n2026-08,GBP,1.25\n2026-08,eur,1.10\n");
        var first = await RatesAsync(ctx);
        var checksum = await ctx.ChecksumAsync();

        var preview = await ctx.PreviewAsync(ImportKind.FxRates, "month,currency,rate\n2026-08,GBP,1.30\n2026-09,GBP,1.28\n2026-08,EUR,1.10\n");
        Assert.Equal(checksum, await ctx.ChecksumAsync());
        var outcome = await ctx.CommitAsync(ImportKind.FxRates, "month,currency,rate\n2026-08,GBP,1.30\n2026-09,GBP,1.28\n2026-08,EUR,1.10\n");

        Assert.Equal([(new Month(2026, 8), "EUR", 1.10m), (new Month(2026, 8), "GBP", 1.25m)], first);
        Assert.Equal((1, 1, 1), (preview.New, preview.Changed, preview.Unchanged));
        Assert.Equal(preview.Counts, outcome.Counts);
        Assert.Equal([(new Month(2026, 8), "EUR", 1.10m), (new Month(2026, 8), "GBP", 1.30m), (new Month(2026, 9), "GBP", 1.28m)], await RatesAsync(ctx));

        await ctx.Service.RevertAsync(outcome.BatchId, "tester", Ct);

        Assert.Equal(first, await RatesAsync(ctx));
    }

    [Theory]
    [InlineData("2026-08,USD,1", "currency", "reporting currency")]
    [InlineData("2026-08,GBP,0", "rate", "not above zero")]
    [InlineData("2026-08,GBP,-1.2", "rate", "not above zero")]
    [InlineData("2026-08,GBP,abc", "rate", "not a number")]
    [InlineData("2026-08,XYZ,1.2", "currency", "ISO 4217")]
    [InlineData("2026-08,,1.2", "currency", "empty")]
    [InlineData("08/2026,GBP,1.2", "month", "YYYY-MM")]
    public async Task FxRatesImport_BadRow_RejectedWithColumnAndReason(string row, string column, string reason)
    {
        await using var ctx = await ImportTestContext.CreateAsync();

        var preview = await ctx.PreviewAsync(ImportKind.FxRates, "month,currency,rate\n2026-08,EUR,1.1\n" + row + "\n");

        var error = Assert.Single(preview.Errors);
        Assert.Equal((3, column), (error.Line, error.Column));
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal(1, preview.RowsValid);
    }

    [Fact]
    public async Task Mrr_CurrencyWithoutRate_RejectedNamingCurrencyAndMonth()
    {
        await using var ctx = await ImportTestContext.CreateAsync();

        // A rate after the row's month does not help: a month uses the latest rate at or before it.
        await ctx.CommitAsync(ImportKind.FxRates, "month,currency,rate\n2016-04,GBP,1.4\n");
        var preview = await ctx.PreviewAsync(ImportKind.Mrr, "account_id,month,product,mrr,currency\nG1,2016-03,Core,100,gbp\nG1,2016-04,Core,100,GBP\n");

        var error = Assert.Single(preview.Errors);
        Assert.Equal((2, "currency", IssueKinds.MissingFxRate), (error.Line, error.Column, error.Kind));
        Assert.Equal("No FX rate for GBP at or before 2016-03: import fx-rates first", error.Reason);
        Assert.Equal(1, preview.RowsRejected);
        var group = Assert.Single(preview.ErrorGroups);
        Assert.Equal((IssueKinds.MissingFxRate, 1), (group.Kind, group.Count));
        await Assert.ThrowsAsync<ImportRejectedException>(() => ctx.CommitAsync(ImportKind.Mrr, "account_id,month,product,mrr,currency\nG1,2016-03,Core,100,GBP\n"));
    }

    [Fact]
    public async Task Mrr_CurrencyWithRate_StoredInItsCurrencyAndConvertedInThePreview()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        await ctx.CommitAsync(ImportKind.FxRates, "month,currency,rate\n2026-07,GBP,1.25\n2026-09,GBP,1.5\n");
        const string file = "account_id,month,product,mrr,currency\nA1,2026-08,Add-on,100,GBP\nA1,2026-09,Add-on,100,GBP\nA2,2026-09,Add-on,50,\n";

        var preview = await ctx.PreviewAsync(ImportKind.Mrr, file);
        var outcome = await ctx.CommitAsync(ImportKind.Mrr, file);

        Assert.Equal(0, preview.ErrorCount);

        // Stored today: 1,300 in August, 1,500 in September (USD). August adds 100 GBP at 1.25; September 100 GBP at 1.5 and 50 USD.
        Assert.Equal([new MonthMrrChange("2026-08", 1300m, 1425m), new MonthMrrChange("2026-09", 1500m, 1700m)], preview.MrrByMonth);
        Assert.Equal([new CurrencyTotal("GBP", 2, 200m, 275m), new CurrencyTotal("USD", 1, 50m, 50m)], preview.CurrencyTotals);
        Assert.Contains(preview.WarningGroups, g => g.Kind == IssueKinds.MixedCurrencies && g.Count == 1);
        await using var db = ctx.Db.CreateDbContext();
        var lines = await db.RevenueLines.Where(r => r.ImportBatchId == outcome.BatchId).OrderBy(r => r.Month).ThenBy(r => r.Currency).ToListAsync(Ct);
        Assert.Equal([("GBP", 100m), ("", 50m), ("GBP", 100m)], lines.Select(l => (l.Currency, l.Mrr)));
    }

    [Fact]
    public async Task Mrr_ReportingCurrencyCode_IsTheSameLineAsEmpty()
    {
        await using var ctx = await ImportTestContext.CreateAsync();

        var preview = await ctx.PreviewAsync(ImportKind.Mrr, "account_id,month,product,mrr,seats,plan,currency\nA1,2026-08,Core,1000.00,10,Plus,usd\nA2,2026-08,Core,300.00,3,Standard,\n");

        Assert.Equal((0, 0, 2), (preview.New, preview.Changed, preview.Unchanged));
        Assert.Equal([new CurrencyTotal("USD", 2, 1300m, 1300m)], preview.CurrencyTotals);
        Assert.DoesNotContain(preview.Warnings, w => w.Kind == IssueKinds.MixedCurrencies);
    }

    [Theory]
    [InlineData("US$")]
    [InlineData("XYZ")]
    [InlineData("EURO")]
    [InlineData("12")]
    public async Task RevenueRow_InvalidCurrencyCode_RejectedWithColumnCurrency(string code)
    {
        await using var ctx = await ImportTestContext.CreateAsync();

        var mrr = await ctx.PreviewAsync(ImportKind.Mrr, $"account_id,month,product,mrr,currency\nA1,2026-10,Core,10,{code}\n");
        var invoice = await ctx.PreviewAsync(ImportKind.InvoiceLines, $"account_id,service_start,service_end,amount,currency\nA1,2026-01-01,2027-01-01,1200,{code}\n");

        foreach (var preview in new[] { mrr, invoice })
        {
            var error = Assert.Single(preview.Errors);
            Assert.Equal((2, "currency", IssueKinds.InvalidCurrency), (error.Line, error.Column, error.Kind));
            Assert.Contains("ISO 4217", error.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task InvoiceLines_ForeignCurrency_SpreadInItsOwnCurrencyFromTheServiceStartRate()
    {
        await using var ctx = await ImportTestContext.CreateAsync(seed: false, currency: "AUD");
        await ctx.CommitAsync(ImportKind.FxRates, "month,currency,rate\n2024-02,USD,1.5\n");

        // The first line starts in January, before the only USD rate: rejected; the second is spread 1,200 USD / 12.
        const string file = """
            account_id,service_start,service_end,amount,currency
            I1,2024-01-15,2025-01-15,1200,USD
            I2,2024-02-01,2025-02-01,1200,USD
            I3,2024-02-01,2024-03-01,90,AUD
            """;
        var preview = await ctx.PreviewAsync(ImportKind.InvoiceLines, file);
        var outcome = await ctx.CommitAsync(ImportKind.InvoiceLines, file, skipRejected: true);

        Assert.Equal("No FX rate for USD at or before 2024-01: import fx-rates first", Assert.Single(preview.Errors).Reason);
        Assert.Equal([new CurrencyTotal("USD", 2, 2400m, null), new CurrencyTotal("AUD", 1, 90m, 90m)], preview.CurrencyTotals);
        Assert.Equal(new MonthMrrChange("2024-02", 0m, 100m * 1.5m + 90m), preview.MrrByMonth[0]);
        await using var db = ctx.Db.CreateDbContext();
        var lines = await db.RevenueLines.Where(r => r.ImportBatchId == outcome.BatchId).ToListAsync(Ct);
        Assert.Equal(13, lines.Count);
        Assert.All(lines.Where(l => l.Currency == "USD"), l => Assert.Equal(100m, l.Mrr));
        Assert.Equal(90m, Assert.Single(lines, l => l.Currency == "").Mrr);
    }

    [Fact]
    public async Task MrrBatch_Horizon_IsItsLatestMonth()
    {
        await using var ctx = await ImportTestContext.CreateAsync();

        var outcome = await ctx.CommitAsync(ImportKind.Mrr, "account_id,month,product,mrr\nA1,2026-10,Core,10\nA1,2025-12,Core,10\nA2,2026-11,Core,5\n");
        var targets = await ctx.CommitAsync(ImportKind.Targets, "quarter,segment,amount\n2026-Q4,,1000\n");
        var rates = await ctx.CommitAsync(ImportKind.FxRates, "month,currency,rate\n2027-01,EUR,1.1\n");

        await using var db = ctx.Db.CreateDbContext();
        var horizons = await db.ImportBatches.ToDictionaryAsync(b => b.Id, b => b.HorizonMonth, Ct);
        Assert.Equal(new DateOnly(2026, 11, 1), horizons[outcome.BatchId]);
        Assert.Null(horizons[targets.BatchId]);
        Assert.Null(horizons[rates.BatchId]);
        Assert.Equal("2026-11", outcome.Preview.Horizon);
    }

    [Fact]
    public async Task InvoiceLinesBatch_Horizon_IsTheLatestServiceStartNotTheEnd()
    {
        await using var ctx = await ImportTestContext.CreateAsync(seed: false);
        const string file = """
            account_id,service_start,service_end,amount
            I1,2024-01-15,2027-01-15,3600
            I2,2024-06-30,2024-07-30,100
            I3,2024-03-01,2025-03-01,1200
            """;

        var preview = await ctx.PreviewAsync(ImportKind.InvoiceLines, file);
        var outcome = await ctx.CommitAsync(ImportKind.InvoiceLines, file);

        await using var db = ctx.Db.CreateDbContext();
        Assert.Equal(new DateOnly(2024, 6, 1), (await db.ImportBatches.SingleAsync(b => b.Id == outcome.BatchId, Ct)).HorizonMonth);
        Assert.Equal("2024-06", preview.Horizon);

        // The preview's MRR runs over the file's span up to its horizon: January to June 2024, every month.
        Assert.Equal(["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"], preview.MrrByMonth.Select(m => m.Month));
        Assert.Equal(100m + 100m, preview.MrrByMonth.Single(m => m.Month == "2024-03").After);
    }

    [Fact]
    public async Task Preview_ManyAlikeWarnings_OneGroupWithCountAndTwentyExamples()
    {
        await using var ctx = await ImportTestContext.CreateAsync(seed: false);
        var rows = string.Concat(Enumerable.Range(0, 31).Select(_ => "D1,Core,2024-01-01,2024-02-01,100\n"));

        var preview = await ctx.PreviewAsync(ImportKind.InvoiceLines, "account_id,product,service_start,service_end,amount,account_name\n" + rows.Replace("100\n", "100,Dee\n", StringComparison.Ordinal));

        var group = Assert.Single(preview.WarningGroups);
        Assert.Equal(IssueKinds.DoubleBilling, group.Kind);
        Assert.Equal(30, group.Count);
        Assert.Contains("double billing", group.Title, StringComparison.Ordinal);
        Assert.Equal(IssueGroup.MaxExamples, group.Examples.Count);
        Assert.Equal(Enumerable.Range(3, 20), group.Examples.Select(e => e.Line));
        Assert.Equal(30, preview.Warnings.Count);
        Assert.Equal(30, preview.WarningCount);
    }

    [Fact]
    public async Task Counts_PreviewCommitAndHistory_Agree()
    {
        await using var ctx = await ImportTestContext.CreateAsync();

        // Two new accounts and a changed line; invoice lines spread into more store rows than the file has lines.
        const string file = """
            account_id,product,service_start,service_end,amount,account_name
            N1,Core,2026-01-01,2026-04-01,300,New One
            N2,Core,2026-02-01,2026-03-01,50,New Two
            A1,Core,2026-09-01,2026-10-01,1250,
            A1,Core,2026-09-01,2026-08-01,1,
            """;
        var preview = await ctx.PreviewAsync(ImportKind.InvoiceLines, file);
        var outcome = await ctx.CommitAsync(ImportKind.InvoiceLines, file, skipRejected: true);

        Assert.Equal(new ImportCounts(4, 3, 1, 4, 1, 0, 2), preview.Counts);
        Assert.Equal(preview.Counts, outcome.Counts);
        await using var db = ctx.Db.CreateDbContext();
        var batch = await db.ImportBatches.SingleAsync(b => b.Id == outcome.BatchId, Ct);
        Assert.Equal((preview.RowsRead, preview.New, preview.Changed, preview.RowsRejected), (batch.RowsRead, batch.RowsInserted, batch.RowsUpdated, batch.RowsRejected));
        Assert.Equal(preview.New, await db.RevenueLines.CountAsync(r => r.ImportBatchId == outcome.BatchId, Ct));
        Assert.Equal(preview.NewAccounts, await db.Accounts.CountAsync(a => a.ImportBatchId == outcome.BatchId, Ct));
    }

    [Fact]
    public async Task RealInvoiceFile_AudReportingWithRates_MappedCountsAgreeAndWarningsGrouped()
    {
        var path = ImportServiceTests.FindShared("data/real/q-invoice-lines/q_invoice_lines.csv");
        if (path is null)
        {
            Assert.Skip("../shared/data/real/q-invoice-lines/q_invoice_lines.csv is not on this machine.");
        }

        await using var ctx = await ImportTestContext.CreateAsync(seed: false, currency: "AUD");

        // The file's AUD column is each amount at one fixed rate per currency; those rates, from its first month on.
        await ctx.CommitAsync(ImportKind.FxRates, "month,currency,rate\n2007-09,NZD,0.952381\n2007-09,GBP,1.923077\n2007-09,USD,1.351351\n2007-09,EUR,1.515152\n2007-09,CNY,0.206612\n");
        var mapping = new Dictionary<string, string>
        {
            ["account_id"] = "CustOrgID",
            ["account_name"] = "name",
            ["service_start"] = "ValidFrom",
            ["service_end"] = "ValidTo",
            ["amount"] = "Amount",
            ["currency"] = "currency",
            ["region"] = "country",
        };
        await using var file = File.OpenRead(path);

        var preview = await ctx.Service.PreviewAsync(ImportKind.InvoiceLines, file, "q_invoice_lines.csv", mapping, Ct);
        var outcome = await ctx.Service.CommitAsync(ImportKind.InvoiceLines, file, "q_invoice_lines.csv", "tester", skipRejected: true, mapping, null, Ct);

        Assert.Equal(3769, preview.RowsRead);
        Assert.Equal(0, preview.ErrorCount);
        Assert.Equal(["AUD", "USD", "GBP", "NZD", "EUR", "CNY"], preview.CurrencyTotals.Select(c => c.Currency));
        Assert.Equal([2402, 809, 307, 136, 110, 5], preview.CurrencyTotals.Select(c => c.Rows));
        var audColumn = File.ReadLines(path).Skip(1).Sum(l => decimal.Parse(l[(l.LastIndexOf(',') + 1)..], CultureInfo.InvariantCulture));
        Assert.InRange(preview.CurrencyTotals.Sum(c => c.InReportingCurrency!.Value), audColumn - 5m, audColumn + 5m);
        Assert.Contains(preview.WarningGroups, g => g.Kind == IssueKinds.MixedCurrencies);
        var doubleBilling = Assert.Single(preview.WarningGroups, g => g.Kind == IssueKinds.DoubleBilling);
        Assert.True(doubleBilling.Count > 200, $"double billing: {doubleBilling.Count}");
        Assert.Equal(doubleBilling.Count, preview.Warnings.Count(w => w.Kind == IssueKinds.DoubleBilling));
        Assert.Equal(preview.WarningCount, preview.WarningGroups.Sum(g => g.Count));
        Assert.Equal("2016-06", preview.Horizon);
        Assert.Equal("2016-06", preview.MrrByMonth[^1].Month);

        Assert.Equal(preview.Counts, outcome.Counts);
        Assert.Equal(778, outcome.NewAccounts); // distinct CustOrgID values (one of the 777 names has two)
        await using var db = ctx.Db.CreateDbContext();
        var batch = await db.ImportBatches.SingleAsync(b => b.Id == outcome.BatchId, Ct);
        Assert.Equal((preview.RowsRead, preview.New, preview.Changed), (batch.RowsRead, batch.RowsInserted, batch.RowsUpdated));
        Assert.Equal(new DateOnly(2016, 6, 1), batch.HorizonMonth);
        var currencies = await db.RevenueLines.Select(r => r.Currency).Distinct().ToListAsync(Ct);
        Assert.Equal(["", "CNY", "EUR", "GBP", "NZD", "USD"], currencies.Order(StringComparer.Ordinal));
    }
}
