using ExpansionDashboard.Metrics.Pipeline;

namespace ExpansionDashboard.Metrics.Forecast;

/// <summary>Where a stage's conversion rate came from.</summary>
public enum ConversionSource
{
    /// <summary>Measured from this segment's closed deals.</summary>
    Segment,

    /// <summary>This segment had too few deals, so all segments' closed deals were used.</summary>
    Company,

    /// <summary>Too little history anywhere: the default stage probability.</summary>
    Default,
}

/// <summary>The chance, by amount, that an open deal in <see cref="Stage"/> closes won; <see cref="Deals"/> closed deals measured it.</summary>
public sealed record StageRate(OpportunityStage Stage, decimal Rate, ConversionSource Source, int Deals);

/// <summary>Conversion per open stage plus the rate for a deal whose stage on the day is unknown.</summary>
public sealed record StageConversionTable(IReadOnlyList<StageRate> Stages, StageRate Unknown)
{
    /// <summary>The win chance (percent) for a deal in <paramref name="stage"/>; null means unknown stage.</summary>
    public decimal RateOf(OpportunityStage? stage) =>
        stage is { } s && s <= OpportunityStage.Negotiation ? Stages[(int)s].Rate : stage == OpportunityStage.ClosedWon ? 100m : stage == OpportunityStage.ClosedLost ? 0m : Unknown.Rate;
}

/// <summary>
/// Historical stage-to-close conversion. For each open stage S: Σ amount won ÷ Σ amount closed, over closed deals that
/// reached S (their furthest recorded open stage is S or later; a won deal reached every stage), closed in the last
/// four closed quarters before the as-of day's quarter and no later than the day. Only deals with at least one
/// recorded open stage count, so an import without stage history cannot bias later stages upwards. A segment with
/// fewer than <see cref="MinimumDeals"/> such deals at a stage uses all segments'; fewer than that overall falls back
/// to the default stage probability. Unit: percent.
/// </summary>
public static class StageConversion
{
    public const string Definition =
        "Won ÷ closed by amount among deals closed in the last 4 closed quarters that reached the stage; segment, else company, else default when fewer than 10 deals.";

    public const string Unit = "%";

    /// <summary>Fewer closed deals than this at a stage is "thin history".</summary>
    public const int MinimumDeals = 10;

    public static StageConversionTable Measure(
        IEnumerable<OpportunityInput> opportunities, DateOnly asOf, string? segment = null, StageProbabilities? defaults = null, int quarters = 4)
    {
        ArgumentNullException.ThrowIfNull(opportunities);
        defaults ??= StageProbabilities.Default;
        var current = Quarter.Of(asOf);
        var from = current.AddQuarters(-quarters);
        var closed = opportunities
            .Where(o => !o.IsOpen && o.CloseDay <= asOf && Quarter.Of(o.CloseDay) >= from && Quarter.Of(o.CloseDay) < current && o.HasOpenStageRecorded(asOf))
            .ToList();

        var company = Tally(closed);
        var own = segment is null ? company : Tally(closed.Where(o => string.Equals(o.Segment, segment, StringComparison.OrdinalIgnoreCase)));
        var stages = new List<StageRate>();
        for (var s = OpportunityStage.Identified; s <= OpportunityStage.Negotiation; s++)
        {
            stages.Add(Pick(s, own[(int)s], company[(int)s], segment is null, defaults.Of(s)));
        }

        // A deal whose stage that day is unknown: the win rate of every measured deal (the Identified tally holds them all).
        var any = Pick(OpportunityStage.Identified, own[0], company[0], segment is null, defaults.Of(OpportunityStage.Identified));
        return new StageConversionTable(stages, any);
    }

    private static (decimal Won, decimal Closed, int Deals)[] Tally(IEnumerable<OpportunityInput> closed)
    {
        var t = new (decimal Won, decimal Closed, int Deals)[5];
        foreach (var o in closed)
        {
            var furthest = o.FurthestOpenStage() ?? OpportunityStage.Identified;
            for (var s = 0; s <= (int)furthest; s++)
            {
                t[s].Closed += o.Amount;
                t[s].Deals++;
                if (o.Stage == OpportunityStage.ClosedWon)
                {
                    t[s].Won += o.Amount;
                }
            }
        }

        return t;
    }

    private static StageRate Pick(OpportunityStage stage, (decimal Won, decimal Closed, int Deals) own, (decimal Won, decimal Closed, int Deals) company, bool ownIsCompany, decimal fallback)
    {
        if (own.Deals >= MinimumDeals && own.Closed > 0)
        {
            return new StageRate(stage, own.Won / own.Closed * 100m, ownIsCompany ? ConversionSource.Company : ConversionSource.Segment, own.Deals);
        }

        if (company.Deals >= MinimumDeals && company.Closed > 0)
        {
            return new StageRate(stage, company.Won / company.Closed * 100m, ConversionSource.Company, company.Deals);
        }

        return new StageRate(stage, fallback, ConversionSource.Default, own.Deals);
    }
}
