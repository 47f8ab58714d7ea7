namespace ExpansionDashboard.Metrics.Retention;

/// <summary>One bar of the bridge and the accounts behind it.</summary>
public sealed record BridgeBar(string Label, decimal Amount, IReadOnlyList<BridgeAccount> Accounts);

/// <summary>An account's contribution to a bridge bar.</summary>
public sealed record BridgeAccount(string AccountId, string AccountName, decimal StartMrr, decimal EndMrr, decimal Amount);

/// <summary>
/// The NRR bridge for a window: start → expansion by type → contraction → churn → end. Every bar lists its
/// accounts and Start + Σ bars = End to the cent, so NRR = End ÷ Start × 100 is explained account by account.
/// </summary>
/// <remarks>
/// The bridge is at constant currency (the start month's rates), as NRR is. <see cref="Fx"/> is what the end month's
/// own rates add to the cohort's end MRR: shown after the bridge, never part of it or of NRR (zero with one currency).
/// </remarks>
public sealed record NrrBridgeResult(Month Start, Month End, decimal StartMrr, IReadOnlyList<BridgeBar> Bars, decimal EndMrr, decimal Fx = 0m)
{
    /// <summary>The cohort's end MRR at the end month's own rates: <see cref="EndMrr"/> + <see cref="Fx"/>.</summary>
    public decimal EndMrrAtEndRates => EndMrr + Fx;

    public decimal? Nrr => StartMrr > 0 ? EndMrr / StartMrr * 100m : null;

    public decimal Expansion => Bars.Where(b => b.Label.StartsWith("Expansion", StringComparison.Ordinal)).Sum(b => b.Amount);

    public BridgeBar Bar(string label) => Bars.Single(b => b.Label == label);
}

/// <summary>
/// Builds the NRR bridge. Cohort as in NRR (paying in the start month, membership at the start month). An
/// expanding account's net increase is split by type in proportion to its gross line-level increases between
/// the start and end months (a product it did not have at the start is Cross-sell; an increase on a product it
/// had is Seats or Usage when the end-month line says so, else Upsell); the last type takes the rounding remainder
/// so the split sums exactly to the account's increase.
/// </summary>
public static class NrrBridge
{
    public const string Definition = "Start MRR of the cohort + expansion (by type) − contraction − churn = end MRR of the cohort.";

    public static readonly string[] Labels = ["Expansion: Upsell", "Expansion: Cross-sell", "Expansion: Seats", "Expansion: Usage", "Contraction", "Churn"];

    public static NrrBridgeResult Compute(RevenueModel model, Month start, Month end, AccountFilter? filter = null)
    {
        var bars = Labels.ToDictionary(l => l, _ => new List<BridgeAccount>());
        decimal startMrr = 0, endMrr = 0, endAtOwnRates = 0;
        foreach (var (a, si, ei, s, e) in RetentionCohort.Of(model, start, end, filter))
        {
            startMrr += si;
            endMrr += ei;
            endAtOwnRates += e >= 0 ? a.Total[e] : 0m;
            var delta = ei - si;
            if (ei <= 0)
            {
                bars["Churn"].Add(new BridgeAccount(a.Account.Id, a.Account.Name, si, 0m, -si));
            }
            else if (delta < 0)
            {
                bars["Contraction"].Add(new BridgeAccount(a.Account.Id, a.Account.Name, si, ei, delta));
            }
            else if (delta > 0)
            {
                var split = Split(a, s, e, delta);
                for (var i = 0; i < 4; i++)
                {
                    if (split[i] != 0)
                    {
                        bars[Labels[i]].Add(new BridgeAccount(a.Account.Id, a.Account.Name, si, ei, split[i]));
                    }
                }
            }
        }

        var list = Labels.Select(l => new BridgeBar(l, bars[l].Sum(x => x.Amount), bars[l].OrderByDescending(x => Math.Abs(x.Amount)).ToList())).ToList();
        return new NrrBridgeResult(start, end, startMrr, list, endMrr, endAtOwnRates - endMrr);
    }

    /// <summary>Splits <paramref name="net"/> over Upsell, Cross-sell, Seats, Usage by gross line increases; sums exactly to net.</summary>
    private static decimal[] Split(AccountSeries a, int s, int e, decimal net)
    {
        var gross = new decimal[4];
        if (e >= 0)
        {
            foreach (var p in a.Products)
            {
                var d = p.ValueAt(e, s) - p.Mrr[s];
                if (d <= 0)
                {
                    continue;
                }

                var type = p.Mrr[s] <= 0 ? ExpansionType.CrossSell : p.LineTypes[e] ?? ExpansionType.Upsell;
                gross[(int)type] += d;
            }
        }

        var total = gross.Sum();
        var result = new decimal[4];
        if (total <= 0)
        {
            result[(int)ExpansionType.Upsell] = net;
            return result;
        }

        var allocated = 0m;
        var last = Array.FindLastIndex(gross, g => g > 0);
        for (var i = 0; i < 4; i++)
        {
            if (gross[i] <= 0)
            {
                continue;
            }

            result[i] = i == last ? net - allocated : decimal.Round(net * gross[i] / total, 10);
            allocated += result[i];
        }

        return result;
    }
}
