using System.Linq.Expressions;
using ExpansionDashboard.Metrics.Alerts;

namespace ExpansionDashboard.Data.Alerts;

/// <summary>
/// The firing history: a firing opens when a rule's value crosses its line for a scope, follows the value while it stays
/// across, is acknowledged by people, and resolves when the value comes back (or its rule is disabled or deleted).
/// </summary>
public sealed class AlertFiringStore(IDbContextFactory<DashboardDbContext> factory, TimeProvider time)
{
    private const string EvaluatedKey = "alerts_evaluated";

    /// <summary>Open firings (acknowledged or not), newest first.</summary>
    public async Task<IReadOnlyList<AlertFiringRow>> ActiveAsync(CancellationToken ct = default) =>
        await QueryAsync(f => f.ResolvedUtc == null, 500, ct);

    /// <summary>Every firing, newest first, including those of deleted rules.</summary>
    public async Task<IReadOnlyList<AlertFiringRow>> HistoryAsync(int take = 500, CancellationToken ct = default) =>
        await QueryAsync(_ => true, take, ct);

    /// <summary>Firings open at the end of <paramref name="date"/>: alerts first, then newest.</summary>
    public async Task<IReadOnlyList<AlertFiringRow>> OpenOnAsync(DateOnly date, CancellationToken ct = default)
    {
        var dayEnd = date.ToDateTime(TimeOnly.MaxValue);
        var rows = await QueryAsync(f => f.FiredUtc <= dayEnd && (f.ResolvedUtc == null || f.ResolvedUtc > dayEnd), 2000, ct);
        return rows.OrderByDescending(f => f.Severity).ThenByDescending(f => f.FiredUtc).ToList();
    }

    /// <summary>Marks an open firing as seen by <paramref name="user"/>; false when it is unknown or already acknowledged.</summary>
    public async Task<bool> AcknowledgeAsync(long firingId, string user, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        return await db.AlertFirings.Where(f => f.Id == firingId && f.AcknowledgedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.AcknowledgedBy, user).SetProperty(f => f.AcknowledgedUtc, now), ct) == 1;
    }

    /// <summary>The marker of the state the stored firings reflect (see <see cref="AlertEvaluator"/>).</summary>
    public async Task<string?> EvaluatedMarkerAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await StoreMetaValues.GetAsync(db, EvaluatedKey, ct);
    }

    /// <summary>
    /// Brings the stored firings in line with <paramref name="findings"/> in one transaction: a new breach opens a
    /// firing (queued in the outbox when a webhook is configured), a continuing one takes the new value, an open firing
    /// without a finding resolves. Records <paramref name="marker"/> as evaluated.
    /// </summary>
    public async Task<FiringChanges> ApplyAsync(IReadOnlyList<AlertFinding> findings, string marker, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        var globalWebhook = await StoreMetaValues.GetAsync(db, AlertRuleStore.GlobalWebhookKey, ct);
        var urls = await db.AlertRules.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.WebhookUrl, ct);
        var breaches = new Dictionary<(int RuleId, string Scope), AlertFinding>();
        foreach (var f in findings)
        {
            breaches[(f.RuleId, f.Scope.Key)] = f;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var open = await db.AlertFirings.Where(f => f.ResolvedUtc == null).ToListAsync(ct);
        var opened = new List<AlertFiring>();
        var resolved = 0;
        foreach (var f in open)
        {
            var key = (f.RuleId, Scope.Parse(f.Scope).Key);
            if (breaches.Remove(key, out var b))
            {
                f.Scope = b.Scope.Key;
                f.Value = b.Value;
                f.Message = b.Message;
                f.Period = b.Period;
                f.Threshold = b.Threshold;
                f.Severity = b.Severity;
            }
            else
            {
                f.ResolvedUtc = now;
                resolved++;
            }
        }

        foreach (var b in breaches.Values)
        {
            var firing = new AlertFiring
            {
                RuleId = b.RuleId,
                Scope = b.Scope.Key,
                Value = b.Value,
                Threshold = b.Threshold,
                Severity = b.Severity,
                Message = b.Message,
                Period = b.Period,
                FiredUtc = now,
            };
            AlertOutbox.Enqueue(firing, urls.GetValueOrDefault(b.RuleId) ?? globalWebhook, now);
            db.AlertFirings.Add(firing);
            opened.Add(firing);
        }

        await StoreMetaValues.SetAsync(db, EvaluatedKey, marker, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new FiringChanges(opened.Count, resolved, open.Count - resolved, opened.Select(f => f.Id).ToList());
    }

    internal static async Task<List<AlertFiringRow>> QueryAsync(DashboardDbContext db, Expression<Func<AlertFiring, bool>> predicate, int take, CancellationToken ct)
    {
        var rows = await (from f in db.AlertFirings.AsNoTracking().Where(predicate)
                          join r in db.AlertRules.AsNoTracking() on f.RuleId equals r.Id
                          orderby f.Id descending
                          select new { f, r.Name, r.Metric })
            .Take(take).ToListAsync(ct);
        return rows.Select(x => new AlertFiringRow(x.f.Id, x.f.RuleId, x.Name, x.Metric, Scope.Parse(x.f.Scope), x.f.Value, x.f.Threshold, x.f.Severity, x.f.Message, x.f.Period,
            x.f.FiredUtc, x.f.ResolvedUtc, x.f.AcknowledgedBy, x.f.AcknowledgedUtc, x.f.NotifyState, x.f.NotifyAttempts, x.f.NotifyError)).ToList();
    }

    private async Task<List<AlertFiringRow>> QueryAsync(Expression<Func<AlertFiring, bool>> predicate, int take, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await QueryAsync(db, predicate, take, ct);
    }
}
