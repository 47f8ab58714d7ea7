using System.Text.Json;

namespace ExpansionDashboard.Data.Audit;

public sealed record AuditRow(long Id, DateTime Utc, string Actor, string Action, string Target, string? Before, string? After);

/// <summary>
/// The audit trail: sign-ins, imports and reverts, edits of opportunities, targets, thresholds, health weights, alert
/// rules, users and API keys — who, when, what, and the values before and after for edits. Append-only.
/// </summary>
public sealed class AuditLog(IDbContextFactory<DashboardDbContext> factory, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>Records one action; <paramref name="before"/> and <paramref name="after"/> are serialised to JSON.</summary>
    public async Task WriteAsync(string actor, string action, string target, object? before = null, object? after = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditEntries.Add(new AuditEntry
        {
            Utc = time.GetUtcNow().UtcDateTime,
            Actor = string.IsNullOrWhiteSpace(actor) ? "unknown" : actor,
            Action = action,
            Target = target.Length > 512 ? target[..512] : target,
            BeforeJson = before is null ? null : JsonSerializer.Serialize(before, Json),
            AfterJson = after is null ? null : JsonSerializer.Serialize(after, Json),
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The latest entries, newest first, optionally those whose action, actor or target contains <paramref name="search"/>.</summary>
    public async Task<IReadOnlyList<AuditRow>> LatestAsync(string? search = null, int take = 500, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            q = q.Where(e => e.Action.Contains(search) || e.Actor.Contains(search) || e.Target.Contains(search));
        }

        return await q.OrderByDescending(e => e.Id).Take(take)
            .Select(e => new AuditRow(e.Id, e.Utc, e.Actor, e.Action, e.Target, e.BeforeJson, e.AfterJson)).ToListAsync(ct);
    }
}
