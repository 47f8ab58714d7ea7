namespace ExpansionDashboard.Metrics.Movements;

/// <summary>The kind of change an account's total MRR makes from one month to the next.</summary>
public enum MovementKind
{
    None,
    New,
    Reactivation,
    Expansion,
    Contraction,
    Churn,
}

/// <summary>Line-level gross increases split by type (beside, not instead of, account-level expansion).</summary>
public sealed record ExpansionByType(decimal Upsell, decimal CrossSell, decimal Seats, decimal Usage)
{
    public static ExpansionByType Zero { get; } = new(0, 0, 0, 0);

    public decimal Total => Upsell + CrossSell + Seats + Usage;

    public decimal Get(ExpansionType type) => type switch
    {
        ExpansionType.Upsell => Upsell,
        ExpansionType.CrossSell => CrossSell,
        ExpansionType.Seats => Seats,
        ExpansionType.Usage => Usage,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}

/// <summary>
/// One month's movements against the previous month, at constant currency (both months at the previous month's
/// rates). <see cref="Contraction"/> and <see cref="Churn"/> are negative, and <see cref="Fx"/> is the rest of the
/// change that exchange rates made, so <c>StartMrr + New + Reactivation + Expansion + Contraction + Churn + Fx == EndMrr</c>.
/// </summary>
public sealed record MonthMovements(
    Month Month,
    decimal StartMrr,
    decimal New,
    decimal Reactivation,
    decimal Expansion,
    decimal Contraction,
    decimal Churn,
    decimal EndMrr,
    ExpansionByType ExpansionByType,
    int NewAccounts,
    int ReactivatedAccounts,
    int ExpandedAccounts,
    int ContractedAccounts,
    int ChurnedAccounts,
    decimal Fx = 0m)
{
    public decimal NetChange => New + Reactivation + Expansion + Contraction + Churn + Fx;
}

/// <summary>One account's movement in a month, for drill-downs and bridges.</summary>
/// <remarks><paramref name="CurrentMrr"/> is at the previous month's rates (constant currency); <paramref name="Fx"/> is what the month's own rates add.</remarks>
public sealed record AccountMovement(string AccountId, string AccountName, MovementKind Kind, decimal PreviousMrr, decimal CurrentMrr, ExpansionByType ExpansionByType, decimal Fx = 0m)
{
    public decimal Amount => CurrentMrr - PreviousMrr;
}

/// <summary>
/// MRR movements: New, Reactivation, Expansion, Contraction and Churn per account per month (month t
/// against t-1 on the account's total MRR), summed per month. Unit: money per month (MRR).
/// </summary>
/// <remarks>
/// New: prev = 0 and never paid before. Reactivation: prev = 0 and paid before. Expansion: cur &gt; prev &gt; 0.
/// Contraction: 0 &lt; cur &lt; prev. Churn: prev &gt; 0 and cur = 0. A missing month counts as 0.
/// The first month of the model has no previous month in the data, so the series starts at the second.
/// Movements are at constant currency: month t is valued at month t-1's rates; what t's own rates add is FX.
/// Expansion by type is computed at revenue-line level for accounts paying in both months: a product the
/// account never had before is Cross-sell; an increase on a product it had is Upsell unless the line says
/// Seats or Usage.
/// </remarks>
public static class MrrMovements
{
    public const string Definition =
        "Change in each account's total MRR from month t-1 to t, classified as New, Reactivation, Expansion, Contraction or Churn.";

    public const string Unit = "MRR (reporting currency per month)";

    /// <summary>Classifies one account-month change.</summary>
    public static MovementKind Classify(decimal previous, decimal current, bool paidBefore)
    {
        if (previous <= 0)
        {
            return current > 0 ? (paidBefore ? MovementKind.Reactivation : MovementKind.New) : MovementKind.None;
        }

        if (current <= 0)
        {
            return MovementKind.Churn;
        }

        return current > previous ? MovementKind.Expansion : current < previous ? MovementKind.Contraction : MovementKind.None;
    }

    /// <summary>Movements for every month of the model after the first, for the accounts the filter selects.</summary>
    public static IReadOnlyList<MonthMovements> Compute(RevenueModel model, AccountFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.MonthCount < 2 ? [] : ComputeRange(model, filter, 1, model.MonthCount - 1);
    }

    /// <summary>
    /// The movements of one month (null for the model's first month or a month it does not hold): the same figures as
    /// <see cref="Compute(RevenueModel, AccountFilter?)"/> gives for it, without classifying every other month.
    /// </summary>
    public static MonthMovements? ComputeMonth(RevenueModel model, Month month, AccountFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var t = model.IsEmpty ? -1 : model.IndexOf(month);
        return t < 1 ? null : ComputeRange(model, filter, t, t)[0];
    }

