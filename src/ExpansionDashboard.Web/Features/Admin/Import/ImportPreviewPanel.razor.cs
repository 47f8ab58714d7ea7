using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Web.Export;

namespace ExpansionDashboard.Web.Features.Admin.Import;

/// <summary>The import preview: counts, the MRR the import would leave beside today's, currencies and grouped findings.</summary>
public sealed partial class ImportPreviewPanel
{
    private ChartSpec? _chart;
    private ImportPreview? _chartFor;

    [Parameter, EditorRequired]
    public ImportPreview Preview { get; set; } = default!;

    [Parameter]
    public string Currency { get; set; } = "USD";

    /// <summary>The mixed-currency finding, shown at the top rather than among the other warnings.</summary>
    private IssueGroup? MixedCurrencies => Preview.WarningGroups.FirstOrDefault(g => g.Kind == IssueKinds.MixedCurrencies);

    private IssueGroup? MissingRates => Preview.ErrorGroups.FirstOrDefault(g => g.Kind == IssueKinds.MissingFxRate);

    protected override void OnParametersSet()
    {
        // The spec is rebuilt only for a new preview, so the chart is not redrawn on every render.
        if (!ReferenceEquals(_chartFor, Preview))
        {
            _chartFor = Preview;
            _chart = Preview.MrrByMonth.Count > 0 ? MrrChart(Preview.MrrByMonth, Currency) : null;
        }
    }

    /// <summary>MRR by month over the file's whole span: what is stored today beside what the import would leave.</summary>
    public static ChartSpec MrrChart(IReadOnlyList<MonthMrrChange> months, string currency)
    {
        ArgumentNullException.ThrowIfNull(months);
        ChartSeries[] series =
        [
            new ChartSeries("Stored today", months.Select(m => (decimal?)Math.Round(m.Before, 2)).ToList()),
            new ChartSeries("After import", months.Select(m => (decimal?)Math.Round(m.After, 2)).ToList()),
        ];
        return ChartSpecs.OnScale(new ChartSpec(
            Type: "line",
            Series: series,
            Categories: months.Select(m => m.Month).ToList(),
            Format: ChartFormats.Money,
            Height: 300,
            Title: "Resulting MRR by month",
            Colors: [ChartSpecs.Neutral, ChartSpecs.Primary],
            Currency: currency,
            Description: months.Count == 0
                ? "Resulting MRR by month"
                : $"MRR stored today and after the import, {months[0].Month} to {months[^1].Month}"), ChartSpecs.MoneyScale(series));
    }

    /// <summary>Every finding as CSV (line, column, kind, severity, reason), formula-neutralised like the other exports.</summary>
    public static byte[] IssuesCsv(IEnumerable<ImportIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        return CsvExport.Build(
            ["line", "column", "kind", "severity", "reason"],
            issues.Select(i => (IReadOnlyList<object?>)[i.Line > 0 ? i.Line : null, i.Column, i.Kind, i.Severity.ToString(), i.Reason]));
    }

    private string IssuesFileName(string what) =>
        $"{Path.GetFileNameWithoutExtension(Preview.FileName)}-{what}.csv";
}
