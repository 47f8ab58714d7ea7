using Microsoft.AspNetCore.WebUtilities;
using Severity = ExpansionDashboard.Metrics.Bands.Severity;

namespace ExpansionDashboard.Web.Features.Review;

/// <summary>
/// The weekly review deck for the projector: seven slides (eight with saved what-if scenarios), keyboard-driven (arrows, PageUp/PageDown from presentation
/// clickers, F for full screen, Esc to leave), reproducible for any past day through <c>?date=</c>, with a presenter
/// option that hides people's names and an optional auto-advance. Every slide is in the page so printing gives one
/// slide per page.
/// </summary>
public sealed partial class Review : ComponentBase, IAsyncDisposable
{
    internal const string ModulePath = "./Features/Review/Review.razor.js";
    private const int BaseSlides = 7;

    internal const string Blue = DashboardPalette.Projector.Blue;
    internal const string Vermillion = DashboardPalette.Projector.Vermillion;
    internal const string Orange = DashboardPalette.Projector.Orange;
    internal const string Green = DashboardPalette.Projector.Green;

    private ElementReference _root;
    private ReviewDeck? _deck;
    private ChartSpec _nrrChart = default!;
    private int _slide;
    private string? _loaded;
    private IJSObjectReference? _module;
    private IJSObjectReference? _keys;
    private DotNetObjectReference<Review>? _self;
    private Timer? _auto;
    private IReadOnlyList<ScenarioView> _scenarios = [];
    private IReadOnlyList<Metrics.Retention.SegmentNrrBand> _bands = Metrics.Retention.SegmentNrrBands.Default;

    [Inject]
    private ReviewQuery Query { get; set; } = default!;

    [Inject]
    private PlannerQuery Scenarios { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private IOptions<DashboardOptions> Options { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "date")]
    public string? DateQuery { get; set; }

    // Strings, only so a changed query string sets parameters again: ReviewParameters reads the query itself, and a typed
    // int or bool would throw on "?auto=abc" before the page could say why.
    [SupplyParameterFromQuery(Name = "presenter")]
    public string? PresenterQuery { get; set; }

    [SupplyParameterFromQuery(Name = "auto")]
    public string? AutoQuery { get; set; }

    [SupplyParameterFromQuery(Name = "slide")]
    public string? SlideQuery { get; set; }

    private ReviewParameters _parameters = ReviewParameters.Parse(null, null, null, null);

    private bool Presenter => _parameters.Presenter;

    private int? Auto => _parameters.AutoSeconds;

    private string Currency => Options.Value.Currency;

    /// <summary>Seven slides, and an eighth with the what-if scenarios admins chose to show.</summary>
    private int SlideCount => BaseSlides + (_scenarios.Count > 0 ? 1 : 0);

    private DateOnly Date => _parameters.Date ?? DateOnly.FromDateTime(Time.GetLocalNow().DateTime);

