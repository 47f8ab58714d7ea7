namespace ExpansionDashboard.Web.Shared.Charts;

/// <summary>
/// Our wrapper over ApexCharts: the collocated ES module holds one chart instance per element (no globals),
/// is imported on first render, redraws when <see cref="Spec"/> changes and is released on dispose, even when
/// the circuit is already gone.
/// </summary>
public sealed partial class ApexChart : ComponentBase, IAsyncDisposable
{
    internal const string ModulePath = "./Shared/Charts/ApexChart.razor.js";

    private ElementReference _element;
    private IJSObjectReference? _module;
    private ChartSpec? _drawn;
    private bool _disposed;
    private bool _failed;
    private DotNetObjectReference<ApexChart>? _self;
    private bool _drawnDark;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ILogger<ApexChart> Logger { get; set; } = default!;

    [Parameter, EditorRequired]
    public ChartSpec Spec { get; set; } = default!;

    [Parameter]
    public string? TestId { get; set; }

    [Parameter]
    public string? Class { get; set; }

    /// <summary>The app's theme, cascaded by the layout: charts redraw in the matching colours when it changes.</summary>
    [CascadingParameter(Name = "DarkMode")]
    public bool DarkMode { get; set; }

    /// <summary>When set, clicking a data point (a bar, a heatmap cell) reports it: drill-down from any chart.</summary>
    [Parameter]
    public EventCallback<ChartPoint> OnPointClick { get; set; }

    /// <summary>Called by the module when a data point is clicked.</summary>
    [JSInvokable]
    public Task PointSelected(string series, string category, int seriesIndex, int pointIndex) =>
        OnPointClick.InvokeAsync(new ChartPoint(series, category, seriesIndex, pointIndex));

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
        }

        if (_module is not null && !_disposed && (!ReferenceEquals(_drawn, Spec) || _drawnDark != DarkMode))
        {
            _drawn = Spec;
            _drawnDark = DarkMode;

            // Axis and tooltip numbers use the same culture as the rest of the page.
            var spec = Spec.Locale is null ? Spec with { Locale = System.Globalization.CultureInfo.CurrentCulture.Name } : Spec;
            if (spec.Format == ChartFormats.Money && spec.Money is null && spec.Currency is { } currency)
            {
                spec = spec with { Money = Widgets.Money.Pattern(currency, System.Globalization.CultureInfo.GetCultureInfo(spec.Locale ?? "")) };
            }

            // The deep primary disappears on a dark surface: the dark theme's primary stands in for it.
            if (DarkMode && spec.Colors is { } colours)
            {
                spec = spec with { Colors = colours.Select(c => string.Equals(c, DashboardPalette.Primary, StringComparison.OrdinalIgnoreCase) ? DashboardPalette.DarkPrimary : c).ToList() };
            }

            try
            {
                if (OnPointClick.HasDelegate)
                {
                    _self ??= DotNetObjectReference.Create(this);
                }

                await _module.InvokeVoidAsync("render", _element, spec, _self, DarkMode ? DashboardPalette.DarkChart : DashboardPalette.LightChart);
                _failed = false;
            }
            catch (JSException ex)
            {
                // A chart that cannot draw must not take the whole page (circuit) down with it.
                Logger.LogError(ex, "Chart {Title} could not be drawn.", Spec.Title ?? Spec.Type);
                _failed = true;
                StateHasChanged();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        _self?.Dispose();
        if (_module is null)
        {
            return;
        }

        try
        {
            await _module.InvokeVoidAsync("destroy", _element);
            await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone: the browser has already dropped the page and its charts.
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
