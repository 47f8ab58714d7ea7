using ExpansionDashboard.Metrics.Health;
using ExpansionDashboard.Metrics.Model;
using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Data.Queries;

/// <summary>One account's health score in a month, with the plan-limit reading candidates use and the usage trend this and last month.</summary>
public sealed record AccountHealth(HealthScoreResult Score, double? PlanLimitUtilisation, double? UsageTrend = null, double? PreviousUsageTrend = null);

/// <summary>Every scored account in one month (the latest with signals on or before the month asked for).</summary>
public sealed record HealthMonth(Month Month, IReadOnlyDictionary<string, AccountHealth> Scores);

/// <summary>Scores the stored health signals through the metrics library.</summary>
public static class HealthScores
{
    /// <summary>Each account's score in the latest month with signals on or before <paramref name="asOf"/>; null without signals.</summary>
    public static async Task<HealthMonth?> LatestAsync(IDbContextFactory<DashboardDbContext> factory, RevenueModel model, Month asOf, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(model);
        if (model.IsEmpty)
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var latest = await db.HealthSignals.AsNoTracking().Where(h => h.Month <= asOf).MaxAsync(h => (Month?)h.Month, ct);
        if (latest is null)
        {
            return null;
        }

        var weights = await Settings.HealthWeightsStore.ReadAsync(db, ct);
        var previous = latest.Value.AddMonths(-1);
        var signals = await (from h in db.HealthSignals.AsNoTracking()
                             join a in db.Accounts.AsNoTracking() on h.AccountId equals a.Id
                             where h.Month == latest || h.Month == previous
                             select new { a.ExternalId, h.Month, h.UsageTrend, h.ActiveUsers, h.SupportTickets, h.Nps, h.PaymentFailures, h.ExecSponsorChange, h.QbrAttended, h.PlanLimitUtilisation })
            .ToListAsync(ct);
        var previousUsers = signals.Where(s => s.Month == previous).ToDictionary(s => s.ExternalId, s => s.ActiveUsers, StringComparer.Ordinal);
        var previousUsage = signals.Where(s => s.Month == previous).ToDictionary(s => s.ExternalId, s => s.UsageTrend, StringComparer.Ordinal);
        var scores = new Dictionary<string, AccountHealth>(StringComparer.Ordinal);
        foreach (var s in signals.Where(s => s.Month == latest))
        {
            scores[s.ExternalId] = new AccountHealth(HealthScore.Compute(new HealthInput(
                s.UsageTrend, s.ActiveUsers, previousUsers.GetValueOrDefault(s.ExternalId), s.SupportTickets, s.Nps, s.PaymentFailures,
                s.ExecSponsorChange, s.QbrAttended, s.PlanLimitUtilisation), weights), s.PlanLimitUtilisation, s.UsageTrend, previousUsage.GetValueOrDefault(s.ExternalId));
        }

        return new HealthMonth(latest.Value, scores);
    }

    /// <summary>Share of the month's MRR held by accounts whose score is red, % (null without scored revenue).</summary>
    public static decimal? RedShare(HealthMonth health, RevenueModel model, AccountFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(model);
        var t = model.IndexOf(health.Month);
        if (t < 0)
        {
            return null;
        }

        decimal total = 0, red = 0;
        foreach (var a in model.SelectAt(filter, t))
        {
            if (!health.Scores.TryGetValue(a.Account.Id, out var h))
            {
                continue;
            }

            total += a.Total[t];
            if (h.Score.Band == HealthBand.Red)
            {
                red += a.Total[t];
            }
        }

        return total > 0 ? red / total * 100m : null;
    }
}
