using ExpansionDashboard.Metrics.Health;
using ExpansionDashboard.Metrics.Pipeline;

namespace ExpansionDashboard.Metrics.Expansion;

/// <summary>An account worth an expansion conversation, and why.</summary>
public sealed record ExpansionCandidate(string AccountId, string AccountName, string Segment, decimal Mrr, decimal? HealthScore, double? PlanLimitUtilisation, string Reason);

/// <summary>
/// Expansion candidates: accounts paying in the scored month that are green on health (score ≥ 70 by default) or at
/// 80 % or more of a plan limit, and have no open opportunity; largest MRR first.
/// </summary>
public static class ExpansionCandidates
{
    public const string Definition = "Paying accounts with no open opportunity that are green on health or at ≥ 80 % of a plan limit.";

    public const string Unit = "accounts";

    /// <summary>Plan-limit utilisation from which an account is a candidate whatever its score (0–1).</summary>
    public const double PlanLimitThreshold = Defaults.CandidatePlanLimit;

    /// <summary>At most <paramref name="take"/> candidates among the accounts scored in <paramref name="health"/>; empty without scores.</summary>
    public static IReadOnlyList<ExpansionCandidate> Compute(RevenueModel model, IEnumerable<OpportunityInput> opportunities, HealthMonth? health, AccountFilter? filter, int take)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(opportunities);
        if (health is null)
        {
            return [];
        }

        var withOpen = opportunities.Where(o => o.IsOpen).Select(o => o.AccountId).ToHashSet(StringComparer.Ordinal);
        var t = model.IndexOf(health.Month);
        var rows = new List<ExpansionCandidate>();
        foreach (var account in model.Accounts)
        {
            if (!health.Scores.TryGetValue(account.Account.Id, out var h) || withOpen.Contains(account.Account.Id) || account.MrrAt(t) <= 0 ||
                (filter is not null && !filter.Matches(account.Account)))
            {
                continue;
            }

            var green = h.Score.Band == HealthBand.Green;
            var nearLimit = h.PlanLimitUtilisation >= PlanLimitThreshold;
            if (!green && !nearLimit)
            {
                continue;
            }

            var reason = green && nearLimit ? $"healthy ({h.Score.Score:0}) and at {h.PlanLimitUtilisation:P0} of plan limit"
                : green ? $"healthy ({h.Score.Score:0}/100)" : $"at {h.PlanLimitUtilisation:P0} of plan limit";
            rows.Add(new ExpansionCandidate(account.Account.Id, account.Account.Name, account.Account.Segment, account.MrrAt(t), h.Score.Score, h.PlanLimitUtilisation, reason));
        }

        return rows.OrderByDescending(r => r.Mrr).Take(take).ToList();
    }
}
