using ExpansionDashboard.Metrics.Cohorts;

namespace ExpansionDashboard.Metrics.Retention;

public enum Dimension
{
    Segment,
    Industry,
    Region,
    Csm,
    FirstPaidCohort,
}

/// <summary>One group's retention window.</summary>
public sealed record GroupRetention(string Group, RetentionWindow Window);

/// <summary>
/// NRR, GRR and logo retention per group for one window, with membership taken at the start month: an account
/// that moves segment during the window stays in the group it started in. First-paid cohorts group by quarter.
/// </summary>
public static class RetentionBreakdown
{
    public const string Definition = "Retention window per group (segment, industry, region, CSM or first-paid cohort), membership at the window's start.";

    public static IReadOnlyList<GroupRetention> Compute(RevenueModel model, Month start, Month end, Dimension by, AccountFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (end <= start)
        {
            throw new ArgumentException("The window's end month must come after its start month.", nameof(end));
        }

        var s = model.IndexOf(start);
        var e = model.IndexOf(end);
        var sums = new SortedDictionary<string, (decimal Start, decimal End, decimal Capped, int Size, int Retained)>(StringComparer.Ordinal);
        if (s >= 0)
        {
            foreach (var a in model.SelectAt(filter, s))
            {
                var si = a.Total[s];
                if (si <= 0)
                {
                    continue;
                }

                var attrs = a.AttributesAt(s);
                var key = by switch
                {
                    Dimension.Segment => attrs.Segment,
                    Dimension.Industry => attrs.Industry,
                    Dimension.Region => attrs.Region,
                    Dimension.Csm => attrs.Csm,
                    _ => CohortMatrix.Label(model.MonthAt(Math.Max(0, a.FirstPaidIndex)), CohortGrain.Quarter),
                };
                var ei = e >= 0 ? a.TotalAt(e, s) : 0m;
                sums.TryGetValue(key, out var acc);
                sums[key] = (acc.Start + si, acc.End + ei, acc.Capped + Math.Min(si, ei), acc.Size + 1, acc.Retained + (ei > 0 ? 1 : 0));
            }
        }

        return sums.Select(kv => new GroupRetention(kv.Key, new RetentionWindow(start, end, kv.Value.Start, kv.Value.End, kv.Value.Capped, kv.Value.Size, kv.Value.Retained))).ToList();
    }
}
