using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Data.Settings;
using ExpansionDashboard.Metrics.Health;

namespace ExpansionDashboard.Web.Features.Admin.Edit;

public sealed partial class Edit
{
    private readonly Dictionary<string, string> _errors = new(StringComparer.OrdinalIgnoreCase);
    private IReadOnlyList<TargetRow> _targets = [];
    private IReadOnlyList<OpportunityRow> _opportunities = [];
    private TargetForm _target = new();
    private OpportunityFormModel _opp = new();
    private ThresholdForm _thresholds = new();
    private bool _opportunityIsNew = true;
    private string _oppSearch = "";
    private bool _busy;
    private EditTab _tab;
    private string? _message;
    private Severity _severity = Severity.Info;

    [Inject]
    private AdminQuery Queries { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private FormEditService Edits { get; set; } = default!;

    [Inject]
    private ThresholdStore Thresholds { get; set; } = default!;

    [Inject]
    private IOptions<DashboardOptions> Options { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private AdminRights Rights { get; set; } = default!;

    // The acting admin as the store knows them now (null, with the reason shown, once demoted, disabled or signed out).
    private async Task<string?> ActorAsync()
    {
        var check = await Rights.CheckAsync();
        if (check.Refusal is { } refusal)
        {
            Show(refusal, Severity.Error);
        }

        return check.Actor;
    }

    private string Currency => Options.Value.Currency;

    private IEnumerable<OpportunityRow> FilteredOpportunities => string.IsNullOrWhiteSpace(_oppSearch)
        ? _opportunities
        : _opportunities.Where(o => o.Id.Contains(_oppSearch, StringComparison.OrdinalIgnoreCase) || o.AccountName.Contains(_oppSearch, StringComparison.OrdinalIgnoreCase)
            || o.AccountId.Contains(_oppSearch, StringComparison.OrdinalIgnoreCase) || o.Name.Contains(_oppSearch, StringComparison.OrdinalIgnoreCase));

    // The open tab lives in the URL, so a reload or a shared link opens the same tab.
    private void OnTabChanged(int index)
    {
        _tab = (EditTab)index;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("tab", EditTabs.Slug(_tab)), new NavigationOptions { ReplaceHistoryEntry = true });
    }

    protected override async Task OnInitializedAsync()
    {
        _target.Quarter = ExpansionDashboard.Metrics.Model.Quarter.Of(DateOnly.FromDateTime(Time.GetLocalNow().DateTime)).ToString();
        _thresholds = ThresholdForm.From(await Thresholds.GetAsync());
        _weights = WeightsOf(await WeightsStore.GetAsync());
        _tab = EditTabs.Parse(TabQuery);
        NewOpportunity();
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        _targets = await Queries.TargetsAsync();
        _opportunities = await Queries.OpportunitiesAsync();
    }

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? ErrorOf(string field) => _errors.GetValueOrDefault(field);

    private void EditTarget(TargetRow t) => _target = new TargetForm { Quarter = t.Quarter, Segment = t.Segment, Amount = t.Amount };

    private void EditOpportunity(OpportunityRow o)
    {
        _errors.Clear();
        _opportunityIsNew = false;
        _opp = new OpportunityFormModel
        {
            OpportunityId = o.Id,
            AccountId = o.AccountId,
            Name = o.Name,
            Type = o.Type,
            Stage = o.Stage,
            Amount = o.Amount,
            ExpectedClose = Iso(o.ExpectedClose),
            Owner = o.Owner,
            Created = o.Created is { } c ? Iso(c) : null,
            Closed = o.Closed is { } d ? Iso(d) : null,
        };
    }

    private void NewOpportunity()
    {
        _errors.Clear();
        _opportunityIsNew = true;
        _opp = new OpportunityFormModel
        {
            OpportunityId = $"OPP-M-{Time.GetUtcNow():yyyyMMddHHmmss}",
            ExpectedClose = Iso(DateOnly.FromDateTime(Time.GetLocalNow().DateTime).AddDays(30)),
            Created = Iso(DateOnly.FromDateTime(Time.GetLocalNow().DateTime)),
        };
    }

    private Task SaveTargetAsync() => SaveAsync(async user =>
    {
        var outcome = await Edits.SaveTargetAsync(_target.Quarter.Trim(), _target.Segment?.Trim(), _target.Amount, user);
        return $"Target saved (batch #{outcome.BatchId}; revert it from the import history).";
    });

    private Task SaveOpportunityAsync() => SaveAsync(async user =>
    {
        if (!DateOnly.TryParseExact(_opp.ExpectedClose, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var close))
        {
            _errors["expected_close"] = "Choose the expected close date.";
            return null;
        }

        if ((await Queries.AccountIdsAsync(_opp.AccountId.Trim(), 50)).All(id => !string.Equals(id, _opp.AccountId.Trim(), StringComparison.Ordinal)))
        {
            _errors["account_id"] = $"No account has the id '{_opp.AccountId}'.";
            return null;
        }

        var closedDate = DateOnly.TryParseExact(_opp.Closed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var cd) ? cd : (DateOnly?)null;
        var createdDate = DateOnly.TryParseExact(_opp.Created, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var cr) ? cr : (DateOnly?)null;
        var outcome = await Edits.SaveOpportunityAsync(new OpportunityForm(
            _opp.OpportunityId.Trim(), _opp.AccountId.Trim(), _opp.Name.Trim(), _opp.Type, _opp.Stage, _opp.Amount, close, _opp.Owner.Trim(), createdDate, closedDate), user);
        _opportunityIsNew = false;
        return $"Opportunity {_opp.OpportunityId} saved (batch #{outcome.BatchId}).";
    });

    private async Task SaveThresholdsAsync()
    {
        _errors.Clear();
        var settings = _thresholds.ToSettings();
        foreach (var (field, message) in settings.Validate())
        {
            _errors[field] = message;
        }

        if (_errors.Count > 0)
        {
            Show("Fix the highlighted thresholds.", Severity.Error);
            return;
        }

        if (await ActorAsync() is not { } actor)
        {
            return;
        }

        await Thresholds.SaveAsync(settings, actor);
        Show("Thresholds saved: every page now judges figures by them.", Severity.Success);
    }

    private void ResetThresholds() => _thresholds = ThresholdForm.From(ThresholdSettings.Default);

    private static readonly (string Field, string Label)[] WeightFields =
    [
        (nameof(HealthWeights.UsageTrend), "Usage trend"), (nameof(HealthWeights.ActiveUsers), "Active users"), (nameof(HealthWeights.SupportTickets), "Support tickets"),
        (nameof(HealthWeights.Nps), "NPS"), (nameof(HealthWeights.PaymentFailures), "Payment failures"), (nameof(HealthWeights.ExecSponsorChange), "Executive-sponsor change"),
        (nameof(HealthWeights.QbrAttended), "QBR attendance"),
    ];

    private Dictionary<string, decimal> _weights = WeightsOf(HealthWeights.Default);

    [Inject]
    private HealthWeightsStore WeightsStore { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "tab")]
    private string? TabQuery { get; set; }

