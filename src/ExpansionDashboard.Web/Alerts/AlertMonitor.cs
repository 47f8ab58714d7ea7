using ExpansionDashboard.Data.Alerts;

namespace ExpansionDashboard.Web.Alerts;

/// <summary>
/// Re-evaluates the alert rules whenever the data, the rules or the day change (checked every few seconds; an import
/// or a form edit bumps the data version), and delivers due webhook notifications with back-off — all off the UI's
/// request path.
/// </summary>
public sealed class AlertMonitor(AlertEvaluator evaluator, AlertOutbox outbox, StoreLock storeLock, IServiceProvider services, IOptions<DashboardOptions> options, ILogger<AlertMonitor> log) : BackgroundService
{
    // One round at a time: a delivery is recorded after it is sent, so two rounds at once could post a firing twice.
    private readonly SemaphoreSlim _round = new(1, 1);

    public override void Dispose()
    {
        _round.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.Alerts.CheckSeconds));
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed round (database busy, say) is retried on the next tick; the monitor must not die.
                log.LogError(ex, "Alert evaluation or delivery failed; retrying on the next check.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round: evaluate when needed, then deliver what is due.</summary>
    public async Task RunOnceAsync(CancellationToken ct)
    {
        await _round.WaitAsync(ct);
        try
        {
            await RoundAsync(ct);
        }
        finally
        {
            _round.Release();
        }
    }

    private async Task RoundAsync(CancellationToken ct)
    {
        // Several instances on one PostgreSQL store: one of them runs the round, the others skip this tick.
        await using var lease = await storeLock.TryAcquireAsync(StoreLock.AlertMonitorKey, ct);
        if (lease is null)
        {
            return;
        }

        if (await evaluator.NeedsRefreshAsync(ct))
        {
            var result = await evaluator.RefreshFiringsAsync(ct);
            if (result.Opened > 0 || result.Resolved > 0)
            {
                log.LogInformation("Alerts evaluated: {Opened} opened, {Resolved} resolved, {Open} still open.", result.Opened, result.Resolved, result.StillOpen);
            }
        }

        var due = await outbox.DueAsync(ct);
        if (due.Count == 0)
        {
            return;
        }

        var sender = services.GetRequiredService<WebhookSender>();
        foreach (var n in due)
        {
            var error = await sender.SendAsync(n.Url, WebhookSender.Payload(n.Firing), ct);
            await outbox.RecordDeliveryAsync(n.Firing.Id, error is null, error, ct);
            if (error is not null)
            {
                log.LogWarning("Alert {FiringId} webhook delivery failed (attempt {Attempt}): {Error}", n.Firing.Id, n.Firing.NotifyAttempts + 1, error);
            }
        }
    }
}
