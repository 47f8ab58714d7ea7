using System.Globalization;
using ExpansionDashboard.Data.Entities;
using ExpansionDashboard.Data.Queries;
using ExpansionDashboard.Data.Settings;
using ExpansionDashboard.Metrics.Alerts;
using ExpansionDashboard.Metrics.Expansion;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Movements;
using ExpansionDashboard.Metrics.Pipeline;
using ExpansionDashboard.Metrics.Retention;
using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Data.Alerts;

public sealed record AlertRuleRow(int Id, string Name, string Metric, string? Segment, int QuarterOffset, decimal Threshold, string Severity, bool Enabled, string? WebhookUrl);

public sealed record AlertFiringRow(
    long Id, int RuleId, string RuleName, string Metric, string Scope, decimal Value, decimal Threshold, string Severity, string Message, string Period,
    DateTime FiredUtc, DateTime? ResolvedUtc, string? AcknowledgedBy, DateTime? AcknowledgedUtc, string NotifyState, int NotifyAttempts, string? NotifyError);

/// <summary>What one evaluation changed.</summary>
public sealed record AlertEvaluation(int Opened, int Resolved, int StillOpen, IReadOnlyList<long> OpenedIds);

/// <summary>A firing waiting for its webhook delivery.</summary>
public sealed record DueNotification(AlertFiringRow Firing, string Url);

/// <summary>
/// Alert rules as data, their evaluation against the metric model, the stored firings (opened when a value crosses
/// its line, resolved when it comes back, acknowledged by people) and the webhook delivery bookkeeping.
/// </summary>
public sealed class AlertService(IDbContextFactory<DashboardDbContext> factory, DashboardSnapshotProvider snapshots, ThresholdStore thresholds, TimeProvider time) : IDisposable
{
    /// <summary>The session-level advisory lock one monitor round holds on PostgreSQL ("ExpAlrt").</summary>
    private const long MonitorLockKey = 0x457870416C7274;

