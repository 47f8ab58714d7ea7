using ExpansionDashboard.Metrics.Pipeline;

namespace ExpansionDashboard.Metrics.Forecast;

/// <summary>
/// One segment's expansion ARR forecast for a quarter, made on <see cref="ForecastResult.AsOf"/>. Already booked:
/// <see cref="WonToDate"/> and <see cref="UntrackedToDate"/>. Still to come: <see cref="WeightedPipeline"/> (open deals
/// expected in the quarter × their stage's historical conversion), <see cref="NewDealRunRate"/> (deals not yet created
/// that will be created and won inside the quarter) and <see cref="UntrackedRunRate"/> (expansion that never appears
/// as a deal: usage and seat growth). <see cref="Range"/> is filled from a backtest's past misses.
/// </summary>
public sealed record ForecastRow(
    string Segment,
    decimal WonToDate,
    decimal UntrackedToDate,
    decimal OpenPipeline,
    int OpenDeals,
    decimal WeightedPipeline,
    decimal NewDealRunRate,
    decimal UntrackedRunRate,
    StageConversionTable Conversion,
    ForecastRange? Range = null)
{
    /// <summary>What is already booked in the quarter.</summary>
    public decimal Booked => WonToDate + UntrackedToDate;

    /// <summary>What the method expects still to come.</summary>
    public decimal Remaining => WeightedPipeline + NewDealRunRate + UntrackedRunRate;

    /// <summary>The point forecast of the quarter's expansion ARR.</summary>
    public decimal Point => Booked + Remaining;
}

/// <summary>A low–high range around a point forecast.</summary>
public sealed record ForecastRange(decimal Low, decimal High, int Quarters);

/// <summary>A forecast of one quarter by segment, with the company total (the sum of the segments).</summary>
public sealed record ForecastResult(Quarter Quarter, DateOnly AsOf, IReadOnlyList<ForecastRow> Segments, ForecastRow Total, int RunRateQuarters);

/// <summary>
/// Expansion ARR of a quarter, forecast from what was known on a day. See docs/metrics.md "Expansion forecast".
/// The quantity forecast is the quarter's <b>expansion ARR</b>: closed-won expansion deals (their amount, by closed
/// date) plus untracked expansion (12 × the account-level Expansion MRR movements in the quarter's months of accounts
/// with no deal won in the quarter, so a won deal's revenue is not counted twice). Unit: ARR.
/// </summary>
public static class ExpansionForecast
{
    public const string Definition =
        "Won so far + untracked so far + Σ open deal × its stage's historical conversion + run-rates (4 closed quarters) of in-quarter deals and of untracked expansion, for the part of the quarter still to come.";

    public const string Unit = "ARR";

    /// <summary>How many closed quarters the run-rates average.</summary>
    public const int RunRateQuarters = 4;

    /// <param name="model">Revenue, read only up to the as-of month.</param>
    /// <param name="opportunities">Deals, rebuilt as they stood on <paramref name="asOf"/> (no later outcome is used).</param>
    /// <param name="quarter">The quarter to forecast.</param>
    /// <param name="asOf">The day the forecast is made (end of that day).</param>
    /// <param name="defaults">Stage probabilities used when history is thin.</param>
    public static ForecastResult Compute(RevenueModel model, IReadOnlyList<OpportunityInput> opportunities, Quarter quarter, DateOnly asOf, StageProbabilities? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(opportunities);
        var asOfMonth = Month.Of(asOf);
        var known = KnownMonths(model, quarter, asOfMonth);
        var monthsLeft = 3 - known.Count;
        var totalDays = quarter.LastDay.DayNumber - quarter.FirstDay.DayNumber + 1;
        var daysLeft = Math.Clamp(quarter.LastDay.DayNumber - Math.Max(asOf.DayNumber, quarter.FirstDay.DayNumber - 1), 0, totalDays);

        var history = CompletedQuarters(model, asOf, asOfMonth);
        var wonToDate = opportunities.Where(o => o.Stage == OpportunityStage.ClosedWon && quarter.Contains(o.CloseDay) && o.CloseDay <= asOf).ToList();
        var wonAccountsToDate = wonToDate.Select(o => o.AccountId).ToHashSet(StringComparer.Ordinal);

        var rows = new List<ForecastRow>();
        foreach (var segment in SegmentsOf(model, opportunities))
        {
            var inSegment = opportunities.Where(o => Same(o.Segment, segment)).ToList();
            var conversion = StageConversion.Measure(opportunities, asOf, segment, defaults);
            decimal open = 0, weighted = 0;
            var openDeals = 0;
            foreach (var o in inSegment)
            {
                if (!quarter.Contains(o.ExpectedClose) || (o.Created is { } c && c > asOf) || (!o.IsOpen && o.CloseDay <= asOf))
                {
                    continue;
                }

                // Open on the day (it may have closed since): weight it by the stage it was in then.
                var stage = o.StageOn(asOf);
                open += o.Amount;
                openDeals++;
                weighted += o.Amount * conversion.RateOf(stage is { } s && s <= OpportunityStage.Negotiation ? s : null) / 100m;
            }

            var newDeals = history.Count == 0 ? 0m : history.Average(p => NewDealsWon(inSegment, p, asOf));
            var untracked = history.Count == 0 ? 0m : history.Average(p => Untracked(model, inSegment, p, segment, asOf));
            var untrackedToDate = known.Count == 0 ? 0m : Untracked(model, wonAccountsToDate, segment, known[0], known[^1]);
            rows.Add(new ForecastRow(
                segment, wonToDate.Where(o => Same(o.Segment, segment)).Sum(o => o.Amount), untrackedToDate, open, openDeals, weighted,
                newDeals * daysLeft / totalDays, untracked * monthsLeft / 3m, conversion));
        }

        var total = new ForecastRow(
            "All segments", rows.Sum(r => r.WonToDate), rows.Sum(r => r.UntrackedToDate), rows.Sum(r => r.OpenPipeline), rows.Sum(r => r.OpenDeals),
            rows.Sum(r => r.WeightedPipeline), rows.Sum(r => r.NewDealRunRate), rows.Sum(r => r.UntrackedRunRate),
            StageConversion.Measure(opportunities, asOf, null, defaults));
        return new ForecastResult(quarter, asOf, rows, total, history.Count);
    }

