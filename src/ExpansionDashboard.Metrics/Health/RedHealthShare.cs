namespace ExpansionDashboard.Metrics.Health;

/// <summary>
/// Red-health share: the month's MRR held by accounts whose health score is red ÷ the MRR of all scored accounts × 100.
/// Accounts without a score count in neither. Unit: percent. The default alert fires above 15 %.
/// </summary>
public static class RedHealthShare
{
    public const string Definition = "MRR of accounts whose latest health score is red ÷ MRR of all scored accounts in that month × 100.";

    public const string Unit = "% of scored MRR";

    /// <summary>The default alert line: the share is worth watching above it.</summary>
    public const decimal DefaultAlert = Defaults.RedHealthShareAlert;

    /// <summary>The share in the scored month (<see cref="HealthMonth.Month"/>); null when that month is outside the model or no scored account pays.</summary>
    public static decimal? Compute(HealthMonth health, RevenueModel model, AccountFilter? filter = null)
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
