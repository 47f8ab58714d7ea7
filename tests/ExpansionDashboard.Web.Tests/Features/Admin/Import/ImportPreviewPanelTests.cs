using System.Text;
using Bunit;
using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Web.Features.Admin.Import;
using ExpansionDashboard.Web.Shared.Charts;

namespace ExpansionDashboard.Web.Tests.Features.Admin.Import;

[Trait(Lanes.Category, Lanes.Unit)]
public sealed class ImportPreviewPanelTests : MudComponentTest
{
    private static ImportPreview Preview(
        IReadOnlyList<MonthMrrChange>? months = null,
        List<ImportIssue>? warnings = null,
        IReadOnlyList<IssueGroup>? warningGroups = null,
        IReadOnlyList<CurrencyTotal>? currencies = null)
    {
        warnings ??= [];
        return new ImportPreview(
            "invoice-lines", "q_invoice_lines.csv", ",", ["a"], new Dictionary<string, string>(), [], 10, 10, 0, 0, warnings.Count,
            [], warnings, [], 5, 0, 0, 2, [], months ?? [], currencies ?? [], warningGroups ?? [], []);
    }

    [Fact]
    public void MrrChart_WholeSpan_StoredTodayBesideAfterImport()
    {
        var months = Enumerable.Range(0, 40).Select(i => new MonthMrrChange($"{2013 + (i / 12)}-{(i % 12) + 1:00}", 10m * i, 10m * i + 5.555m)).ToList();

        var spec = ImportPreviewPanel.MrrChart(months, "AUD");

        Assert.Equal("line", spec.Type);
        Assert.Equal(40, spec.Categories.Count);
        Assert.Equal("2013-01", spec.Categories[0]);
        Assert.Equal(["Stored today", "After import"], spec.Series.Select(s => s.Name));
        Assert.Equal(390m, spec.Series[0].Data[^1]);
        Assert.Equal(395.56m, spec.Series[1].Data[^1]);
        Assert.Equal(ChartFormats.Money, spec.Format);
        Assert.Equal("AUD", spec.Currency);
    }

    [Fact]
    public void Render_Months_ChartAndCollapsedTableOfEveryMonth()
    {
        var months = Enumerable.Range(1, 30).Select(i => new MonthMrrChange($"2014-{((i - 1) % 12) + 1:00}-{i}", 0, i)).ToList();

        var cut = Context.Render<ImportPreviewPanel>(p => p.Add(x => x.Preview, Preview(months)).Add(x => x.Currency, "USD"));

        Assert.NotNull(cut.Find("[data-testid=mrr-diff-chart]"));
        var details = cut.Find("[data-testid=mrr-diff-details]");
        Assert.False(details.HasAttribute("open"));
        Assert.Equal(30, cut.FindAll("[data-testid=mrr-diff] tbody tr").Count);
    }

    [Fact]
    public void Render_WarningGroups_CountTitleAndExamplesPerGroup()
    {
        var issues = Enumerable.Range(2, 1594).Select(i => new ImportIssue(i, "amount", $"identical to line {i - 1}", IssueSeverity.Warning, IssueKinds.DoubleBilling)).ToList();
        var groups = new[]
        {
            new IssueGroup(IssueKinds.DoubleBilling, IssueKinds.Title(IssueKinds.DoubleBilling), 1594, issues.Take(IssueGroup.MaxExamples).ToList()),
            new IssueGroup(IssueKinds.BelowZero, IssueKinds.Title(IssueKinds.BelowZero), 1, [new ImportIssue(0, "amount", "account X is below zero", IssueSeverity.Warning, IssueKinds.BelowZero)]),
        };

        var cut = Context.Render<ImportPreviewPanel>(p => p.Add(x => x.Preview, Preview(warnings: issues, warningGroups: groups)));

        var rendered = cut.FindAll("[data-testid=import-warnings] [data-testid=issue-group]");
        Assert.Equal(2, rendered.Count);
        Assert.Equal("1594", rendered[0].GetAttribute("data-count"));
        Assert.Contains("double billing", rendered[0].TextContent, StringComparison.Ordinal);
        Assert.Equal(20, rendered[0].QuerySelectorAll("tbody tr").Length);
        Assert.Contains("The first 20 of 1,594", rendered[0].TextContent.Replace('\u202F', ',').Replace('\u00A0', ','), StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-testid=import-warnings-download]"));
    }

    [Fact]
    public void Render_MixedCurrencies_AlertAndTotalsPerCurrency()
    {
        var mixed = new IssueGroup(IssueKinds.MixedCurrencies, IssueKinds.Title(IssueKinds.MixedCurrencies), 1,
            [new ImportIssue(0, "currency", "the file has 2 currencies: AUD 3 rows, USD 1 row", IssueSeverity.Warning, IssueKinds.MixedCurrencies)]);
        var currencies = new[] { new CurrencyTotal("AUD", 3, 3000m, 3000m), new CurrencyTotal("USD", 1, 1000m, null) };

        var cut = Context.Render<ImportPreviewPanel>(p => p.Add(x => x.Preview, Preview(warningGroups: [mixed], currencies: currencies)).Add(x => x.Currency, "AUD"));

        Assert.Contains("The file mixes currencies", cut.Find("[data-testid=mixed-currencies]").TextContent, StringComparison.Ordinal);
        Assert.Contains("AUD 3 rows", cut.Find("[data-testid=mixed-currencies]").TextContent, StringComparison.Ordinal);
        Assert.Equal(2, cut.FindAll("[data-testid=currency-totals] tbody tr").Count);
        Assert.Contains("no rate", cut.Find("[data-testid=currency-USD]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void IssuesCsv_EveryIssue_FormulaCellsNeutralised()
    {
        var issues = new[]
        {
            new ImportIssue(3, "account_name", "=HYPERLINK(\"x\") looks like a formula", IssueSeverity.Warning, IssueKinds.Formula),
            new ImportIssue(0, "month", "no rows for 2026-03", IssueSeverity.Warning, IssueKinds.MonthGap),
        };

        var text = Encoding.UTF8.GetString(ImportPreviewPanel.IssuesCsv(issues)).TrimStart('\uFEFF');
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(3, lines.Length);
        Assert.StartsWith("line,column,kind,severity,reason", lines[0], StringComparison.Ordinal);
        Assert.Contains("'=HYPERLINK", lines[1], StringComparison.Ordinal);
        Assert.StartsWith(",month,month gap,Warning,", lines[2], StringComparison.Ordinal);
    }
}
