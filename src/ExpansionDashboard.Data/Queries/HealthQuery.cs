using ExpansionDashboard.Metrics.Health;
using ExpansionDashboard.Metrics.Model;
using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Data.Queries;

/// <summary>An account that needs action, and why (red health, falling usage, contraction last month).</summary>
public sealed record AtRiskRow(string AccountId, string Name, string Segment, string Csm, decimal Mrr, decimal? HealthScore, string Reasons);

/// <summary>The Health page: scored accounts by band, the at-risk list and the expansion candidates, each with its reason.</summary>
public sealed record HealthView(
    bool HasScores,
    Month Month,
    int Green,
    int Yellow,
    int Red,
    decimal? RedShareOfMrr,
    HealthWeights Weights,
    IReadOnlyList<AtRiskRow> AtRisk,
    IReadOnlyList<ExpansionCandidateRow> Candidates);

/// <summary>Customer health read side: scores with the admin's weights, at-risk accounts and expansion candidates.</summary>
public sealed class HealthQuery(DashboardSnapshotProvider snapshots, IDbContextFactory<DashboardDbContext> factory, Settings.HealthWeightsStore weights, TimeProvider time)
{
    public async Task<HealthView> GetAsync(AccountFilter? filter = null, Month? asOfMonth = null, CancellationToken ct = default)
    {
        var snap = await snapshots.GetAsync(ct);
        var model = snap.Revenue;
        var month = AsOfMonth.Of(model, time, asOfMonth);
        var health = await HealthScores.LatestAsync(factory, model, month, ct);
        var w = await weights.GetAsync(ct);
        if (health is null)
        {
            return new HealthView(false, month, 0, 0, 0, null, w, [], []);
        }

        var t = model.IndexOf(health.Month);
        var bands = model.SelectAt(filter, Math.Max(0, t)).Where(a => t >= 0 && a.Total[t] > 0 && health.Scores.ContainsKey(a.Account.Id))
            .Select(a => health.Scores[a.Account.Id].Score.Band).ToList();
        return new HealthView(
            true, health.Month,
            bands.Count(b => b == HealthBand.Green), bands.Count(b => b == HealthBand.Yellow), bands.Count(b => b == HealthBand.Red),
            HealthScores.RedShare(health, model, filter), w,
            AtRisk(model, month, health, filter),
            PageQueries.Candidates(snap, health, filter, take: 200));
    }

    /// <summary>Usage counts as falling when it dropped in each of the last two months (30–90 days) by 10 % or more in all, not by noise.</summary>
    public const double UsageFallThreshold = -0.10;

    /// <summary>Paying accounts in the red health band, with usage falling two months running (30–90 days), or that contracted last month; largest MRR first.</summary>
    public async Task<IReadOnlyList<AtRiskRow>> AtRiskAsync(RevenueModel model, Month month, AccountFilter? filter = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.IndexOf(month) < 1 ? [] : AtRisk(model, month, await HealthScores.LatestAsync(factory, model, month, ct), filter);
    }

    private static List<AtRiskRow> AtRisk(RevenueModel model, Month month, HealthMonth? health, AccountFilter? filter)
    {
        var t = model.IndexOf(month);
        if (t < 1)
        {
            return [];
        }

        var rows = new List<AtRiskRow>();
        foreach (var a in model.SelectAt(filter, t))
        {
            var mrr = a.Total[t];
            if (mrr <= 0)
            {
                continue;
            }

            var reasons = new List<string>();
            AccountHealth? h = null;
            if (health?.Scores.TryGetValue(a.Account.Id, out h) == true)
            {
                if (h!.Score.Band == Metrics.Health.HealthBand.Red)
                {
                    reasons.Add($"red health ({h.Score.Score:0})");
                }

                if (h.UsageTrend < 0 && h.PreviousUsageTrend < 0 && h.UsageTrend + h.PreviousUsageTrend <= UsageFallThreshold)
                {
                    reasons.Add($"usage down 2 months running ({h.PreviousUsageTrend:P0}, {h.UsageTrend:P0})");
                }
            }

            if (mrr < a.Total[t - 1])
            {
                reasons.Add($"contracted {a.Total[t] - a.Total[t - 1]:N0} in {month}");
            }

            if (reasons.Count > 0)
            {
                rows.Add(new AtRiskRow(a.Account.Id, a.Account.Name, a.Account.Segment, a.Account.Csm, mrr, h?.Score.Score, string.Join("; ", reasons)));
            }
        }

        return rows.OrderByDescending(r => r.Mrr).ToList();
    }

}
