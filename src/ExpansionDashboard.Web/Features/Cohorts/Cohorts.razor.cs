using ExpansionDashboard.Metrics.Cohorts;
using ExpansionDashboard.Web.Export;

namespace ExpansionDashboard.Web.Features.Cohorts;

public partial class Cohorts
{
    private CohortMatrixResult? _matrix;
    private (string Cohort, int Age)? _cell;
    private IReadOnlyList<CohortAccountRow> _accounts = [];

    [SupplyParameterFromQuery(Name = "grain")]
    private string? GrainQuery { get; set; }

    [SupplyParameterFromQuery(Name = "measure")]
    private string? MeasureQuery { get; set; }

    [SupplyParameterFromQuery(Name = "by")]
    private string? ByQuery { get; set; }

    private CohortGrain Grain => GrainQuery?.ToLowerInvariant() switch { "month" => CohortGrain.Month, "year" => CohortGrain.Year, _ => CohortGrain.Quarter };

    private CohortMeasure Measure => string.Equals(MeasureQuery, "logos", StringComparison.OrdinalIgnoreCase) ? CohortMeasure.Logos : CohortMeasure.Revenue;

    private CohortDimension By => ByQuery?.ToLowerInvariant() switch { "segment" => CohortDimension.Segment, "industry" => CohortDimension.Industry, _ => CohortDimension.FirstPaid };

    private string GrainSlug => Grain.ToString().ToLowerInvariant();

    private string MeasureSlug => Measure.ToString().ToLowerInvariant();

    private string BySlug => By switch { CohortDimension.Segment => "segment", CohortDimension.Industry => "industry", _ => "first-paid" };

    private string RowsText => By switch { CohortDimension.Segment => "segment at first payment", CohortDimension.Industry => "industry at first payment", _ => $"{GrainSlug} of first payment" };

    private string Currency => Options.Value.Currency;

    // Without an as-of month the matrix runs to the data's end; with one, the later ages are hidden on purpose.
    private string PastText => AsOf is { } m ? $"after {m}" : "past the data's end";

    protected override string ViewKey => $"{Grain}|{Measure}|{By}";

    private decimal? At(int age) => _matrix?.WeightedAverage is { } w && age < w.Count ? w[age] : null;

    protected override async Task LoadAsync()
    {
        _matrix = await Query.MatrixAsync(Grain, Measure, FilterOrNull, By, AsOf);
    }

    private void Navigate(string name, string? value) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter(name, value));

    private byte[] BuildMatrixCsv()
    {
        var m = _matrix!;
        var ages = Enumerable.Range(0, m.MaxAge + 1).ToList();
        IReadOnlyList<string> header = ["cohort", "accounts", "start_mrr", .. ages.Select(a => "m" + a.ToString(CultureInfo.InvariantCulture))];
        var rows = m.Rows.Select(r => (IReadOnlyList<object?>)[r.Cohort, r.Accounts, r.StartMrr, .. r.Cells.Cast<object?>()]);
        if (m.WeightedAverage is { } w)
        {
            rows = rows.Append([CohortHeatmap.WeightedAverageRow, m.Rows.Sum(r => r.Accounts), m.Rows.Sum(r => r.StartMrr), .. w.Cast<object?>()]);
        }

        return CsvExport.Build(header, rows);
    }

    private const string DrillPrefix = "cohort:";

    private void CellClicked(CohortCell cell) =>
        OpenDrill($"{DrillPrefix}{cell.Cohort}:{cell.Age.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>?drill=cohort:2025-Q1:6 lists the 2025-Q1 cohort's accounts six months after their first payment.</summary>
    protected override async Task LoadDrillAsync()
    {
        _cell = null;
        _accounts = [];
        var value = Drill is { } d && d.StartsWith(DrillPrefix, StringComparison.OrdinalIgnoreCase) ? d[DrillPrefix.Length..] : null;
        var split = value?.LastIndexOf(':') ?? -1;
        if (value is null || split <= 0 || !int.TryParse(value[(split + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var age))
        {
            return;
        }

        // A cohort label may itself hold a colon (a segment name), so the age is what follows the last one.
        var cohort = value[..split];
        if (_matrix?.Rows.Any(r => r.Cohort == cohort) != true)
        {
            return;
        }

        _cell = (cohort, age);
        _accounts = await Query.AccountsAsync(Grain, cohort, age, FilterOrNull, By, AsOf);
    }
}
