using ExpansionDashboard.Metrics.Model;

namespace ExpansionDashboard.Benchmarks;

/// <summary>
/// A deterministic synthetic book: every account has two products over the whole window (so the grid really is
/// accounts × months × 2), with churn, reactivation, expansion and contraction. Money in whole cents.
/// </summary>
internal sealed class SyntheticBook(int accounts, int months, int seed = 42)
{
    public static readonly Month First = new(2021, 1);

    public int Accounts => accounts;

    public int Months => months;

    public IEnumerable<AccountInput> AccountInputs()
    {
        string[] segments = ["Enterprise", "Mid-Market", "SMB"];
        string[] industries = ["Healthcare", "Technology", "Financial Services", "Manufacturing", "Education", "Media", "Retail"];
        string[] regions = ["North America", "EMEA", "APAC", "LATAM"];
        for (var a = 0; a < accounts; a++)
        {
            yield return new AccountInput(Id(a), Id(a), segments[a % 3], industries[a % 7], regions[a % 4], $"CSM {a % 8}");
        }
    }

    public static string Id(int a) => $"A{a:D6}";

    /// <summary>Rows as (account index, month index, product 0/1, MRR in cents).</summary>
    public IEnumerable<(int Account, int Month, int Product, long Cents)> Rows()
    {
        var rng = new Random(seed);
        for (var a = 0; a < accounts; a++)
        {
            long core = rng.Next(5_000, 500_000);
            long addon = rng.Next(1_000, 100_000);
            var active = true;
            for (var m = 0; m < months; m++)
            {
                var r = rng.NextDouble();
                if (active && r < 0.012)
                {
                    active = false;
                }
                else if (!active && r < 0.05)
                {
                    active = true;
                }
                else if (r < 0.08)
                {
                    core += core * rng.Next(5, 30) / 100;
                }
                else if (r < 0.10)
                {
                    addon += addon * rng.Next(5, 50) / 100;
                }
                else if (r < 0.125)
                {
                    core -= core * rng.Next(5, 25) / 100;
                }

                if (active)
                {
                    yield return (a, m, 0, core);
                    yield return (a, m, 1, addon);
                }
            }
        }
    }

    public IEnumerable<RevenueInput> RevenueInputs()
    {
        string[] products = ["Core", "Addon"];
        var ids = Enumerable.Range(0, accounts).Select(Id).ToArray();
        foreach (var (a, m, p, cents) in Rows())
        {
            yield return new RevenueInput(ids[a], First.AddMonths(m), products[p], cents / 100m, p == 1 ? ExpansionType.Seats : null);
        }
    }
}
