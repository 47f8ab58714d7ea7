using ExpansionDashboard.Data.Alerts;
using ExpansionDashboard.Metrics.Alerts;
using ExpansionDashboard.Web.Alerts;

namespace ExpansionDashboard.Web.Features.Alerts;

public partial class AlertRulesPage
{
    private IReadOnlyList<AlertRuleRow> _rules = [];
    private RuleForm? _form;
    private string? _globalWebhook;
    private string? _webhookError;
    private IReadOnlyDictionary<string, string> _errors = new Dictionary<string, string>();
    private bool _busy;
    private string? _message;
    private Severity _severity = Severity.Info;

    [Inject]
    private AlertRuleStore Rules { get; set; } = default!;

    [Inject]
    private WebhookSender Sender { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _rules = await Rules.RulesAsync();
        _globalWebhook = await Rules.GlobalWebhookAsync();
    }

    [Inject]
    private AdminRights Rights { get; set; } = default!;

    // The acting admin as the store knows them now (null, with the reason shown, once demoted, disabled or signed out).
    private async Task<string?> ActorAsync()
    {
        var check = await Rights.CheckAsync();
        if (check.Refusal is { } refusal)
        {
            (_message, _severity) = (refusal, Severity.Error);
        }

        return check.Actor;
    }

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? ErrorOf(string field) => _errors.GetValueOrDefault(field);

    private static string Describe(string slug) => AlertRules.TryParse(slug, out var m) ? AlertRules.Describe(m) : slug;

    private static string Unit(string slug) => AlertRules.TryParse(slug, out var m) ? (AlertRules.Unit(m) == "x" ? "x" : AlertRules.Unit(m) == "%" ? " %" : "×") : "";

    private void New()
    {
        _errors = new Dictionary<string, string>();
        _form = new RuleForm { Metric = "coverage", Threshold = ExpansionDashboard.Metrics.Defaults.CoverageAlert, Severity = "alert", Enabled = true };
    }

    private void Edit(AlertRuleRow r)
    {
        _errors = new Dictionary<string, string>();
        _form = new RuleForm { Id = r.Id, Name = r.Name, Metric = r.Metric, Segment = r.Segment, QuarterOffset = r.QuarterOffset, Threshold = r.Threshold, Severity = r.Severity, Enabled = r.Enabled, WebhookUrl = r.WebhookUrl };
    }

    private async Task SaveRuleAsync()
    {
        if (_form is null)
        {
            return;
        }

        _busy = true;
        try
        {
            if (await ActorAsync() is not { } actor)
            {
                return;
            }

            _errors = await Rules.SaveRuleAsync(new AlertRuleRow(_form.Id, _form.Name ?? "", _form.Metric, _form.Segment, _form.QuarterOffset, _form.Threshold, _form.Severity, _form.Enabled, _form.WebhookUrl), actor);
            if (_errors.Count == 0)
            {
                (_message, _severity) = ($"Rule \"{_form.Name}\" saved; it is checked within a few seconds.", Severity.Success);
                _form = null;
                _rules = await Rules.RulesAsync();
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task DeleteRuleAsync()
    {
        if (_form is { Id: > 0 } f && await ActorAsync() is { } actor)
        {
            await Rules.DeleteRuleAsync(f.Id, actor);
            (_message, _severity) = ($"Rule \"{f.Name}\" deleted; its firings stay in the alert centre's history.", Severity.Info);
            _form = null;
            _rules = await Rules.RulesAsync();
        }
    }

    private async Task SaveWebhookAsync()
    {
        if (await ActorAsync() is not { } actor)
        {
            return;
        }

        _webhookError = await Rules.SetGlobalWebhookAsync(_globalWebhook, actor);
        if (_webhookError is null)
        {
            (_message, _severity) = (string.IsNullOrWhiteSpace(_globalWebhook) ? "Global webhook removed." : "Global webhook saved: new firings will be posted there.", Severity.Success);
        }
    }

    private async Task SendTestAsync(string? url)
    {
        var invalid = string.IsNullOrWhiteSpace(url) ? "Enter a webhook address first." : AlertRuleStore.WebhookError(url);
        if (invalid is not null)
        {
            (_message, _severity) = (invalid, Severity.Warning);
            return;
        }

        _busy = true;
        try
        {
            if (await ActorAsync() is not { } user)
            {
                return;
            }

            var error = await Sender.SendTestAsync(url!, user);
            (_message, _severity) = error is null ? ("Test sent: the webhook answered OK.", Severity.Success) : (error, Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }

    private sealed class RuleForm
    {
        public int Id { get; set; }

        public string? Name { get; set; }

        public string Metric { get; set; } = "coverage";

        public string? Segment { get; set; }

        public int QuarterOffset { get; set; }

        public decimal Threshold { get; set; }

        public string Severity { get; set; } = "alert";

        public bool Enabled { get; set; } = true;

        public string? WebhookUrl { get; set; }
    }
}
