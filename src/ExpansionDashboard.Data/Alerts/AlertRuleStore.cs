using ExpansionDashboard.Metrics.Alerts;

namespace ExpansionDashboard.Data.Alerts;

/// <summary>
/// The stored alert rules and the global webhook: seeding the defaults once, create, edit and (soft) delete, each
/// audited. A deleted rule is hidden from the rules list and never evaluated again, but stays in the table so the
/// firings it opened keep their rule, metric and history.
/// </summary>
public sealed class AlertRuleStore(IDbContextFactory<DashboardDbContext> factory, TimeProvider time)
{
    public const string GlobalWebhookKey = "alert_webhook";
    private const string SeededKey = "alert_rules_seeded";
    private const string VersionKey = "alert_rules_version";

    private ExpansionDashboard.Data.Audit.AuditLog Audit => new(factory, time);

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
                Name = r.Name,
                Metric = AlertRules.Slug(r.Metric),
                Segment = r.Scope.Key,
                QuarterOffset = r.QuarterOffset,
                Threshold = r.Threshold,
                Severity = r.Severity,
            });
        }

        db.StoreMeta.Add(new StoreMeta { Key = SeededKey, Value = "1" });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The rules an admin sees (not deleted), oldest first.</summary>
    public async Task<IReadOnlyList<AlertRuleRow>> RulesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await db.AlertRules.AsNoTracking().Where(r => r.DeletedUtc == null).OrderBy(r => r.Id).ToListAsync(ct)).Select(ToRow).ToList();
    }

    /// <summary>The enabled rules as the metrics library evaluates them (unknown metrics skipped).</summary>
    public async Task<IReadOnlyList<AlertRuleDefinition>> EnabledAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rules = await db.AlertRules.AsNoTracking().Where(r => r.Enabled && r.DeletedUtc == null).OrderBy(r => r.Id).ToListAsync(ct);
        return rules.Where(r => AlertRules.TryParse(r.Metric, out _))
            .Select(r => new AlertRuleDefinition(r.Id, r.Name, AlertRules.TryParse(r.Metric, out var m) ? m : default, Scope.Parse(r.Segment), r.Threshold, r.Severity, r.QuarterOffset))
            .ToList();
    }

    /// <summary>Goes up with every rule change, so evaluations know to run again.</summary>
    public async Task<string> VersionAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await StoreMetaValues.GetAsync(db, VersionKey, ct) ?? "0";
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
        var rule = row.Id == 0 ? null : await db.AlertRules.FirstOrDefaultAsync(r => r.Id == row.Id && r.DeletedUtc == null, ct);
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
        rule.Metric = AlertRules.Slug(AlertRules.TryParse(row.Metric, out var metric) ? metric : default);
        rule.Segment = row.Scope.Key;
        rule.QuarterOffset = row.QuarterOffset;
        rule.Threshold = row.Threshold;
        rule.Severity = AlertSeverities.Parse(row.Severity);
        rule.Enabled = row.Enabled;
        rule.WebhookUrl = string.IsNullOrWhiteSpace(row.WebhookUrl) ? null : row.WebhookUrl.Trim();
        await db.SaveChangesAsync(ct);
        await BumpVersionAsync(db, ct);
        await Audit.WriteAsync(actor, before is null ? "alert-rule.create" : "alert-rule.edit", rule.Name, before is null ? null : Masked(before), Masked(ToRow(rule)), ct);
        return new Dictionary<string, string>();
    }

    public async Task DeleteRuleAsync(int id, CancellationToken ct = default) => await DeleteRuleAsync(id, "system", ct);

    /// <summary>Deletes a rule softly: it leaves the list and is not evaluated again (its open firings resolve), its firings' history stays.</summary>
    public async Task DeleteRuleAsync(int id, string actor, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rule = await db.AlertRules.FirstOrDefaultAsync(r => r.Id == id && r.DeletedUtc == null, ct);
        if (rule is null)
        {
            return;
        }

        rule.DeletedUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await BumpVersionAsync(db, ct);
        await Audit.WriteAsync(actor, "alert-rule.delete", rule.Name, Masked(ToRow(rule)), null, ct);
    }

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

    /// <summary>Webhook addresses carry their secret in the path: the audit keeps only scheme and host.</summary>
    public static string? MaskUrl(string? url) =>
        url is null ? null : Uri.TryCreate(url, UriKind.Absolute, out var u) ? $"{u.Scheme}://{u.Host}/…" : "…";

    /// <summary>An error message for a webhook address that is not an absolute http(s) URL, else null.</summary>
    public static string? WebhookError(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp)
            ? null
            : "Enter the webhook's full address, starting with https:// (for example a Slack or Microsoft Teams incoming webhook).";

    private static AlertRuleRow ToRow(AlertRule r) =>
        new(r.Id, r.Name, r.Metric, Scope.Parse(r.Segment).Key, r.QuarterOffset, r.Threshold, r.Severity.Key(), r.Enabled, r.WebhookUrl);

    private static AlertRuleRow Masked(AlertRuleRow r) => r with { WebhookUrl = MaskUrl(r.WebhookUrl) };

    private static Dictionary<string, string> Validate(AlertRuleRow row)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(row.Name))
        {
            errors[nameof(row.Name)] = "Give the rule a name people will recognise in the alert centre.";
        }

        if (!AlertRules.TryParse(row.Metric, out var metric))
        {
            errors[nameof(row.Metric)] = "Choose what the rule watches.";
        }
        else if (row.Threshold <= 0 || (metric != AlertMetric.Coverage && metric != AlertMetric.ContractionSpike && row.Threshold > 1000))
        {
            errors[nameof(row.Threshold)] = metric == AlertMetric.Coverage ? "The coverage line must be above 0x (e.g. 2.5)." : "Enter a threshold above 0.";
        }

        if (!AlertSeverities.TryParse(row.Severity, out _))
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

    private static async Task BumpVersionAsync(DashboardDbContext db, CancellationToken ct)
    {
        var current = await StoreMetaValues.GetAsync(db, VersionKey, ct);
        var next = (current is null ? 0 : long.Parse(current, CultureInfo.InvariantCulture)) + 1;
        await StoreMetaValues.SetAsync(db, VersionKey, next.ToString(CultureInfo.InvariantCulture), ct);
        await db.SaveChangesAsync(ct);
    }
}
