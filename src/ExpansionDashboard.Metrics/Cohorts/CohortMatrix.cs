using System.Globalization;
using ExpansionDashboard.Metrics.Model;

namespace ExpansionDashboard.Metrics.Cohorts;

public enum CohortGrain
{
    Month,
    Quarter,
    Year,
}

public enum CohortMeasure
{
    Revenue,
    Logos,
}

/// <summary>What a cohort row groups by: the period of first payment, or an attribute at first payment.</summary>
public enum CohortDimension
{
    FirstPaid,
    Segment,
    Industry,
}

/// <summary>One cohort row: its label, size and a cell per age in months (null where no member has reached that age).</summary>
public sealed record CohortRow(string Cohort, int Accounts, decimal StartMrr, IReadOnlyList<decimal?> Cells);

/// <summary>
/// The matrix plus two averages per age: size-weighted (Σ numerators ÷ Σ denominators over all cohorts that reached
/// the age, so large cohorts count more) and simple (mean of the cohort cells, each cohort counting once).
/// </summary>
public sealed record CohortMatrixResult(
    CohortGrain Grain,
    CohortMeasure Measure,
    IReadOnlyList<CohortRow> Rows,
    int MaxAge,
    IReadOnlyList<decimal?>? WeightedAverage = null,
    IReadOnlyList<decimal?>? SimpleAverage = null);

/// <summary>
/// Cohort retention heatmap. Accounts are grouped by the period of their first paid month (or by segment or
/// industry at that month); age k is the k-th month after each account's own first paid month. A cell is the
/// members' MRR at age k ÷ the same members' MRR at age 0 × 100 (revenue, may exceed 100) or the share of members
/// paying at age k (logos). Only members that have reached age k within the data count; a cell no member has
/// reached is empty (null), never zero. The first paid month is the account's given first-paid month when it lies
/// inside the data, else its first month with MRR above zero.
/// </summary>
public static class CohortMatrix
{
    public const string Definition = "Cohort MRR at age k ÷ cohort MRR at age 0 × 100 (or the share of cohort logos still paying).";

    public const string Unit = "%";

    /// <summary>Builds the matrix with ages 0..<paramref name="maxAge"/>.</summary>
    public static CohortMatrixResult Compute(
        RevenueModel model, CohortGrain grain, CohortMeasure measure, int maxAge = 24, AccountFilter? filter = null, CohortDimension by = CohortDimension.FirstPaid)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(maxAge);
        var groups = new SortedDictionary<string, Group>(StringComparer.Ordinal);
        var totalNum = new decimal[maxAge + 1];
        var totalDen = new decimal[maxAge + 1];
        foreach (var a in model.Accounts)
        {
            var first = FirstPaidIndex(model, a);
            if (first < 0)
            {
                continue;
            }

            var attrs = a.AttributesAt(first);
            if (filter is not null && !filter.IsEmpty && !filter.Matches(attrs))
            {
                continue;
            }

            var key = by switch
            {
                CohortDimension.Segment => attrs.Segment,
                CohortDimension.Industry => attrs.Industry,
                _ => Label(model.MonthAt(first), grain),
            };
            if (!groups.TryGetValue(key, out var g))
            {
                groups[key] = g = new Group(maxAge);
            }

            var baseMrr = a.Total[first];
            g.Accounts++;
            g.StartMrr += baseMrr;
            var last = Math.Min(maxAge, model.MonthCount - 1 - first);
            for (var k = 0; k <= last; k++)
            {
                var v = a.Total[first + k];
                decimal num, den;
                if (measure == CohortMeasure.Revenue)
                {
                    num = v;
                    den = baseMrr;
                }
                else
                {
                    num = v > 0 ? 1 : 0;
                    den = 1;
                }

                g.Num[k] += num;
                g.Den[k] += den;
                totalNum[k] += num;
                totalDen[k] += den;
            }
        }

        var rows = groups.Select(kv => new CohortRow(kv.Key, kv.Value.Accounts, kv.Value.StartMrr, kv.Value.Cells())).ToList();
        var weighted = Enumerable.Range(0, maxAge + 1).Select(k => totalDen[k] > 0 ? totalNum[k] / totalDen[k] * 100m : (decimal?)null).ToList();
        var simple = Enumerable.Range(0, maxAge + 1).Select(k =>
        {
            var cells = rows.Where(r => r.Cells[k].HasValue).Select(r => r.Cells[k]!.Value).ToList();
            return cells.Count > 0 ? cells.Sum() / cells.Count : (decimal?)null;
        }).ToList();
        return new CohortMatrixResult(grain, measure, rows, maxAge, weighted, simple);
    }

    public static string Label(Month month, CohortGrain grain) => grain switch
    {
        CohortGrain.Year => month.Year.ToString(CultureInfo.InvariantCulture),
        CohortGrain.Quarter => month.Quarter.ToString(),
        _ => month.ToString(),
    };

    private static int FirstPaidIndex(RevenueModel model, AccountSeries a)
    {
        if (a.Account.FirstPaidMonth is { } given)
        {
            var i = model.IndexOf(given);
            if (i >= 0 && a.Total[i] > 0)
            {
                return i;
            }
        }

        return a.FirstPaidIndex;
    }

    private sealed class Group(int maxAge)
    {
        public int Accounts { get; set; }

        public decimal StartMrr { get; set; }

        public decimal[] Num { get; } = new decimal[maxAge + 1];

        public decimal[] Den { get; } = new decimal[maxAge + 1];

        public decimal?[] Cells() => Num.Select((n, k) => Den[k] > 0 ? n / Den[k] * 100m : (decimal?)null).ToArray();
    }
}
