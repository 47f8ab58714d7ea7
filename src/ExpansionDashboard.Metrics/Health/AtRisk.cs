namespace ExpansionDashboard.Metrics.Health;

/// <summary>An account that needs action, and why (red health, falling usage, contraction last month).</summary>
public sealed record AtRiskAccount(string AccountId, string Name, string Segment, string Csm, decimal Mrr, decimal? HealthScore, string Reasons);

/// <summary>
/// At-risk accounts: paying accounts in the month that are red on health, whose usage fell two months running by
/// 10 % or more in all (not noise), or that contracted from the month before; largest MRR first.
/// </summary>
public static class AtRisk
{
    public const string Definition = "Paying accounts with a red health score, usage down two months running by ≥ 10 % in all, or MRR below the month before.";

    public const string Unit = "accounts";

    /// <summary>Usage counts as falling when both months' trends are negative and add up to this or less.</summary>
    public const double UsageFallThreshold = Defaults.AtRiskUsageFall;

    /// <summary>The at-risk accounts in <paramref name="month"/>; empty for the model's first month (nothing to contract from) or outside it.</summary>
    public static IReadOnlyList<AtRiskAccount> Compute(RevenueModel model, Month month, HealthMonth? health, AccountFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var t = model.IndexOf(month);
        if (t < 1)
        {
            return [];
        }

        var rows = new List<AtRiskAccount>();
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
                if (h!.Score.Band == HealthBand.Red)
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
                rows.Add(new AtRiskAccount(a.Account.Id, a.Account.Name, a.Account.Segment, a.Account.Csm, mrr, h?.Score.Score, string.Join("; ", reasons)));
            }
        }

        return rows.OrderByDescending(r => r.Mrr).ToList();
    }
}