    private static Dictionary<string, decimal> WeightsOf(HealthWeights w) => new(StringComparer.Ordinal)
    {
        [nameof(w.UsageTrend)] = w.UsageTrend,
        [nameof(w.ActiveUsers)] = w.ActiveUsers,
        [nameof(w.SupportTickets)] = w.SupportTickets,
        [nameof(w.Nps)] = w.Nps,
        [nameof(w.PaymentFailures)] = w.PaymentFailures,
        [nameof(w.ExecSponsorChange)] = w.ExecSponsorChange,
        [nameof(w.QbrAttended)] = w.QbrAttended,
    };

    private async Task SaveWeightsAsync()
    {
        _errors.Clear();
        var w = new HealthWeights(_weights[nameof(HealthWeights.UsageTrend)], _weights[nameof(HealthWeights.ActiveUsers)], _weights[nameof(HealthWeights.SupportTickets)],
            _weights[nameof(HealthWeights.Nps)], _weights[nameof(HealthWeights.PaymentFailures)], _weights[nameof(HealthWeights.ExecSponsorChange)], _weights[nameof(HealthWeights.QbrAttended)]);
        if (await ActorAsync() is not { } actor)
        {
            return;
        }

        foreach (var (field, message) in await WeightsStore.SaveAsync(w, actor))
        {
            _errors[field] = message;
        }

        if (_errors.Count > 0)
        {
            Show("Fix the highlighted weights.", Severity.Error);
            return;
        }

        Show("Health weights saved: every score, list and alert now uses them.", Severity.Success);
    }

