namespace ExpansionDashboard.Metrics.Pipeline;

public enum OpportunityStage
{
    Identified,
    Engaged,
    Qualified,
    Proposal,
    Negotiation,
    ClosedWon,
    ClosedLost,
}

public enum OpportunityType
{
    Upsell,
    CrossSell,
    Seats,
    Usage,
}

/// <summary>A stage an opportunity was seen in on a day (from an import, a form edit or the demo's history).</summary>
public sealed record StageObservation(OpportunityStage Stage, DateOnly SeenOn);

/// <summary>
/// An expansion opportunity; <see cref="Amount"/> is ARR. <see cref="Segment"/> and <see cref="Owner"/> are for grouping.
/// <see cref="History"/> holds the stages it was seen in, oldest first (empty when none was recorded).
/// </summary>
public sealed record OpportunityInput(
    string Id,
    string AccountId,
    string Name,
    OpportunityType Type,
    OpportunityStage Stage,
    decimal Amount,
    DateOnly ExpectedClose,
    string Owner,
    string Segment,
    DateOnly? Created = null,
    DateOnly? Closed = null,
    IReadOnlyList<StageObservation>? History = null)
{
    public bool IsOpen => Stage is not (OpportunityStage.ClosedWon or OpportunityStage.ClosedLost);

    /// <summary>The day the deal closed: its closed date, else (for data that lacks one) its expected close.</summary>
    public DateOnly CloseDay => Closed ?? ExpectedClose;

    /// <summary>
    /// The stage it was in at the end of <paramref name="day"/>: its current stage when nothing changed since (created by
    /// then, still open or closed by then and no later observation), else the last stage seen on or before the day;
    /// null when it did not exist yet or its stage that day is unknown.
    /// </summary>
    public OpportunityStage? StageOn(DateOnly day)
    {
        if (Created is { } created && created > day)
        {
            return null;
        }

        if (!IsOpen && CloseDay <= day)
        {
            return Stage;
        }

        OpportunityStage? seen = null;
        var later = false;
        foreach (var h in History ?? [])
        {
            if (h.SeenOn <= day)
            {
                seen = h.Stage;
            }
            else
            {
                later = true;
            }
        }

        // Open today with no observation after the day: nothing changed since, so today's stage held then.
        return seen ?? (IsOpen && !later ? Stage : null);
    }

    /// <summary>
    /// Whether an open stage of it was recorded (by <paramref name="by"/>, when given). Deals first seen already closed
    /// have none, and measurements of stages leave them out rather than guess where they were lost.
    /// </summary>
    public bool HasOpenStageRecorded(DateOnly? by = null) =>
        History is not null && History.Any(h => h.Stage <= OpportunityStage.Negotiation && (by is null || h.SeenOn <= by));

    /// <summary>The furthest open stage it was seen in (Negotiation for a won deal, which passed every stage), or null.</summary>
    public OpportunityStage? FurthestOpenStage()
    {
        if (Stage == OpportunityStage.ClosedWon)
        {
            return OpportunityStage.Negotiation;
        }

        OpportunityStage? furthest = IsOpen ? Stage : null;
        foreach (var h in History ?? [])
        {
            if (h.Stage <= OpportunityStage.Negotiation && (furthest is null || h.Stage > furthest))
            {
                furthest = h.Stage;
            }
        }

        return furthest;
    }
}

/// <summary>An expansion target in ARR for a quarter; a null segment is the whole company.</summary>
public sealed record TargetInput(Quarter Quarter, string? Segment, decimal Amount);

public static class StageNames
{
    public static string Of(OpportunityStage stage) => stage switch
    {
        OpportunityStage.ClosedWon => "Closed Won",
        OpportunityStage.ClosedLost => "Closed Lost",
        _ => stage.ToString(),
    };

    /// <summary>A deal type (expansion motion) for people: Upsell, Cross-sell, Seats, Usage.</summary>
    public static string Of(OpportunityType type) => type == OpportunityType.CrossSell ? "Cross-sell" : type.ToString();

    public static bool TryParse(string? text, out OpportunityStage stage) => TryParseName(text, out stage);

    public static bool TryParseType(string? text, out OpportunityType type) => TryParseName(text, out type);

    // A name as people write it ("Closed Won", "cross-sell"): spaces and hyphens dropped, any case.
    private static bool TryParseName<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var key = text.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        return Enum.TryParse(key, ignoreCase: true, out value) && Enum.IsDefined(value);
    }
}