    /// <summary>
    /// What a closed quarter actually brought: deals won in it (by closed date) plus untracked expansion in its months,
    /// per segment and in total. Null when the revenue does not cover the whole quarter.
    /// </summary>
    public static IReadOnlyDictionary<string, decimal>? Actual(RevenueModel model, IReadOnlyList<OpportunityInput> opportunities, Quarter quarter)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(opportunities);
        if (model.IsEmpty || model.IndexOf(quarter.FirstMonth) < 0 || model.IndexOf(quarter.LastMonth) < 0)
        {
            return null;
        }

        var won = opportunities.Where(o => o.Stage == OpportunityStage.ClosedWon && quarter.Contains(o.CloseDay)).ToList();
        var wonAccounts = won.Select(o => o.AccountId).ToHashSet(StringComparer.Ordinal);
        var result = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in SegmentsOf(model, opportunities))
        {
            result[segment] = won.Where(o => Same(o.Segment, segment)).Sum(o => o.Amount) + Untracked(model, wonAccounts, segment, quarter.FirstMonth, quarter.LastMonth);
        }

        return result;
    }

    /// <summary>The quarter's months whose revenue is known on the as-of day (begun by then and present in the data).</summary>
    private static List<Month> KnownMonths(RevenueModel model, Quarter quarter, Month asOfMonth)
    {
        var list = new List<Month>();
        for (var m = quarter.FirstMonth; m <= quarter.LastMonth; m = m.AddMonths(1))
        {
            if (m <= asOfMonth && !model.IsEmpty && model.IndexOf(m) >= 0)
            {
                list.Add(m);
            }
        }

        return list;
    }

    /// <summary>Up to four most recent quarters that had ended by the as-of day and whose revenue is in the data.</summary>
    private static List<Quarter> CompletedQuarters(RevenueModel model, DateOnly asOf, Month asOfMonth)
    {
        var list = new List<Quarter>();
        if (model.IsEmpty)
        {
            return list;
        }

        var q = Quarter.Of(asOf);
        if (q.LastDay > asOf)
        {
            q = q.AddQuarters(-1);
        }

        for (; list.Count < RunRateQuarters && q.FirstMonth >= model.FirstMonth.AddMonths(1); q = q.AddQuarters(-1))
        {
            if (q.LastMonth <= asOfMonth && model.IndexOf(q.LastMonth) >= 0)
            {
                list.Add(q);
            }
        }

        return list;
    }

    /// <summary>ARR won in quarter <paramref name="p"/> from deals created inside it (known on the as-of day).</summary>
    private static decimal NewDealsWon(IEnumerable<OpportunityInput> deals, Quarter p, DateOnly asOf) =>
        deals.Where(o => o.Stage == OpportunityStage.ClosedWon && o.CloseDay <= asOf && p.Contains(o.CloseDay) && o.Created is { } c && p.Contains(c)).Sum(o => o.Amount);

    /// <summary>Untracked expansion of closed quarter <paramref name="p"/>, leaving out accounts that won a deal in it.</summary>
    private static decimal Untracked(RevenueModel model, IEnumerable<OpportunityInput> deals, Quarter p, string segment, DateOnly asOf)
    {
        var won = deals.Where(o => o.Stage == OpportunityStage.ClosedWon && p.Contains(o.CloseDay) && o.CloseDay <= asOf).Select(o => o.AccountId).ToHashSet(StringComparer.Ordinal);
        return Untracked(model, won, segment, p.FirstMonth, p.LastMonth);
    }

    /// <summary>12 × Σ account-level Expansion MRR in [from, to] of the segment's accounts that are not in <paramref name="excluded"/>.</summary>
    internal static decimal Untracked(RevenueModel model, IReadOnlySet<string> excluded, string segment, Month from, Month to)
    {
        var start = Math.Max(1, model.IndexOf(from));
        var end = model.IndexOf(to);
        if (model.IsEmpty || end < 1 || model.IndexOf(from) < 0)
        {
            return 0m;
        }

        decimal sum = 0;
        foreach (var a in model.Accounts)
        {
            if (!Same(a.Account.Segment, segment) || excluded.Contains(a.Account.Id))
            {
                continue;
            }

            for (var t = start; t <= end; t++)
            {
                var prev = a.Total[t - 1];
                var cur = a.TotalAt(t, t - 1);
                if (prev > 0 && cur > prev)
                {
                    sum += cur - prev;
                }
            }
        }

        return sum * 12m;
    }

    /// <summary>Every segment an account or a deal names, sorted, each once (case-insensitive).</summary>
    public static IReadOnlyList<string> SegmentsOf(RevenueModel model, IEnumerable<OpportunityInput> opportunities) =>
        model.Accounts.Select(a => a.Account.Segment).Concat(opportunities.Select(o => o.Segment))
            .Where(s => !string.IsNullOrWhiteSpace(s))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
