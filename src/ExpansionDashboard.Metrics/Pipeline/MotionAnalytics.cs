using ExpansionDashboard.Metrics.Movements;

namespace ExpansionDashboard.Metrics.Pipeline;

/// <summary>One funnel step: deals that reached <see cref="Stage"/>, and the share of those that reached the next step.</summary>
public sealed record FunnelStep(OpportunityStage Stage, int Reached, decimal? ToNext);

/// <summary>
/// How one expansion motion (deal type) performs, for one segment or all. Win rates are percent; amounts ARR; velocity
/// in days; time to first expansion in months.
/// </summary>
public sealed record MotionStats(
    OpportunityType Motion,
    string? Segment,
    int Won,
    int Lost,
    decimal WonAmount,
    decimal LostAmount,
    decimal? MedianDaysToClose,
    int DealsWithDates,
    IReadOnlyList<FunnelStep> Funnel,
    int FunnelDeals,
    decimal? MedianMonthsToFirstExpansion,
    int AccountsExpanded)
{
    public decimal? WinRateByCount => Won + Lost > 0 ? (decimal)Won / (Won + Lost) * 100m : null;

    public decimal? WinRateByAmount => WonAmount + LostAmount > 0 ? WonAmount / (WonAmount + LostAmount) * 100m : null;

    /// <summary>Average amount of a won deal.</summary>
    public decimal? AverageDealSize => Won > 0 ? WonAmount / Won : null;
}

/// <summary>
/// Motion analytics over deals closed in a window [from, to]: per motion (Upsell, Cross-sell, Seats, Usage) win rate by
/// count and by amount, average won deal, median days from created to closed (won deals with both dates), the stage
/// funnel (closed deals with a recorded open stage: reached = furthest recorded stage or later, a won deal reached every
/// stage), and from the revenue: months from an account's first paid month to its first line-level expansion of that
/// type (median over accounts that had one).
/// </summary>
public static class MotionAnalytics
{
    public const string Definition = "Per deal type: won ÷ closed by count and by amount, average won deal, median created→closed days, stage funnel, median months from first payment to first expansion of that type.";

    public static IReadOnlyList<MotionStats> Compute(IEnumerable<OpportunityInput> opportunities, RevenueModel? model, DateOnly from, DateOnly to, string? segment = null)
    {
        ArgumentNullException.ThrowIfNull(opportunities);
        var closed = opportunities
            .Where(o => !o.IsOpen && o.CloseDay >= from && o.CloseDay <= to && (segment is null || string.Equals(o.Segment, segment, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        // Once per model, segment and month: the page asks for every segment, and each is a pass over the line splits.
        var firstExpansion = model is null ? null
            : ModelMemo.Get(model, (nameof(FirstExpansionMonths), segment?.ToUpperInvariant(), Month.Of(to)), () => FirstExpansionMonths(model, segment, Month.Of(to)));
        var result = new List<MotionStats>();
        foreach (var motion in Enum.GetValues<OpportunityType>())
        {
            var deals = closed.Where(o => o.Type == motion).ToList();
            var won = deals.Where(o => o.Stage == OpportunityStage.ClosedWon).ToList();
            var lost = deals.Where(o => o.Stage == OpportunityStage.ClosedLost).ToList();
            var days = won.Where(o => o.Created is not null && o.Closed is not null).Select(o => (decimal)(o.Closed!.Value.DayNumber - o.Created!.Value.DayNumber)).ToList();
            var (funnel, funnelDeals) = Funnel(deals);
            var months = firstExpansion?[(int)ToExpansionType(motion)];
            result.Add(new MotionStats(
                motion, segment, won.Count, lost.Count, won.Sum(o => o.Amount), lost.Sum(o => o.Amount), Statistics.Median(days), days.Count,
                funnel, funnelDeals, months is null ? null : Statistics.Median(months), months?.Count ?? 0));
        }

        return result;
    }

    /// <summary>The funnel of closed deals with a recorded open stage: how many reached each stage, and the step rates.</summary>
    public static (IReadOnlyList<FunnelStep> Steps, int Deals) Funnel(IEnumerable<OpportunityInput> closedDeals)
    {
        ArgumentNullException.ThrowIfNull(closedDeals);
        var reached = new int[6];
        var deals = 0;
        foreach (var o in closedDeals)
        {
            if (o.IsOpen || !o.HasOpenStageRecorded())
            {
                continue;
            }

            deals++;
            var furthest = (int)(o.FurthestOpenStage() ?? OpportunityStage.Identified);
            for (var s = 0; s <= furthest; s++)
            {
                reached[s]++;
            }

            if (o.Stage == OpportunityStage.ClosedWon)
            {
                reached[5]++;
            }
        }

        var steps = new List<FunnelStep>();
        for (var s = 0; s < 6; s++)
        {
            decimal? next = s < 5 && reached[s] > 0 ? (decimal)reached[s + 1] / reached[s] * 100m : null;
            steps.Add(new FunnelStep((OpportunityStage)s, reached[s], next));
        }

        return (steps, deals);
    }

    public static ExpansionType ToExpansionType(OpportunityType motion) => motion switch
    {
        OpportunityType.CrossSell => ExpansionType.CrossSell,
        OpportunityType.Seats => ExpansionType.Seats,
        OpportunityType.Usage => ExpansionType.Usage,
        _ => ExpansionType.Upsell,
    };

    /// <summary>Per expansion type: months from first paid month to the first month with a line-level increase of that type.</summary>
    private static List<decimal>[] FirstExpansionMonths(RevenueModel model, string? segment, Month through)
    {
        var types = Enum.GetValues<ExpansionType>();
        var lists = types.Select(_ => new List<decimal>()).ToArray();
        var end = Math.Min(model.MonthCount, through - model.FirstMonth + 1);
        foreach (var a in model.Select(segment is null ? null : new AccountFilter(Segment: segment)))
        {
            var first = a.FirstPaidIndex;
            if (first < 0)
            {
                continue;
            }

            var seen = new bool[lists.Length];
            for (var t = first + 1; t < end; t++)
            {
                if (a.Total[t - 1] <= 0 || a.Total[t] <= 0)
                {
                    continue;
                }

                var split = MrrMovements.LineSplit(a, t);
                foreach (var type in types)
                {
                    if (!seen[(int)type] && split.Get(type) > 0)
                    {
                        seen[(int)type] = true;
                        lists[(int)type].Add(t - first);
                    }
                }
            }
        }

        return lists;
    }
}
