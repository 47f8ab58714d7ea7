namespace ExpansionDashboard.Metrics.Pipeline;

/// <summary>
/// The pipeline as it stood on a past day, rebuilt from each opportunity's created and closed dates, so a weekly
/// review can be reproduced for any past week. Opportunities created after the day did not exist; those closed after
/// it were still open, in the stage their recorded history puts them in that day (or <see cref="StageWhenUnknown"/>
/// when none was recorded by then); those closed on or before it keep their outcome.
/// </summary>
public static class OpportunityHistory
{
    /// <summary>The stage an opportunity that was open on the day but has closed since is given (its stage then is unknown).</summary>
    public const OpportunityStage StageWhenUnknown = OpportunityStage.Negotiation;

    public static IReadOnlyList<OpportunityInput> AsOf(IEnumerable<OpportunityInput> opportunities, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(opportunities);
        var result = new List<OpportunityInput>();
        foreach (var o in opportunities)
        {
            if (o.Created is { } created && created > day)
            {
                continue;
            }

            var then = o.StageOn(day);
            if (!o.IsOpen && o.CloseDay > day)
            {
                result.Add(o with { Stage = then is { } s && s <= OpportunityStage.Negotiation ? s : StageWhenUnknown, Closed = null });
            }
            else if (o.IsOpen && then is { } open && open != o.Stage && open <= OpportunityStage.Negotiation)
            {
                result.Add(o with { Stage = open });
            }
            else
            {
                result.Add(o);
            }
        }

        return result;
    }
}
