using ExpansionDashboard.Metrics.Movements;

namespace ExpansionDashboard.Metrics.Expansion;

/// <summary>Average expansion for one slice: per event (account-month) and per expanding account.</summary>
public sealed record AverageExpansionResult(string Slice, decimal Total, int Events, int Accounts)
{
    public decimal? PerEvent => Events > 0 ? Total / Events : null;

    public decimal? PerAccount => Accounts > 0 ? Total / Accounts : null;
}

/// <summary>
/// Average expansion amount (MRR) over months [from, to]. Overall and by segment: an event is an account-month
/// with an Expansion movement, its amount the account-level increase. By type: an event is an account-month
/// with a line-level increase of that type, its amount that type's gross increase.
/// </summary>
public static class AverageExpansion
{
    public const string Definition = "Expansion MRR ÷ number of expansion events, and ÷ number of distinct expanding accounts, over a period.";

    public const string Unit = "MRR per event / per account";

    public static IReadOnlyList<AverageExpansionResult> Compute(RevenueModel model, Month from, Month to, AccountFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var overall = new Accumulator("All");
        var bySegment = new Dictionary<string, Accumulator>(StringComparer.OrdinalIgnoreCase);
        var byType = Enum.GetValues<ExpansionType>().ToDictionary(t => t, t => new Accumulator("Type: " + t));
        if (model.MonthCount < 2 || from > model.LastMonth || to < model.FirstMonth)
        {
            return [overall.Result()];
        }

        var start = Math.Max(1, Math.Clamp(from - model.FirstMonth, 0, model.MonthCount - 1));
        var end = Math.Clamp(to - model.FirstMonth, 0, model.MonthCount - 1);
        if (end < start)
        {
            return [overall.Result()];
        }

        foreach (var a in model.Accounts)
        {
            for (var t = start; t <= end; t++)
            {
                var attrs = a.AttributesAt(t - 1);
                if (filter is not null && !filter.IsEmpty && !filter.Matches(attrs))
                {
                    continue;
                }

                var prev = a.Total[t - 1];
                var cur = a.TotalAt(t, t - 1);
                if (prev <= 0 || cur <= 0)
                {
                    continue;
                }

                if (cur > prev)
                {
                    overall.Add(a.Account.Id, cur - prev);
                    if (!bySegment.TryGetValue(attrs.Segment, out var seg))
                    {
                        bySegment[attrs.Segment] = seg = new Accumulator("Segment: " + attrs.Segment);
                    }

                    seg.Add(a.Account.Id, cur - prev);
                }

                var split = MrrMovements.LineSplit(a, t);
                foreach (var type in Enum.GetValues<ExpansionType>())
                {
                    var amount = split.Get(type);
                    if (amount > 0)
                    {
                        byType[type].Add(a.Account.Id, amount);
                    }
                }
            }
        }

        return [overall.Result(), .. bySegment.Values.OrderBy(s => s.Name, StringComparer.Ordinal).Select(s => s.Result()), .. byType.Values.Select(t => t.Result())];
    }

    private sealed class Accumulator(string name)
    {
        private readonly HashSet<string> _accounts = new(StringComparer.Ordinal);
        private decimal _total;
        private int _events;

        public string Name => name;

        public void Add(string account, decimal amount)
        {
            _total += amount;
            _events++;
            _accounts.Add(account);
        }

        public AverageExpansionResult Result() => new(name, _total, _events, _accounts.Count);
    }
}
