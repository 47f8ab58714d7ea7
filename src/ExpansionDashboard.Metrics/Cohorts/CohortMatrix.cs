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
/// <remarks>
/// One pass accumulates month cohorts; quarter and year cohorts are sums of their month cohorts (ages are relative
/// to each account's own start, so the sums are exact), which is how all six matrices cost one pass.
/// </remarks>
public static class CohortMatrix
{
    public const string Definition = "Cohort MRR at age k ÷ cohort MRR at age 0 × 100 (or the share of cohort logos still paying).";

    public const string Unit = "%";

    /// <summary>Builds one matrix with ages 0..<paramref name="maxAge"/>.</summary>
    /// <param name="model">The revenue model.</param>
    /// <param name="grain">Period of first payment that groups the rows (when <paramref name="by"/> is <see cref="CohortDimension.FirstPaid"/>).</param>
    /// <param name="measure">Revenue or logo retention.</param>
    /// <param name="maxAge">The oldest age (months since first payment) to show.</param>
    /// <param name="filter">Group filter; membership is taken at each account's first paid month.</param>
    /// <param name="by">What the rows group by.</param>
    /// <param name="through">
    /// The last month the matrix may see, so a past view is reproducible: accounts that first paid later are left out
    /// and no member counts as having reached an age after this month. Null for all data.
    /// </param>
    public static CohortMatrixResult Compute(
        RevenueModel model, CohortGrain grain, CohortMeasure measure, int maxAge = 24, AccountFilter? filter = null,
        CohortDimension by = CohortDimension.FirstPaid, Month? through = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(maxAge);
        var lastIndex = through is { } t ? Math.Min(model.MonthCount - 1, t - model.FirstMonth) : model.MonthCount - 1;
        var raw = Accumulate(model, maxAge, filter, by, lastIndex);
        return Build(by == CohortDimension.FirstPaid ? raw.Regroup(grain) : raw, grain, measure, maxAge);
    }

    /// <summary>Revenue and logo matrices by month, quarter and year of first payment, from one pass.</summary>
    public static IReadOnlyList<CohortMatrixResult> ComputeAll(RevenueModel model, int maxAge, AccountFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var raw = Accumulate(model, maxAge, filter, CohortDimension.FirstPaid, model.MonthCount - 1);
        var list = new List<CohortMatrixResult>();
        foreach (var grain in new[] { CohortGrain.Month, CohortGrain.Quarter, CohortGrain.Year })
        {
            var grouped = raw.Regroup(grain);
            list.Add(Build(grouped, grain, CohortMeasure.Revenue, maxAge));
            list.Add(Build(grouped, grain, CohortMeasure.Logos, maxAge));
        }

        return list;
    }

    public static string Label(Month month, CohortGrain grain) => grain switch
    {
        CohortGrain.Year => month.Year.ToString(CultureInfo.InvariantCulture),
        CohortGrain.Quarter => month.Quarter.ToString(),
        _ => month.ToString(),
    };

    private static Raw Accumulate(RevenueModel model, int maxAge, AccountFilter? filter, CohortDimension by, int lastIndex)
    {
        var raw = new Raw(maxAge);
        foreach (var a in model.Accounts)
        {
            var first = FirstPaidIndex(model, a);
            if (first < 0 || first > lastIndex)
            {
                continue;
            }

            var attrs = a.HasHistory ? a.AttributesAt(first) : a.Account.Attributes;
            if (filter is not null && !filter.IsEmpty && !filter.Matches(attrs))
            {
                continue;
            }

            var key = by switch
            {
                CohortDimension.Segment => attrs.Segment,
                CohortDimension.Industry => attrs.Industry,
                _ => model.MonthAt(first).ToString(),
            };
            var g = raw.Group(key);
            var total = a.Total;
            var last = Math.Min(maxAge, lastIndex - first);
            var baseMrr = total[first];
            g.Accounts++;
            g.StartMrr += baseMrr;
            g.BaseByLast[last] += baseMrr;
            g.CountByLast[last]++;
            var num = g.Num;
            var logos = g.Logos;
            for (var k = 0; k <= last; k++)
            {
                var v = total[first + k];
                num[k] += v;
                if (v > 0)
                {
                    logos[k]++;
                }
            }
        }

        return raw;
    }

    private static CohortMatrixResult Build(Raw raw, CohortGrain grain, CohortMeasure measure, int maxAge)
    {
        var totalNum = new decimal[maxAge + 1];
        var totalDen = new decimal[maxAge + 1];
        var rows = new List<CohortRow>();
        foreach (var (key, g) in raw.Groups.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var cells = new decimal?[maxAge + 1];
            decimal den = 0;
            var count = 0;
            for (var k = maxAge; k >= 0; k--)
            {
                // Members that reached age k are those whose last reachable age is k or more: a suffix sum.
                den += g.BaseByLast[k];
                count += g.CountByLast[k];
                decimal n, d;
                if (measure == CohortMeasure.Revenue)
                {
                    n = g.Num[k];
                    d = den;
                }
                else
                {
                    n = g.Logos[k];
                    d = count;
                }

                cells[k] = d > 0 ? n / d * 100m : null;
                totalNum[k] += n;
                totalDen[k] += d;
            }

            rows.Add(new CohortRow(key, g.Accounts, g.StartMrr, cells));
        }

        var weighted = Enumerable.Range(0, maxAge + 1).Select(k => totalDen[k] > 0 ? totalNum[k] / totalDen[k] * 100m : (decimal?)null).ToList();
        var simple = Enumerable.Range(0, maxAge + 1).Select(k =>
        {
            decimal sum = 0;
            var n = 0;
            foreach (var r in rows)
            {
                if (r.Cells[k] is { } v)
                {
                    sum += v;
                    n++;
                }
            }

            return n > 0 ? sum / n : (decimal?)null;
        }).ToList();
        return new CohortMatrixResult(grain, measure, rows, maxAge, weighted, simple);
    }

    /// <summary>The month index an account's cohort starts: its given first-paid month when it paid then, else its first month above zero; -1 if never paid.</summary>
    public static int FirstPaidIndex(RevenueModel model, AccountSeries a)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(a);
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

    private sealed class Raw(int maxAge)
    {
        public Dictionary<string, Group> Groups { get; } = new(StringComparer.Ordinal);

        public Group Group(string key)
        {
            if (!Groups.TryGetValue(key, out var g))
            {
                Groups[key] = g = new Group(maxAge);
            }

            return g;
        }

        /// <summary>Month cohorts summed into quarter or year cohorts.</summary>
        public Raw Regroup(CohortGrain grain)
        {
            if (grain == CohortGrain.Month)
            {
                return this;
            }

            var result = new Raw(maxAge);
            foreach (var (key, g) in Groups)
            {
                result.Group(Label(Month.Parse(key), grain)).Add(g);
            }

            return result;
        }
    }

    private sealed class Group(int maxAge)
    {
        public int Accounts { get; set; }

        public decimal StartMrr { get; set; }

        public decimal[] Num { get; } = new decimal[maxAge + 1];

        public int[] Logos { get; } = new int[maxAge + 1];

        public decimal[] BaseByLast { get; } = new decimal[maxAge + 1];

        public int[] CountByLast { get; } = new int[maxAge + 1];

        public void Add(Group other)
        {
            Accounts += other.Accounts;
            StartMrr += other.StartMrr;
            for (var k = 0; k <= maxAge; k++)
            {
                Num[k] += other.Num[k];
                Logos[k] += other.Logos[k];
                BaseByLast[k] += other.BaseByLast[k];
                CountByLast[k] += other.CountByLast[k];
            }
        }
    }
}
