using ExpansionDashboard.Metrics.Model;

namespace ExpansionDashboard.Metrics.Tests;

/// <summary>Builds small models from readable literals: one row per account, MRR per month from 2024-01.</summary>
internal static class TestData
{
    public static readonly Month M0 = new(2024, 1);

    public static AccountInput Account(string id, string segment = "SMB") => new(id, id, segment, "Retail", "EMEA", "Ana");

    public static RevenueModel Model(params (string Id, decimal[] Mrr)[] accounts) =>
        Model(accounts.Select(a => (a.Id, "SMB", a.Mrr)).ToArray());

    public static RevenueModel Model(params (string Id, string Segment, decimal[] Mrr)[] accounts)
    {
        var inputs = accounts.Select(a => Account(a.Id, a.Segment)).ToList();
        var revenue = new List<RevenueInput>();
        foreach (var (id, _, mrr) in accounts)
        {
            for (var i = 0; i < mrr.Length; i++)
            {
                if (mrr[i] != 0)
                {
                    revenue.Add(new RevenueInput(id, M0.AddMonths(i), "Core", mrr[i]));
                }
            }
        }

        // Pin the model's range so trailing zero months are inside it.
        var months = accounts.Max(a => a.Mrr.Length);
        revenue.Add(new RevenueInput("__range", M0, "Core", 0m));
        revenue.Add(new RevenueInput("__range", M0.AddMonths(months - 1), "Core", 0m));
        return RevenueModel.Build(inputs, revenue);
    }
}
