using ExpansionDashboard.Metrics.Pipeline;

namespace ExpansionDashboard.Web.Features.Planner;

public partial class Planner
{
    private IReadOnlyList<Quarter>? _quarters;
    private IReadOnlyList<string> _segments = [];
    private Quarter _quarter;
    private string? _segment;
    private PlannerBaseline? _baseline;
    private CoverageThresholds _thresholds = CoverageThresholds.Default;
    private PlanInputs? _start;
    private PlanInputs? _inputs;
    private IReadOnlyList<ScenarioView>? _scenarios;
    private string _name = "";
    private bool _showInReview = true;
    private string? _error;

    [SupplyParameterFromQuery(Name = "quarter")]
    private string? QuarterParam { get; set; }

    [Inject]
    private AdminRights Rights { get; set; } = default!;

    // Saving and deleting scenarios is an Admin's: re-checked against the store, not the circuit's principal.
    private async Task<string?> ActorAsync()
    {
        var check = await Rights.CheckAsync();
        if (check.Refusal is { } refusal)
        {
            Snackbar.Add(refusal, Severity.Error);
        }

        return check.Actor;
    }

    protected override string ViewKey => QuarterParam ?? "";

    protected override async Task LoadAsync()
    {
        (_quarters, _segments) = await Scenarios.OptionsAsync();
        _thresholds = Thresholds.Coverage;
        _quarter = Quarter.TryParse(QuarterParam, out var q) ? q : _quarters[0];
        _segment = _segments.FirstOrDefault(s => string.Equals(s, Segment, StringComparison.OrdinalIgnoreCase));
        await LoadBaselineAsync();
        _scenarios = await Scenarios.ScenariosAsync();
    }

    private async Task LoadBaselineAsync()
    {
        _baseline = await Scenarios.BaselineAsync(_quarter, _segment);
        _inputs = null;
    }

    private void QuarterChanged(string value)
    {
        _start = null;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("quarter", value));
    }

    private void SegmentChanged(IReadOnlyDictionary<string, object?> changes)
    {
        _start = null;
        ApplyFilters(changes);
    }

    private void Load(ScenarioView s)
    {
        _name = s.Name;
        _showInReview = s.ShowInReview;
        _start = new PlanInputs(s.Target, s.Baseline.ClosedWon, s.Baseline.OpenPipeline, s.ExtraPipeline, s.WinRate);
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { ["quarter"] = s.Quarter.ToString(), ["segment"] = s.Segment }));
    }

    private async Task SaveAsync()
    {
        _error = null;
        // Nothing moved yet: save what the sliders show.
        var current = _inputs ?? CoveragePlannerPanel.Initial(_baseline!, _thresholds, _start);
        var input = new ScenarioInput(_name, _quarter, _segment, current.Target, current.WinRate, current.ExtraPipeline, _showInReview);
        var errors = PlannerScenarios.Validate(input);
        if (errors.Count > 0)
        {
            _error = string.Join(" ", errors);
            return;
        }

        if (await ActorAsync() is not { } actor)
        {
            return;
        }

        await Saved.SaveAsync(input, actor);
        _scenarios = await Scenarios.ScenariosAsync();
        Snackbar.Add($"Scenario “{input.Name.Trim()}” saved{(_showInReview ? ": it appears in the weekly review" : "")}.", Severity.Success);
    }

    private async Task DeleteAsync(ScenarioView s)
    {
        if (await ActorAsync() is not { } actor)
        {
            return;
        }

        await Saved.DeleteAsync(s.Id, actor);
        _scenarios = await Scenarios.ScenariosAsync();
        Snackbar.Add($"Scenario “{s.Name}” deleted.", Severity.Info);
    }
}