    private string DateText => Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    protected override async Task OnParametersSetAsync()
    {
        // The whole query string, as the request check reads it, so a parameter given twice is refused here too.
        _parameters = ReviewParameters.Parse(new QueryCollection(QueryHelpers.ParseQuery(Navigation.ToAbsoluteUri(Navigation.Uri).Query)));
        if (!_parameters.IsValid)
        {
            _auto?.Dispose();
            _auto = null;
            return;
        }

        if (_loaded != DateText)
        {
            _loaded = DateText;
            _deck = await Query.GetAsync(Date);
            _scenarios = await Scenarios.ScenariosAsync(reviewOnly: true);
            _bands = _deck.NrrBands;
            var range = ChartSpecs.PaddedRange(_deck.NrrTrend.Select(p => p.Value));
            _nrrChart = new ChartSpec("line", [new ChartSeries("T12M NRR", _deck.NrrTrend.Select(p => p.Value is { } v ? Math.Round(v, 2) : (decimal?)null).ToList())],
                _deck.NrrTrend.Select(p => p.Month.ToString()).ToList(), ChartFormats.Percent, 460, "Trailing-12-month NRR", Colors: [Blue],
                Bands: ChartSpecs.NrrBands(_deck.Nrr, range.Min, range.Max), Description: "Trailing-12-month NRR over 24 months",
                YMin: range.Min, YMax: range.Max);
        }

        if (_parameters.Slide is { } s && _module is null)
        {
            _slide = Math.Clamp(s - 1, 0, SlideCount - 1);
        }

        _auto?.Dispose();
        _auto = Auto is > 0 and var seconds
            ? new Timer(_ => InvokeAsync(() => { Move(1, wrap: true); StateHasChanged(); }), null, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(seconds))
            : null;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _self = DotNetObjectReference.Create(this);
            _module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
            _keys = await _module.InvokeAsync<IJSObjectReference>("attach", _self, _root);
        }
    }

    /// <summary>Called by the key handler: +1 next, -1 previous.</summary>
    [JSInvokable]
    public void Step(int delta)
    {
        Move(delta);
        StateHasChanged();
    }

    /// <summary>Called by the key handler for Home (0) and End (-1: the last slide, however many there are).</summary>
    [JSInvokable]
    public void GoTo(int index)
    {
        _slide = index < 0 ? SlideCount - 1 : Math.Clamp(index, 0, SlideCount - 1);
        StateHasChanged();
    }

    /// <summary>Esc outside full screen: back to the dashboards.</summary>
    [JSInvokable]
    public void Leave() => Navigation.NavigateTo("/");

    private void Move(int delta, bool wrap = false) =>
        _slide = wrap ? (_slide + delta + SlideCount) % SlideCount : Math.Clamp(_slide + delta, 0, SlideCount - 1);

    private void ChangeDateAsync(ChangeEventArgs e)
    {
        var text = e.Value?.ToString();
        if (ReviewParameters.Parse(text, null, null, null) is { IsValid: true, Date: not null })
        {
            Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("date", text));
        }
    }

    private void TogglePresenter(ChangeEventArgs e) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("presenter", e.Value is true ? "true" : null));

    private void ChangeAuto(ChangeEventArgs e) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("auto", int.TryParse(e.Value?.ToString(), out var s) && s > 0 ? s : (int?)null));

    private string SlideClass(int i) => i == _slide ? "slide current" : "slide";

    private string Hidden(int i) => i == _slide ? "false" : "true";

    /// <summary>People's names, or a neutral mark when the presenter hides personal data.</summary>
    private string Person(string name) => Presenter ? "•••" : name;

    private static string Sev(Severity s) => s switch { Severity.Good => "good", Severity.Watch => "watch", Severity.Alert => "alert", _ => "none" };

    private static string Shape(Severity s) => s switch { Severity.Good => "●", Severity.Watch => "▲", Severity.Alert => "■", _ => "" };

    private string Show(decimal? value, string unit, string id) => unit switch
    {
        "multiple" => _deck?.Numbers.FirstOrDefault(n => n.Id == id) is { Band: "Target met" } ? "Met" : Format.Multiple(value),
        _ => Format.Percent(value, 1),
    };

    private static string Change(ReviewNumber n)
    {
        if (n.Change is not { } c)
        {
            return "no week-ago figure";
        }

        var arrow = c > 0 ? "▲" : c < 0 ? "▼" : "=";
        var text = n.Unit == "multiple" ? c.ToString("+0.0;-0.0;0.0", CultureInfo.CurrentCulture) + "x" : c.ToString("+0.0;-0.0;0.0", CultureInfo.CurrentCulture) + " pp";
        return $"{arrow} {text} vs last week";
    }

    public async ValueTask DisposeAsync()
    {
        _auto?.Dispose();
        try
        {
            if (_keys is not null)
            {
                await _keys.InvokeVoidAsync("dispose");
                await _keys.DisposeAsync();
            }

            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone; the browser dropped the listener with the page.
        }

        _self?.Dispose();
    }
}
