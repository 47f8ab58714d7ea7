namespace ExpansionDashboard.Data.Alerts;

/// <summary>
/// Webhook delivery of new firings: each is queued once when it opens (if a webhook is configured then), handed out
/// when due, and retried after 1, 2, 4, 8 and 16 seconds before it is given up as failed.
/// </summary>
public sealed class AlertOutbox(IDbContextFactory<DashboardDbContext> factory, TimeProvider time)
{
    /// <summary>Delivery attempts before a firing's notification is given up as failed.</summary>
    public const int MaxAttempts = 6;

    /// <summary>Queues a new firing for <paramref name="url"/>; without a webhook it is never sent, not even once one is set later.</summary>
    internal static void Enqueue(AlertFiring firing, string? url, DateTime now)
    {
        var hasUrl = !string.IsNullOrWhiteSpace(url);
        firing.NotifyState = hasUrl ? NotifyState.Pending : NotifyState.None;
        firing.NextAttemptUtc = hasUrl ? now : null;
    }

    /// <summary>Firings whose webhook delivery is due now, oldest first, with the address (the rule's own, else the global one).</summary>
    public async Task<IReadOnlyList<DueNotification>> DueAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        var globalWebhook = await StoreMetaValues.GetAsync(db, AlertRuleStore.GlobalWebhookKey, ct);
        var due = await AlertFiringStore.QueryAsync(db, f => f.NotifyState == NotifyState.Pending && f.NextAttemptUtc <= now, 50, ct);
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
            f.NotifyState = NotifyState.Sent;
            f.NotifiedUtc = now;
            f.NextAttemptUtc = null;
            f.NotifyError = null;
        }
        else
        {
            f.NotifyError = error is { Length: > 500 } ? error[..500] : error;
            f.NotifyState = f.NotifyAttempts >= MaxAttempts ? NotifyState.Failed : NotifyState.Pending;
            f.NextAttemptUtc = f.NotifyAttempts >= MaxAttempts ? null : now.AddSeconds(Math.Pow(2, f.NotifyAttempts - 1));
        }

        await db.SaveChangesAsync(ct);
    }
}