    /// <summary>Months <paramref name="first"/> to <paramref name="last"/> (model indexes, first ≥ 1); earlier months only tell whether an account paid before.</summary>
    private static MonthMovements[] ComputeRange(RevenueModel model, AccountFilter? filter, int first, int last)
    {
        var n = last + 1;
        var start = new decimal[n];
        var end = new decimal[n];
        var newAmt = new decimal[n];
        var react = new decimal[n];
        var exp = new decimal[n];
        var contr = new decimal[n];
        var churn = new decimal[n];
        var upsell = new decimal[n];
        var cross = new decimal[n];
        var seats = new decimal[n];
        var usage = new decimal[n];
        var fx = new decimal[n];
        var counts = new int[n, 5];

        var filtered = filter is not null && !filter.IsEmpty;
        foreach (var a in model.Accounts)
        {
            // Membership is taken at the start of each month's window (t-1); without history it never changes.
            var staticMember = !filtered || (!a.HasHistory && filter!.Matches(a.Account));
            if (filtered && !a.HasHistory && !staticMember)
            {
                continue;
            }

            var total = a.Total;
            var paidBefore = total[0] > 0;
            for (var t = 1; t < n; t++)
            {
                if (t < first)
                {
                    paidBefore |= total[t] > 0;
                    continue;
                }

                if (!staticMember && !filter!.Matches(a.AttributesAt(t - 1)))
                {
                    paidBefore |= total[t] > 0;
                    continue;
                }

                var prev = total[t - 1];
                var cur = a.HasForeignCurrency ? a.TotalAt(t, t - 1) : total[t];
                start[t] += prev;
                end[t] += total[t];
                fx[t] += total[t] - cur;
                switch (Classify(prev, cur, paidBefore))
                {
                    case MovementKind.New:
                        newAmt[t] += cur;
                        counts[t, 0]++;
                        break;
                    case MovementKind.Reactivation:
                        react[t] += cur;
                        counts[t, 1]++;
                        break;
                    case MovementKind.Expansion:
                        exp[t] += cur - prev;
                        counts[t, 2]++;
                        break;
                    case MovementKind.Contraction:
                        contr[t] += cur - prev;
                        counts[t, 3]++;
                        break;
                    case MovementKind.Churn:
                        churn[t] -= prev;
                        counts[t, 4]++;
                        break;
                    case MovementKind.None:
                    default:
                        break;
                }

                if (prev > 0 && cur > 0)
                {
                    var split = LineSplit(a, t);
                    upsell[t] += split.Upsell;
                    cross[t] += split.CrossSell;
                    seats[t] += split.Seats;
                    usage[t] += split.Usage;
                }

                paidBefore |= total[t] > 0;
            }
        }

        var result = new MonthMovements[n - first];
        for (var t = first; t < n; t++)
        {
            result[t - first] = new MonthMovements(
                model.MonthAt(t), start[t], newAmt[t], react[t], exp[t], contr[t], churn[t], end[t],
                new ExpansionByType(upsell[t], cross[t], seats[t], usage[t]),
                counts[t, 0], counts[t, 1], counts[t, 2], counts[t, 3], counts[t, 4], fx[t]);
        }

        return result;
    }

    /// <summary>The movement of each selected account in <paramref name="month"/> (accounts with no movement are left out).</summary>
    public static IReadOnlyList<AccountMovement> ForMonth(RevenueModel model, Month month, AccountFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var t = model.IndexOf(month);
        if (t < 1)
        {
            return [];
        }

        var list = new List<AccountMovement>();
        foreach (var a in model.SelectAt(filter, t - 1))
        {
            var paidBefore = false;
            for (var i = 0; i < t - 1 && !paidBefore; i++)
            {
                paidBefore = a.Total[i] > 0;
            }

            var prev = a.Total[t - 1];
            var cur = a.TotalAt(t, t - 1);
            var kind = Classify(prev, cur, paidBefore || prev > 0);
            if (kind != MovementKind.None)
            {
                var split = prev > 0 && cur > 0 ? LineSplit(a, t) : ExpansionByType.Zero;
                list.Add(new AccountMovement(a.Account.Id, a.Account.Name, kind, prev, cur, split, a.Total[t] - cur));
            }
        }

        return list;
    }

    /// <summary>Gross line-level increases of one account from t-1 to t, by type.</summary>
    internal static ExpansionByType LineSplit(AccountSeries account, int t)
    {
        decimal up = 0, cross = 0, seats = 0, usage = 0;
        foreach (var p in account.Products)
        {
            var delta = p.ValueAt(t, t - 1) - p.Mrr[t - 1];
            if (delta <= 0)
            {
                continue;
            }

            var first = p.FirstPaidIndex;
            if (first < 0 || first >= t)
            {
                cross += delta;
            }
            else if (p.LineTypes[t] == ExpansionType.Seats)
            {
                seats += delta;
            }
            else if (p.LineTypes[t] == ExpansionType.Usage)
            {
                usage += delta;
            }
            else
            {
                up += delta;
            }
        }

        return new ExpansionByType(up, cross, seats, usage);
    }
}