    /// <summary>
    /// Claims the right to run one monitor round. On PostgreSQL several app instances share the store, and only one at a
    /// time may evaluate rules and post webhooks (else each would post the same firing): a session-level advisory lock
    /// held until the returned lease is disposed; null when another instance holds it. On SQLite (one node) always granted.
    /// </summary>
    public async Task<IAsyncDisposable?> TryLeadAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Dialect.TryAcquireSessionLockAsync(db, MonitorLockKey, ct);
    }

    public const string GlobalWebhookKey = "alert_webhook";
    private const string EvaluatedKey = "alerts_evaluated";
    private const string SeededKey = "alert_rules_seeded";
    private const string RulesVersionKey = "alert_rules_version";

    /// <summary>Delivery attempts before a firing's notification is given up as failed.</summary>
    public const int MaxAttempts = 6;

    private readonly SemaphoreSlim _evaluating = new(1, 1);

    public void Dispose() => _evaluating.Dispose();

    /// <summary>Adds the contract's default rules once, on a store that never had rules.</summary>
    public async Task EnsureDefaultRulesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.StoreMeta.AnyAsync(m => m.Key == SeededKey, ct))
        {
            return;
        }

        foreach (var r in AlertRules.Defaults)
        {
            db.AlertRules.Add(new AlertRule
            {
                Name = r.Name, Metric = AlertRules.Slug(r.Metric), Segment = r.Segment, QuarterOffset = r.QuarterOffset, Threshold = r.Threshold,
                Severity = SeverityText(r.Severity),
            });
        }

        db.StoreMeta.Add(new StoreMeta { Key = SeededKey, Value = "1" });
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<AlertRuleRow>> RulesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.AlertRules.AsNoTracking().OrderBy(r => r.Id)
            .Select(r => new AlertRuleRow(r.Id, r.Name, r.Metric, r.Segment, r.QuarterOffset, r.Threshold, r.Severity, r.Enabled, r.WebhookUrl))
            .ToListAsync(ct);
    }

    public Task<IReadOnlyDictionary<string, string>> SaveRuleAsync(AlertRuleRow row, CancellationToken ct = default) => SaveRuleAsync(row, "system", ct);

    /// <summary>Creates (Id 0) or updates a rule, audited as <paramref name="actor"/>; returns field → message for invalid input and saves nothing then.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SaveRuleAsync(AlertRuleRow row, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        var errors = Validate(row);
        if (errors.Count > 0)
        {
            return errors;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var rule = row.Id == 0 ? null : await db.AlertRules.FirstOrDefaultAsync(r => r.Id == row.Id, ct);
        if (row.Id != 0 && rule is null)
        {
            return new Dictionary<string, string> { [nameof(row.Id)] = "This rule no longer exists; reload the page." };
        }

        var before = rule is null ? null : ToRow(rule);
        if (rule is null)
        {
            rule = new AlertRule { Name = row.Name.Trim(), Metric = row.Metric };
            db.AlertRules.Add(rule);
        }

        rule.Name = row.Name.Trim();
        rule.Metric = row.Metric;
        rule.Segment = string.IsNullOrWhiteSpace(row.Segment) ? null : row.Segment.Trim();
        rule.QuarterOffset = row.QuarterOffset;
        rule.Threshold = row.Threshold;
        rule.Severity = row.Severity;
        rule.Enabled = row.Enabled;
        rule.WebhookUrl = string.IsNullOrWhiteSpace(row.WebhookUrl) ? null : row.WebhookUrl.Trim();
        await db.SaveChangesAsync(ct);
        await InvalidateAsync(db, ct);
        await Audit.WriteAsync(actor, before is null ? "alert-rule.create" : "alert-rule.edit", rule.Name, before is null ? null : Masked(before), Masked(ToRow(rule)), ct);
        return new Dictionary<string, string>();
    }

    public async Task DeleteRuleAsync(int id, CancellationToken ct = default) => await DeleteRuleAsync(id, "system", ct);

    public async Task DeleteRuleAsync(int id, string actor, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rule = await db.AlertRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        await db.AlertRules.Where(r => r.Id == id).ExecuteDeleteAsync(ct);
        await InvalidateAsync(db, ct);
        if (rule is not null)
        {
            await Audit.WriteAsync(actor, "alert-rule.delete", rule.Name, Masked(ToRow(rule)), null, ct);
        }
    }

    private ExpansionDashboard.Data.Audit.AuditLog Audit => new(factory, time);

    private static AlertRuleRow ToRow(AlertRule r) => new(r.Id, r.Name, r.Metric, r.Segment, r.QuarterOffset, r.Threshold, r.Severity, r.Enabled, r.WebhookUrl);

    /// <summary>Webhook addresses carry their secret in the path: the audit keeps only scheme and host.</summary>
    private static AlertRuleRow Masked(AlertRuleRow r) => r with { WebhookUrl = MaskUrl(r.WebhookUrl) };

    public static string? MaskUrl(string? url) =>
        url is null ? null : Uri.TryCreate(url, UriKind.Absolute, out var u) ? $"{u.Scheme}://{u.Host}/…" : "…";

    public async Task<string?> GlobalWebhookAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await StoreMetaValues.GetAsync(db, GlobalWebhookKey, ct);
    }

    public Task<string?> SetGlobalWebhookAsync(string? url, CancellationToken ct = default) => SetGlobalWebhookAsync(url, "system", ct);

    /// <summary>Sets (or clears, with null or blank) the webhook every rule without its own uses; returns an error message or null.</summary>
    public async Task<string?> SetGlobalWebhookAsync(string? url, string actor, CancellationToken ct = default)
    {
        if (!string.IsNullOrWhiteSpace(url) && WebhookError(url) is { } error)
        {
            return error;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var value = string.IsNullOrWhiteSpace(url) ? null : url.Trim();
        var before = await StoreMetaValues.SetAsync(db, GlobalWebhookKey, value, ct);
        await db.SaveChangesAsync(ct);
        await Audit.WriteAsync(actor, "alert-webhook.edit", "global webhook", new { url = MaskUrl(before) }, new { url = MaskUrl(value) }, ct);
        return null;
    }

    /// <summary>True when the data, the rules or the calendar day changed since the last evaluation.</summary>
    public async Task<bool> NeedsEvaluationAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var marker = await MarkerAsync(db, ct);
        var stored = await StoreMetaValues.GetAsync(db, EvaluatedKey, ct);
        return !string.Equals(marker, stored, StringComparison.Ordinal);
    }

    /// <summary>
    /// Evaluates every enabled rule for the latest reporting month (coverage: the rule's quarter) and updates the
    /// stored firings: a new breach opens a firing (queued for its webhook when one is configured), a continuing
    /// breach updates its value, a value back within its line (or a rule disabled or deleted) resolves it.
    /// </summary>
    public async Task<AlertEvaluation> EvaluateAsync(CancellationToken ct = default)
    {
        await _evaluating.WaitAsync(ct);
        try
        {
            return await EvaluateCoreAsync(ct);
        }
        finally
        {
            _evaluating.Release();
        }
    }

    private async Task<AlertEvaluation> EvaluateCoreAsync(CancellationToken ct)
    {
        var snap = await snapshots.GetAsync(ct);
        var settings = await thresholds.GetAsync(ct);
        var model = snap.Revenue;
        var asOf = AsOfMonth.Of(model, time);
        await using var db = await factory.CreateDbContextAsync(ct);
        var marker = await MarkerAsync(db, ct);
        var rules = await db.AlertRules.AsNoTracking().Where(r => r.Enabled).ToListAsync(ct);
        var globalWebhook = await StoreMetaValues.GetAsync(db, GlobalWebhookKey, ct);
        var segments = model.Accounts.Select(a => a.Account.Segment).Concat(snap.Targets.Select(t => t.Segment ?? ""))
            .Where(s => s.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        HealthMonth? health = null;
        var healthLoaded = false;
        var movementCache = new Dictionary<string, IReadOnlyList<MonthMovements>>(StringComparer.OrdinalIgnoreCase);
        IReadOnlyList<MonthMovements> Movements(string? scope)
        {
            if (!movementCache.TryGetValue(scope ?? "", out var list))
            {
                movementCache[scope ?? ""] = list = MrrMovements.Compute(model, Filter(scope)).Where(m => m.Month <= asOf).ToList();
            }

            return list;
        }

        var breaches = new Dictionary<(int RuleId, string Scope), (decimal Value, string Message, string Period, AlertRule Rule)>();
        foreach (var rule in rules)
        {
            if (!TryMetric(rule.Metric, out var metric))
            {
                continue;
            }

            IEnumerable<string?> scopes = rule.Segment is null ? new string?[] { null }
                : rule.Segment == AlertRuleDefinition.EverySegment ? segments
                : new string?[] { rule.Segment };
            foreach (var scope in scopes)
            {
                decimal? value;
                string period = asOf.ToString();
                switch (metric)
                {
                    case AlertMetric.Coverage:
                        // Alerts evaluate at the data's horizon: the quarter is the as-of month's, not today's.
                        var quarter = asOf.Quarter.AddQuarters(rule.QuarterOffset);
                        period = quarter.ToString();
                        value = PipelineCoverage.Compute(snap.Opportunities, snap.Targets, quarter, scope, settings.Coverage).Coverage;
                        break;
                    case AlertMetric.NrrT12m or AlertMetric.GrrT12m:
                        var w = model.IndexOf(asOf.AddMonths(-12)) >= 0 && model.IndexOf(asOf) >= 0 ? RetentionWindow.Compute(model, asOf.AddMonths(-12), asOf, Filter(scope)) : null;
                        value = metric == AlertMetric.NrrT12m ? w?.Nrr : w?.Grr;
                        break;
                    case AlertMetric.ExpansionRate:
                        value = ExpansionRate.Compute(model, asOf, Filter(scope));
                        break;
                    case AlertMetric.RedHealthShare:
                        if (!healthLoaded)
                        {
                            health = await HealthScores.LatestAsync(factory, model, asOf, ct);
                            healthLoaded = true;
                        }

                        value = health is null ? null : HealthScores.RedShare(health, model, Filter(scope));
                        period = health?.Month.ToString() ?? period;
                        break;
                    default:
                        value = AlertRules.ContractionRatio(Movements(scope));
                        break;
                }

                if (AlertRules.Breaches(metric, value, rule.Threshold))
                {
                    breaches[(rule.Id, scope ?? "Company")] = (value!.Value, Message(metric, scope, value.Value, rule.Threshold, period), period, rule);
                }
            }
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var open = await db.AlertFirings.Where(f => f.ResolvedUtc == null).ToListAsync(ct);
        var opened = new List<AlertFiring>();
        var resolved = 0;
        foreach (var f in open)
        {
            if (breaches.TryGetValue((f.RuleId, f.Scope), out var b))
            {
                f.Value = b.Value;
                f.Message = b.Message;
                f.Period = b.Period;
                f.Threshold = b.Rule.Threshold;
                f.Severity = b.Rule.Severity;
                breaches.Remove((f.RuleId, f.Scope));
            }
            else
            {
                f.ResolvedUtc = now;
                resolved++;
            }
        }

        foreach (var ((ruleId, scope), b) in breaches)
        {
            var url = b.Rule.WebhookUrl ?? globalWebhook;
            var firing = new AlertFiring
            {
                RuleId = ruleId, Scope = scope, Value = b.Value, Threshold = b.Rule.Threshold, Severity = b.Rule.Severity, Message = b.Message, Period = b.Period,
                FiredUtc = now, NotifyState = string.IsNullOrWhiteSpace(url) ? "none" : "pending", NextAttemptUtc = string.IsNullOrWhiteSpace(url) ? null : now,
            };
            db.AlertFirings.Add(firing);
            opened.Add(firing);
        }

        await StoreMetaValues.SetAsync(db, EvaluatedKey, marker, ct);

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new AlertEvaluation(opened.Count, resolved, open.Count - resolved, opened.Select(f => f.Id).ToList());

        AccountFilter? Filter(string? scope) => scope is null ? null : new AccountFilter(Segment: scope);
    }

    public async Task<IReadOnlyList<AlertFiringRow>> ActiveAsync(CancellationToken ct = default) =>
        await QueryFirings(f => f.ResolvedUtc == null, 500, ct);

    public async Task<IReadOnlyList<AlertFiringRow>> HistoryAsync(int take = 500, CancellationToken ct = default) =>
        await QueryFirings(_ => true, take, ct);

    /// <summary>Marks an open firing as seen by <paramref name="user"/>; false when it is unknown or already acknowledged.</summary>
    public async Task<bool> AcknowledgeAsync(long firingId, string user, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        return await db.AlertFirings.Where(f => f.Id == firingId && f.AcknowledgedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.AcknowledgedBy, user).SetProperty(f => f.AcknowledgedUtc, now), ct) == 1;
    }

    /// <summary>Firings whose webhook delivery is due now, oldest first.</summary>
    public async Task<IReadOnlyList<DueNotification>> DueNotificationsAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        var globalWebhook = await StoreMetaValues.GetAsync(db, GlobalWebhookKey, ct);
        var due = await QueryFirings(f => f.NotifyState == "pending" && f.NextAttemptUtc <= now, 50, ct);
        var urls = await db.AlertRules.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.WebhookUrl, ct);
        return due.Select(f => (f, Url: urls.GetValueOrDefault(f.RuleId) ?? globalWebhook))
            .Where(x => !string.IsNullOrWhiteSpace(x.Url))
            .Select(x => new DueNotification(x.f, x.Url!)).ToList();
    }

    /// <summary>Records a delivery attempt: sent, or retried after 1, 2, 4, 8, 16 seconds and then given up as failed.</summary>
    public async Task RecordDeliveryAsync(long firingId, bool delivered, string? error, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var f = await db.AlertFirings.FirstOrDefaultAsync(x => x.Id == firingId, ct);
        if (f is null)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        f.NotifyAttempts++;
        if (delivered)
        {
            f.NotifyState = "sent";
            f.NotifiedUtc = now;
            f.NextAttemptUtc = null;
            f.NotifyError = null;
        }
        else
        {
            f.NotifyError = error is { Length: > 500 } ? error[..500] : error;
            f.NotifyState = f.NotifyAttempts >= MaxAttempts ? "failed" : "pending";
            f.NextAttemptUtc = f.NotifyAttempts >= MaxAttempts ? null : now.AddSeconds(Math.Pow(2, f.NotifyAttempts - 1));
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>An error message for a webhook address that is not an absolute http(s) URL, else null.</summary>
    public static string? WebhookError(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp)
            ? null
            : "Enter the webhook's full address, starting with https:// (for example a Slack or Microsoft Teams incoming webhook).";

    public static bool TryMetric(string slug, out AlertMetric metric)
    {
        foreach (var m in Enum.GetValues<AlertMetric>())
        {
            if (string.Equals(AlertRules.Slug(m), slug, StringComparison.OrdinalIgnoreCase))
            {
                metric = m;
                return true;
            }
        }

        metric = default;
        return false;
    }

    private static Dictionary<string, string> Validate(AlertRuleRow row)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(row.Name))
        {
            errors[nameof(row.Name)] = "Give the rule a name people will recognise in the alert centre.";
        }

        if (!TryMetric(row.Metric, out var metric))
        {
            errors[nameof(row.Metric)] = "Choose what the rule watches.";
        }
        else if (row.Threshold <= 0 || (metric != AlertMetric.Coverage && metric != AlertMetric.ContractionSpike && row.Threshold > 1000))
        {
            errors[nameof(row.Threshold)] = metric == AlertMetric.Coverage ? "The coverage line must be above 0x (e.g. 2.5)." : "Enter a threshold above 0.";
        }

        if (row.Severity is not ("alert" or "watch"))
        {
            errors[nameof(row.Severity)] = "Severity is alert (red) or watch (amber).";
        }

        if (row.QuarterOffset is < 0 or > 1)
        {
            errors[nameof(row.QuarterOffset)] = "Coverage rules watch the current (0) or the next (1) quarter.";
        }

        if (!string.IsNullOrWhiteSpace(row.WebhookUrl) && WebhookError(row.WebhookUrl) is { } webhook)
        {
            errors[nameof(row.WebhookUrl)] = webhook;
        }

        return errors;
    }

    private static string Message(AlertMetric metric, string? scope, decimal value, decimal threshold, string period)
    {
        var who = scope ?? "Company";
        var c = CultureInfo.InvariantCulture;
        return metric switch
        {
            AlertMetric.Coverage => string.Create(c, $"{who} coverage for {period} is {value:0.0}x, below {threshold:0.0#}x"),
            AlertMetric.NrrT12m => string.Create(c, $"{who} trailing-12-month NRR is {value:0.0} %, below {threshold:0.##} % ({period})"),
            AlertMetric.GrrT12m => string.Create(c, $"{who} trailing-12-month GRR is {value:0.0} %, below {threshold:0.##} % ({period})"),
            AlertMetric.ExpansionRate => string.Create(c, $"{who} expansion rate in {period} is {value:0.00} %, below {threshold:0.##} % a month"),
            AlertMetric.RedHealthShare => string.Create(c, $"{who}: {value:0.0} % of MRR is in red-health accounts, above {threshold:0.##} % ({period})"),
            _ => string.Create(c, $"{who} contraction in {period} is {value:0.0}× its 6-month average, above {threshold:0.0#}×"),
        };
    }

    private static string SeverityText(Metrics.Bands.Severity s) => s == Metrics.Bands.Severity.Watch ? "watch" : "alert";

    private async Task<List<AlertFiringRow>> QueryFirings(System.Linq.Expressions.Expression<Func<AlertFiring, bool>> predicate, int take, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await (from f in db.AlertFirings.AsNoTracking().Where(predicate)
                      join r in db.AlertRules.AsNoTracking() on f.RuleId equals r.Id
                      orderby f.Id descending
                      select new AlertFiringRow(f.Id, f.RuleId, r.Name, r.Metric, f.Scope, f.Value, f.Threshold, f.Severity, f.Message, f.Period,
                          f.FiredUtc, f.ResolvedUtc, f.AcknowledgedBy, f.AcknowledgedUtc, f.NotifyState, f.NotifyAttempts, f.NotifyError))
            .Take(take).ToListAsync(ct);
    }

    /// <summary>The state an evaluation depends on: data version, rules version and the day (the daily re-evaluation).</summary>
    private async Task<string> MarkerAsync(DashboardDbContext db, CancellationToken ct)
    {
        var version = await DataVersion.GetAsync(db, ct);
        var rules = await StoreMetaValues.GetAsync(db, RulesVersionKey, ct) ?? "0";
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var thresholdsJson = await StoreMetaValues.GetAsync(db, "thresholds", ct) ?? "";
        return $"{version}|{rules}|{today}|{thresholdsJson}";
    }

    private static async Task InvalidateAsync(DashboardDbContext db, CancellationToken ct)
    {
        var current = await StoreMetaValues.GetAsync(db, RulesVersionKey, ct);
        var next = (current is null ? 0 : long.Parse(current, CultureInfo.InvariantCulture)) + 1;
        await StoreMetaValues.SetAsync(db, RulesVersionKey, next.ToString(CultureInfo.InvariantCulture), ct);
        await db.SaveChangesAsync(ct);
    }
}
