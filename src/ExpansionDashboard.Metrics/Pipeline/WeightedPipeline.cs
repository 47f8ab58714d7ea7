namespace ExpansionDashboard.Metrics.Pipeline;

/// <summary>Stage probabilities for weighting open pipeline (percent); defaults 10/20/40/60/80 for Identified..Negotiation.</summary>
public sealed record StageProbabilities(decimal Identified = 10m, decimal Engaged = 20m, decimal Qualified = 40m, decimal Proposal = 60m, decimal Negotiation = 80m)
{
    public static StageProbabilities Default { get; } = new();

    public decimal Of(OpportunityStage stage) => stage switch
    {
        OpportunityStage.Identified => Identified,
        OpportunityStage.Engaged => Engaged,
        OpportunityStage.Qualified => Qualified,
        OpportunityStage.Proposal => Proposal,
        OpportunityStage.Negotiation => Negotiation,
        OpportunityStage.ClosedWon => 100m,
        _ => 0m,
    };
}

/// <summary>Weighted pipeline: Σ amount × stage probability over open opportunities expected to close in the quarter. Unit: ARR.</summary>
public static class WeightedPipeline
{
    public const string Definition = "Σ open amount × stage probability for opportunities expected to close in the quarter.";

    public const string Unit = "ARR";

    public static decimal Compute(IEnumerable<OpportunityInput> opportunities, Quarter quarter, StageProbabilities? probabilities = null, string? segment = null)
    {
        ArgumentNullException.ThrowIfNull(opportunities);
        probabilities ??= StageProbabilities.Default;
        return opportunities
            .Where(o => o.IsOpen && quarter.Contains(o.ExpectedClose) && (segment is null || string.Equals(o.Segment, segment, StringComparison.OrdinalIgnoreCase)))
            .Sum(o => o.Amount * probabilities.Of(o.Stage) / 100m);
    }
}

/// <summary>Historical win rate and the coverage multiple it implies.</summary>
public sealed record WinRateResult(decimal Won, decimal Lost, IReadOnlyList<Quarter> Quarters)
{
    /// <summary>Won ÷ (won + lost) by amount, percent; null without closed deals.</summary>
    public decimal? WinRate => Won + Lost > 0 ? Won / (Won + Lost) * 100m : null;

    /// <summary>1 ÷ win rate: the pipeline multiple that, at this win rate, closes the target. Null without history or wins.</summary>
    public decimal? RecommendedMultiple => Won > 0 ? (Won + Lost) / Won : null;
}

/// <summary>
/// Historical win rate by amount over the last four closed quarters before <c>asOf</c>'s quarter
/// (won ÷ (won + lost), by closed date) and the recommended coverage multiple = 1 ÷ win rate.
/// </summary>
public static class WinRate
{
    public const string Definition = "Closed Won ÷ (Closed Won + Closed Lost) by amount over the last 4 closed quarters; recommended multiple = 1 ÷ win rate.";

    public static WinRateResult Compute(IEnumerable<OpportunityInput> opportunities, Quarter current, int quarters = 4, string? segment = null)
    {
        ArgumentNullException.ThrowIfNull(opportunities);
        var from = current.AddQuarters(-quarters);
        decimal won = 0, lost = 0;
        foreach (var o in opportunities)
        {
            if (o.IsOpen || (segment is not null && !string.Equals(o.Segment, segment, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var q = Quarter.Of(o.CloseDay);
            if (q >= from && q < current)
            {
                if (o.Stage == OpportunityStage.ClosedWon)
                {
                    won += o.Amount;
                }
                else
                {
                    lost += o.Amount;
                }
            }
        }

        return new WinRateResult(won, lost, Enumerable.Range(0, quarters).Select(i => from.AddQuarters(i)).ToList());
    }
}

/// <summary>One owner's pipeline in a quarter. Targets are set per quarter and segment, so owners get no coverage ratio.</summary>
public sealed record OwnerPipeline(string Owner, decimal OpenPipeline, decimal Weighted, decimal ClosedWon, int OpenCount);

/// <summary>Open, weighted and closed-won pipeline per owner for a quarter.</summary>
public static class PipelineByOwner
{
    public static IReadOnlyList<OwnerPipeline> Compute(IEnumerable<OpportunityInput> opportunities, Quarter quarter, StageProbabilities? probabilities = null)
    {
        ArgumentNullException.ThrowIfNull(opportunities);
        probabilities ??= StageProbabilities.Default;
        return opportunities
            .GroupBy(o => o.Owner, StringComparer.OrdinalIgnoreCase)
            .Select(g =>
            {
                var open = g.Where(o => o.IsOpen && quarter.Contains(o.ExpectedClose)).ToList();
                return new OwnerPipeline(
                    g.Key,
                    open.Sum(o => o.Amount),
                    open.Sum(o => o.Amount * probabilities.Of(o.Stage) / 100m),
                    g.Where(o => o.Stage == OpportunityStage.ClosedWon && quarter.Contains(o.CloseDay)).Sum(o => o.Amount),
                    open.Count);
            })
            .Where(o => o.OpenPipeline > 0 || o.ClosedWon > 0)
            .OrderByDescending(o => o.OpenPipeline)
            .ToList();
    }
}
