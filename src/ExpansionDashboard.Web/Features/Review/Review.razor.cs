using ExpansionDashboard.Data.SavedReviews;
using Microsoft.AspNetCore.WebUtilities;

namespace ExpansionDashboard.Web.Features.Review;

/// <summary>
/// The weekly review deck for the projector and the meeting-room screen. It shows a <see cref="DeckView"/>: today's
/// (rebuilt when the data version moves), a saved one (<c>?saved=</c>, exactly as it was shown), or this week beside a
/// saved one (<c>?compare=</c>). The slide is in the URL (<c>?slide=3</c>, replaced as it changes, so a reload stays on
/// it); arrows, PageUp/PageDown and Space move, F goes full screen, Esc leaves; <c>?autoplay</c> loops through the
/// slides. Every slide is in the page so printing gives one slide per page.
/// </summary>
public sealed partial class Review : ComponentBase, IAsyncDisposable
{
    internal const string ModulePath = "./Features/Review/Review.razor.js";

    /// <summary>How often the live deck asks whether the data moved (a cached read while it has not).</summary>
    internal static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(15);

    private ElementReference _root;
    private DeckView? _view;
    private SavedReviewDeck? _saved;
    private (SavedReviewDeck Row, DeckView View)? _compare;
    private IReadOnlyList<SavedReviewRow> _list = [];
    private int _slide;
    private string? _loaded;
    private DateTimeOffset? _checkedAt;
    private string? _message;
    private string? _error;
    private bool _busy;
    private IJSObjectReference? _module;
    private IJSObjectReference? _keys;
    private DotNetObjectReference<Review>? _self;
    private Timer? _auto;
    private int? _autoSeconds;
    private Timer? _poll;

    [Inject]
    private ReviewQuery Query { get; set; } = default!;

    [Inject]
    private PlannerQuery Scenarios { get; set; } = default!;

    [Inject]
    private SavedReviewStore Store { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private IOptions<DashboardOptions> Options { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? Auth { get; set; }

    [SupplyParameterFromQuery(Name = "date")]
    public string? DateQuery { get; set; }

    // Strings, only so a changed query string sets parameters again: ReviewParameters reads the query itself, and a typed
    // int or bool would throw on "?auto=abc" before the page could say why.
    [SupplyParameterFromQuery(Name = "presenter")]
    public string? PresenterQuery { get; set; }

    [SupplyParameterFromQuery(Name = "auto")]
    public string? AutoQuery { get; set; }

    [SupplyParameterFromQuery(Name = "autoplay")]
    public string? AutoplayQuery { get; set; }

    [SupplyParameterFromQuery(Name = "slide")]
    public string? SlideQuery { get; set; }

    [SupplyParameterFromQuery(Name = "saved")]
    public string? SavedQuery { get; set; }

    [SupplyParameterFromQuery(Name = "compare")]
    public string? CompareQuery { get; set; }

    private ReviewParameters _parameters = ReviewParameters.Parse(null, null, null, null);

    private bool Presenter => _parameters.Presenter;

    private int? Auto => _parameters.AutoSeconds;

    private string Currency => Options.Value.Currency;

    private int SlideCount => _compare is not null ? 1 : Math.Max(1, _view?.Slides.Count ?? 1);

    private DateOnly Today => DateOnly.FromDateTime(Time.GetLocalNow().DateTime);

    private DateOnly Date => _saved is not null && _view is not null ? _view.Date : _parameters.Date ?? Today;

    private string DateText => Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private string Footer
    {
        get
        {
            if (_view is null)
            {
                return "";
            }

            var asOf = $"As of {_view.Month} ({_view.Date:yyyy-MM-dd})";
            if (_saved is not null)
            {
                return $"{asOf} · last refreshed {_view.RefreshedAt:yyyy-MM-dd HH:mm} · saved review by {Person(_saved.SavedBy)}";
            }

            return $"{asOf} · last refreshed {(_checkedAt ?? _view.RefreshedAt):HH:mm}";
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        // The whole query string, as the request check reads it, so a parameter given twice is refused here too.
        _parameters = ReviewParameters.Parse(new QueryCollection(QueryHelpers.ParseQuery(Navigation.ToAbsoluteUri(Navigation.Uri).Query)));
        if (!_parameters.IsValid)
        {
            StopTimers();
            return;
        }

        var key = string.Create(CultureInfo.InvariantCulture, $"{_parameters.Date}|{_parameters.Saved}|{_parameters.Compare}");
        if (_loaded != key)
        {
            _loaded = key;
            await LoadAsync();
        }

        _slide = Math.Clamp((_parameters.Slide ?? 1) - 1, 0, SlideCount - 1);
        if (_autoSeconds != Auto)
        {
            _autoSeconds = Auto;
            _auto?.Dispose();
            _auto = Auto is > 0 and var seconds
                ? new Timer(_ => InvokeAsync(() => Step(1, wrap: true)), null, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(seconds))
                : null;
        }

        _poll ??= new Timer(_ => InvokeAsync(PollAsync), null, PollEvery, PollEvery);
    }

    private async Task LoadAsync()
    {
        _error = null;
        _saved = null;
        _compare = null;
        _list = await Store.ListAsync();
        if (_parameters.Saved is { } savedId)
        {
            _saved = await Store.GetAsync(savedId);
            if (_saved is null)
            {
                _error = $"There is no saved review {savedId}. Choose one under Saved.";
                _view = null;
                return;
            }

            _view = DeckView.FromJson(_saved.Json);
            return;
        }

        _view = await BuildLiveAsync();
        if (_parameters.Compare is { } compareId)
        {
            var other = await Store.GetAsync(compareId);
            if (other is null)
            {
                _error = $"There is no saved review {compareId} to compare with. Choose one under Compare.";
                return;
            }

            _compare = (other, DeckView.FromJson(other.Json));
        }
    }

    private async Task<DeckView> BuildLiveAsync()
    {
        var deck = await Query.GetAsync(_parameters.Date ?? Today);
        var scenarios = await Scenarios.ScenariosAsync(reviewOnly: true);
        _checkedAt = Time.GetLocalNow();
        return DeckBuilder.Build(deck, scenarios, Currency, _checkedAt.Value);
    }

    /// <summary>The live deck rebuilds when the data version moves or, without a fixed date, when the day turns.</summary>
    private async Task PollAsync()
    {
        if (_view is null || _saved is not null || !_parameters.IsValid)
        {
            return;
        }

        try
        {
            var version = await Query.DataVersionAsync();
            if (version != _view.DataVersion || (_parameters.Date is null && _view.Date != Today))
            {
                _view = await BuildLiveAsync();
                _slide = Math.Clamp(_slide, 0, SlideCount - 1);
            }
            else
            {
                _checkedAt = Time.GetLocalNow();
            }

            StateHasChanged();
        }
        catch (InvalidOperationException)
        {
            // The store is busy or gone for a moment: the screen keeps the figures it has and asks again next time.
        }
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
    public void Step(int delta) => Step(delta, wrap: false);

    /// <summary>Called by the key handler for Home (0) and End (-1: the last slide, however many there are).</summary>
    [JSInvokable]
    public void GoTo(int index) => Show(index < 0 ? SlideCount - 1 : index);

    /// <summary>Esc outside full screen: back to the dashboards.</summary>
    [JSInvokable]
    public void Leave() => Navigation.NavigateTo("/");

    private void Step(int delta, bool wrap) =>
        Show(wrap ? (_slide + delta + SlideCount) % SlideCount : _slide + delta);

    /// <summary>Shows a slide and puts it in the URL in place (no history entry per slide), so a reload stays on it.</summary>
    private void Show(int index)
    {
        var next = Math.Clamp(index, 0, SlideCount - 1);
        if (next == _slide && (_parameters.Slide ?? 1) == next + 1)
        {
            return;
        }

        _slide = next;
        StateHasChanged();
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("slide", next == 0 ? null : next + 1), replace: true);
    }

    private void ChangeDate(ChangeEventArgs e)
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
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["auto"] = int.TryParse(e.Value?.ToString(), out var s) && s > 0 ? s : null,
            ["autoplay"] = null,
        }));

