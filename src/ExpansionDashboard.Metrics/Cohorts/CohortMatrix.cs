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

/// <summary>One cohort row: its label, size and a cell per age in months (null where no member has reached that age).</summary>
public sealed record CohortRow(string Cohort, int Accounts, decimal StartMrr, IReadOnlyList<decimal?> Cells);

public sealed record CohortMatrixResult(CohortGrain Grain, CohortMeasure Measure, IReadOnlyList<CohortRow> Rows, int MaxAge);

/// <summary>
/// Cohort retention heatmap. Accounts are grouped by the period of their first paid month; age k is the
/// k-th month after each account's own first paid month. A cell is the members' MRR at age k ÷ the same
/// members' MRR at age 0 × 100 (revenue, may exceed 100) or the share of members paying at age k (logos).
/// Only members that have reached age k within the data count, and a cell no member has reached is empty.
/// </summary>
public static class CohortMatrix
{
    public const string Definition = "Cohort MRR at age k ÷ cohort MRR at age 0 × 100 (or the share of cohort logos still paying).";

    public const string Unit = "%";

    /// <summary>Builds the matrix with ages 0..<paramref name="maxAge"/>.</summary>
    public static CohortMatrixResult Compute(RevenueModel model, CohortGrain grain, CohortMeasure measure, int maxAge = 24, AccountFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var groups = new SortedDictionary<string, List<(AccountSeries Series, int First)>>(StringComparer.Ordinal);
        foreach (var a in model.Select(filter))
        {
            var first = a.FirstPaidIndex;
            if (first < 0)
            {
                continue;
            }

            var key = Label(model.MonthAt(first), grain);
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
            }

            list.Add((a, first));
        }

        var rows = new List<CohortRow>();
        foreach (var (label, members) in groups)
        {
            var cells = new decimal?[maxAge + 1];
            for (var k = 0; k <= maxAge; k++)
            {
                decimal num = 0, den = 0;
                var reached = 0;
                foreach (var (s, first) in members)
                {
                    var i = first + k;
                    if (i >= model.MonthCount)
                    {
                        continue;
                    }

                    reached++;
                    if (measure == CohortMeasure.Revenue)
                    {
                        num += s.Total[i];
                        den += s.Total[first];
                    }
                    else
                    {
                        num += s.Total[i] > 0 ? 1 : 0;
                        den += 1;
                    }
                }

                cells[k] = reached > 0 && den > 0 ? num / den * 100m : null;
            }

            rows.Add(new CohortRow(label, members.Count, members.Sum(m => m.Series.Total[m.First]), cells));
        }

        return new CohortMatrixResult(grain, measure, rows, maxAge);
    }

    public static string Label(Month month, CohortGrain grain) => grain switch
    {
        CohortGrain.Year => month.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        CohortGrain.Quarter => month.Quarter.ToString(),
        _ => month.ToString(),
    };
}
