using ExpansionDashboard.Metrics.Expansion;

namespace ExpansionDashboard.Data.Health;

/// <summary>Customer health read side: scores with the admin's weights, at-risk accounts and expansion candidates (rules in the metrics library).</summary>
public sealed class HealthQuery(DashboardSnapshotProvider snapshots, SettingsProvider settings, TimeProvider time)
{
    public async Task<HealthView> GetAsync(AccountFilter? filter = null, Month? asOfMonth = null, CancellationToken ct = default)
    {
        var snap = await snapshots.GetAsync(ct);
        var model = snap.Revenue;
        var month = AsOfMonth.Of(model, time, asOfMonth);
        var w = (await settings.GetAsync(ct)).HealthWeights;
        var health = snap.HealthAt(month, w);
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
            RedHealthShare.Compute(health, model, filter), w,
            AtRisk.Compute(model, month, health, filter),
            ExpansionCandidates.Compute(model, snap.Opportunities, health, filter, take: int.MaxValue))
        {
            OpenPipelineByAccount = snap.Opportunities.Where(o => o.IsOpen).GroupBy(o => o.AccountId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(o => o.Amount), StringComparer.Ordinal),
        };
    }
}