    private void OpenSaved(ChangeEventArgs e) => Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
    {
        ["saved"] = Id(e), ["compare"] = null, ["date"] = null, ["slide"] = null,
    }));

    private void OpenCompare(ChangeEventArgs e) => Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
    {
        ["compare"] = Id(e), ["saved"] = null, ["slide"] = null,
    }));

    private static long? Id(ChangeEventArgs e) => long.TryParse(e.Value?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>Admins only (the button is hidden from viewers, and checked again here): freezes the deck as shown.</summary>
    private async Task SaveAsync()
    {
        if (_view is not { HasData: true } view || _saved is not null || Auth is null)
        {
            return;
        }

        var user = (await Auth).User;
        if (!user.IsInRole(Roles.Admin))
        {
            _message = "Only an admin can save the review.";
            return;
        }

        _busy = true;
        try
        {
            var id = await Store.SaveAsync(view.Date, view.ToJson(), user.Identity?.Name ?? "admin");
            _list = await Store.ListAsync();
            _message = $"Saved as review {id} ({view.Date:yyyy-MM-dd}).";
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>The deck as a PowerPoint file: the charts are the drawn ones (the SVG on the slides, rasterised by the browser).</summary>
    private async Task ExportAsync()
    {
        if (_view is not { HasData: true } view || _module is null)
        {
            return;
        }

        _busy = true;
        try
        {
            var images = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var slide in view.Slides.Where(s => s.Chart is not null))
            {
                var png = await _module.InvokeAsync<IJSStreamReference?>("chartPng", _root, slide.Id);
                if (png is null)
                {
                    continue;
                }

                await using var stream = await png.OpenReadStreamAsync(DeckPptx.MaxImageBytes);
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy);
                images[slide.Id] = copy.ToArray();
                await png.DisposeAsync();
            }

            var bytes = DeckPptx.Build(view, images, Presenter);
            using var file = new MemoryStream(bytes);
            using var reference = new DotNetStreamReference(file);
            await _module.InvokeVoidAsync("download", DeckPptx.FileName(view, _saved?.Id), reference);
            _message = null;
        }
        finally
        {
            _busy = false;
        }
    }

    private DeckTable CompareTable(DeckView then)
    {
        var now = _view!;
        var rows = now.Headlines.Select(f =>
        {
            var old = then.Headlines.FirstOrDefault(h => h.Id == f.Id);
            var change = f.Value is { } v && old?.Value is { } o ? DeckBuilder.ChangeText(v - o, f.Unit) : "–";
            return (IReadOnlyList<DeckCell>)[new DeckCell(f.Label), new DeckCell(old?.Text ?? "–"), new DeckCell(f.Text), new DeckCell(change)];
        }).ToList();
        return new DeckTable("review-compare", null,
            [new DeckColumn("Figure"), new DeckColumn(then.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), true), new DeckColumn($"This week ({now.Date:yyyy-MM-dd})", true), new DeckColumn("Change", true)],
            rows);
    }

    /// <summary>People's names, or a neutral mark when the presenter hides personal data.</summary>
    private string Person(string name) => Presenter ? "•••" : name;

    private void StopTimers()
    {
        _auto?.Dispose();
        _auto = null;
        _autoSeconds = null;
        _poll?.Dispose();
        _poll = null;
    }

    public async ValueTask DisposeAsync()
    {
        StopTimers();
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
