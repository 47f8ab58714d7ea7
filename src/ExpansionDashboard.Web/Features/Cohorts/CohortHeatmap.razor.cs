using ExpansionDashboard.Metrics.Cohorts;

namespace ExpansionDashboard.Web.Features.Cohorts;

/// <summary>A clicked heatmap cell: the cohort row's label and the age in months.</summary>
public sealed record CohortCell(string Cohort, int Age);

/// <summary>
/// The cohort retention table: one row per cohort (all of them; the card scrolls with a sticky header and cohort
/// column), its size and starting MRR, then one cell per age coloured on <see cref="RetentionHeatScale"/> and printing
/// its percentage. An age no member has reached by the as-of month is past the data's end: empty and hatched.
/// </summary>
public partial class CohortHeatmap
{
    /// <summary>The label of the footer row that holds the size-weighted average across cohorts.</summary>
    public const string WeightedAverageRow = "Weighted avg";

    private readonly string _captionId = "cohort-caption-" + Guid.NewGuid().ToString("N")[..8];
    private CohortCell? _selected;

    [Parameter, EditorRequired]
    public CohortMatrixResult Matrix { get; set; } = default!;

    /// <summary>ISO 4217 code of the reporting currency, for the starting MRR column.</summary>
    [Parameter, EditorRequired]
    public string Currency { get; set; } = default!;

    /// <summary>What the hatched cells mean, e.g. "past the data's end" or "after the as-of month".</summary>
    [Parameter]
    public string PastLabel { get; set; } = "past the data's end";

    /// <summary>When set, every cell with a value is a button that reports itself (drill-down to its accounts).</summary>
    [Parameter]
    public EventCallback<CohortCell> OnCellClick { get; set; }

    private string Title => Matrix.Measure == CohortMeasure.Revenue ? "Revenue retention by cohort" : "Logo retention by cohort";

    private static string Position(decimal percent)
    {
        var (lo, hi) = (RetentionHeatScale.Stops[0].Percent, RetentionHeatScale.Stops[^1].Percent);
        return ((percent - lo) / (hi - lo) * 100m).ToString("0.#", CultureInfo.InvariantCulture);
    }

    private static string Tick(decimal percent)
    {
        var text = Format.Percent(percent, 0);
        return percent == RetentionHeatScale.Stops[0].Percent ? "≤ " + text
            : percent == RetentionHeatScale.Stops[^1].Percent ? "≥ " + text
            : text;
    }

    private async Task SelectAsync(string cohort, int age)
    {
        _selected = new CohortCell(cohort, age);
        await OnCellClick.InvokeAsync(_selected);
    }
}
