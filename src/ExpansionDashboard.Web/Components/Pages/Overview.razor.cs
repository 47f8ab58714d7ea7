using ExpansionDashboard.Data.Queries;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Pipeline;
using ExpansionDashboard.Metrics.Retention;
using ExpansionDashboard.Web.Components.Charts;
using ExpansionDashboard.Web.Options;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace ExpansionDashboard.Web.Components.Pages;

public sealed partial class Overview
{
    private OverviewView? _view;
    private DashboardFilterOptions? _options;
    private string? _loadedKey;
    private ChartSpec _mrrChart = default!;
    private ChartSpec _nrrChart = default!;
    private ChartSpec _coverageChart = default!;
    private string? _error;

    [Inject]
    private OverviewQuery Query { get; set; } = default!;

    [Inject]
    private IOptions<DashboardOptions> Options { get; set; } = default!;

    [Inject]
    private ILogger<Overview> Logger { get; set; } = default!;

    [Inject]
    private PageQueries Pages { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    // The view lives in the URL, so a link reproduces it and back/forward move between views.
    [SupplyParameterFromQuery(Name = "month")]
    private string? Month { get; set; }

    [SupplyParameterFromQuery(Name = "segment")]
    private string? Segment { get; set; }

    [SupplyParameterFromQuery(Name = "industry")]
    private string? Industry { get; set; }

    [SupplyParameterFromQuery(Name = "region")]
    private string? Region { get; set; }

    [SupplyParameterFromQuery(Name = "csm")]
    private string? Csm { get; set; }

    private string Currency => Options.Value.Currency;

    private string? CoverageText => _view?.CompanyCoverage.Band switch
    {
        CoverageBand.TargetMet => "Target met",
        CoverageBand.NoTarget => "No target",
        _ => null,
    };

    private void ApplyFiltersAsync(IReadOnlyDictionary<string, object?> changes) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(changes));

    protected override async Task OnParametersSetAsync()
    {
        var key = $"{Month}|{Segment}|{Industry}|{Region}|{Csm}";
        if (key == _loadedKey)
        {
            return;
        }

        _loadedKey = key;
        try
        {
            _options ??= await Pages.FilterOptionsAsync();
            Month? asOf = Metrics.Model.Month.TryParse(Month, out var m) ? m : null;
            _view = await Query.GetAsync(new ExpansionDashboard.Metrics.Model.AccountFilter(Segment, Industry, Region, Csm), asOf);
            _mrrChart = ChartSpecs.MrrTrend(_view.MrrTrend, Currency);
            _nrrChart = ChartSpecs.NrrTrend(_view.NrrTrend, NrrThresholds.Default);
            _coverageChart = ChartSpecs.CoverageGauge(_view.CompanyCoverage, "Company");
        }
        catch (Exception ex) when (ex is InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
        {
            Logger.LogError(ex, "Overview failed to load.");
            _error = "The dashboard could not read its data. Check that the database is reachable (/healthz) and reload.";
        }
    }
}
