using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Pipeline;

namespace ExpansionDashboard.Metrics.Tests.Forecast;

/// <summary>Constructed histories for the forecast tests: revenue from a given first month and deals with stage histories.</summary>
internal static class ForecastTestData
{
    public static RevenueModel Revenue(Month first, params (string Id, string Segment, Func<int, decimal> Mrr, int Months)[] accounts)
    {
        var inputs = accounts.Select(a => new AccountInput(a.Id, a.Id, a.Segment, "Retail", "EMEA", "Ana")).ToList();
        var revenue = new List<RevenueInput>();
        foreach (var (id, _, mrr, months) in accounts)
        {
            for (var i = 0; i < months; i++)
            {
                if (mrr(i) != 0)
                {
                    revenue.Add(new RevenueInput(id, first.AddMonths(i), "Core", mrr(i)));
                }
            }
        }

        return RevenueModel.Build(inputs, revenue);
    }

    public static OpportunityInput Deal(
        string id, OpportunityStage stage, decimal amount, DateOnly expectedClose, DateOnly? created = null, DateOnly? closed = null,
        string segment = "SMB", string account = "X", OpportunityType type = OpportunityType.Upsell, params (OpportunityStage Stage, DateOnly On)[] history) =>
        new(id, account, id, type, stage, amount, expectedClose, "Owner", segment, created, closed,
            history.Select(h => new StageObservation(h.Stage, h.On)).ToList());

    /// <summary>A closed deal that went Identified → … → <paramref name="furthest"/> before closing.</summary>
    public static OpportunityInput ClosedDeal(string id, bool won, OpportunityStage furthest, decimal amount, DateOnly closed, string segment = "SMB", OpportunityType type = OpportunityType.Upsell)
    {
        var created = closed.AddDays(-60);
        var history = Enumerable.Range(0, (int)furthest + 1)
            .Select(s => ((OpportunityStage)s, created.AddDays(s * 5)))
            .ToArray();
        return Deal(id, won ? OpportunityStage.ClosedWon : OpportunityStage.ClosedLost, amount, closed, created, closed, segment, "A-" + id, type, history);
    }
}