    private void ResetWeights() => _weights = WeightsOf(HealthWeights.Default);

    private async Task SaveAsync(Func<string, Task<string?>> save)
    {
        _errors.Clear();
        _message = null;
        _busy = true;
        try
        {
            if (await ActorAsync() is not { } user)
            {
                return;
            }

            var done = await save(user);
            if (done is not null)
            {
                Show(done, Severity.Success);
                await ReloadAsync();
            }
            else
            {
                Show("Fix the highlighted fields.", Severity.Error);
            }
        }
        catch (ImportRejectedException ex)
        {
            foreach (var issue in ex.Preview?.Errors ?? [])
            {
                _errors.TryAdd(issue.Column, issue.Reason);
            }

            Show(_errors.Count > 0 ? "Fix the highlighted fields." : ex.Message, Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }

    private void Show(string message, Severity severity)
    {
        _message = message;
        _severity = severity;
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class TargetForm
    {
        public string Quarter { get; set; } = "";

        public string? Segment { get; set; }

        public decimal Amount { get; set; }
    }

    private sealed class OpportunityFormModel
    {
        public string OpportunityId { get; set; } = "";

        public string AccountId { get; set; } = "";

        public string Name { get; set; } = "";

        public string Type { get; set; } = "Upsell";

        public string Stage { get; set; } = "Identified";

        public decimal Amount { get; set; }

        public string? ExpectedClose { get; set; }

        public string Owner { get; set; } = "";

        public string? Created { get; set; }

        public string? Closed { get; set; }
    }
}

/// <summary>The editable copy of the threshold settings.</summary>
public sealed class ThresholdForm
{
    public decimal CoverageAlert { get; set; }

    public decimal CoverageOnTrack { get; set; }

    public decimal NrrWorldClass { get; set; }

    public decimal NrrStrong { get; set; }

    public decimal NrrNeedsImprovement { get; set; }

    /// <summary>Segment NRR benchmark bands being edited.</summary>
    public List<BandRow> Bands { get; init; } = [];

    public static ThresholdForm From(ThresholdSettings s) => new()
    {
        CoverageAlert = s.CoverageAlert,
        CoverageOnTrack = s.CoverageOnTrack,
        NrrWorldClass = s.NrrWorldClass,
        NrrStrong = s.NrrStrong,
        NrrNeedsImprovement = s.NrrNeedsImprovement,
        Bands = s.NrrBands.Select(b => new BandRow { Segment = b.Segment, Low = b.Low, High = b.High }).ToList(),
    };

    public ThresholdSettings ToSettings() => new(CoverageAlert, CoverageOnTrack, NrrWorldClass, NrrStrong, NrrNeedsImprovement)
    {
        SegmentBands = Bands.Select(b => new ExpansionDashboard.Metrics.Retention.SegmentNrrBand((b.Segment ?? "").Trim(), b.Low, b.High)).ToList(),
    };
}

/// <summary>One editable segment benchmark band.</summary>
public sealed class BandRow
{
    public string? Segment { get; set; }

    public decimal Low { get; set; }

    public decimal High { get; set; }
}

/// <summary>The tabs of the edit page, in the order they are drawn; <c>?tab=</c> names one.</summary>
internal enum EditTab
{
    Targets,
    Opportunities,
    Thresholds,
    Health,
}

internal static class EditTabs
{
    /// <summary>The tab a <c>?tab=</c> value names ("targets", "opportunities", "thresholds", "health"); the first otherwise.</summary>
    public static EditTab Parse(string? query) =>
        Enum.TryParse<EditTab>(query, ignoreCase: true, out var tab) && Enum.IsDefined(tab) && !int.TryParse(query, out _) ? tab : EditTab.Targets;

    public static string Slug(EditTab tab) => tab.ToString().ToLowerInvariant();
}
