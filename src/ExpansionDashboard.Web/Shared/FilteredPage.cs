namespace ExpansionDashboard.Web.Shared;

/// <summary>
/// A page whose view lives in the URL (as-of month, segment, industry, region, CSM): a link reproduces it, back and
/// forward move between views, and the page reloads only when the filters change.
/// </summary>
public abstract class FilteredPage : ComponentBase
{
    private string? _loadedKey;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    [Inject]
    protected FilterOptionsQuery FilterOptionsQuery { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "month")]
    protected string? Month { get; set; }

    [SupplyParameterFromQuery(Name = "segment")]
    protected string? Segment { get; set; }

    [SupplyParameterFromQuery(Name = "industry")]
    protected string? Industry { get; set; }

    [SupplyParameterFromQuery(Name = "region")]
    protected string? Region { get; set; }

    [SupplyParameterFromQuery(Name = "csm")]
    protected string? Csm { get; set; }

    /// <summary>The open drill-down ("bridge:churn", "cohort:2025-Q1:6", …), in the URL so a link or a reload reopens it.</summary>
    [SupplyParameterFromQuery(Name = "drill")]
    protected string? Drill { get; set; }

    [Inject]
    private Data.Settings.ThresholdStore ThresholdStore { get; set; } = default!;

    private string? _loadedDrill;

    protected DashboardFilterOptions? FilterOptions { get; private set; }

    /// <summary>The admin's thresholds, read with every view so an edit shows on the next load.</summary>
    protected Data.Settings.ThresholdSettings Thresholds { get; private set; } = Data.Settings.ThresholdSettings.Default;

    protected AccountFilter Filter => new(Segment, Industry, Region, Csm);

    protected Month? AsOf => Metrics.Model.Month.TryParse(Month, out var m) ? m : null;

    /// <summary>Loads the page's view for the current filters.</summary>
    protected abstract Task LoadAsync();

    /// <summary>The page's own URL state beyond the shared filters (e.g. the cohort grain), so a change reloads the view.</summary>
    protected virtual string ViewKey => "";

    /// <summary>The filter, or null when nothing is filtered (queries take the fast path).</summary>
    protected AccountFilter? FilterOrNull => Filter.IsEmpty ? null : Filter;

    protected void ApplyFilters(IReadOnlyDictionary<string, object?> changes) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(changes));

    /// <summary>Loads what the open drill-down (<see cref="Drill"/>) lists, after the view; nothing when it is closed.</summary>
    protected virtual Task LoadDrillAsync() => Task.CompletedTask;

    /// <summary>Opens a drill-down: a new history entry, so Back closes it.</summary>
    protected void OpenDrill(string drill) => Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("drill", drill));

    protected void CloseDrill() => Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("drill", (string?)null));

    protected override async Task OnParametersSetAsync()
    {
        var key = $"{Month}|{Segment}|{Industry}|{Region}|{Csm}|{ViewKey}";
        var viewChanged = key != _loadedKey;
        if (viewChanged)
        {
            _loadedKey = key;
            FilterOptions ??= await FilterOptionsQuery.GetAsync();
            Thresholds = await ThresholdStore.GetAsync();
            await LoadAsync();
        }

        if (viewChanged || Drill != _loadedDrill)
        {
            _loadedDrill = Drill;
            await LoadDrillAsync();
        }
    }
}
