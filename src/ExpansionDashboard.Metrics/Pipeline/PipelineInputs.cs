using ExpansionDashboard.Metrics.Model;

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

/// <summary>An expansion opportunity; <see cref="Amount"/> is ARR. <see cref="Segment"/> and <see cref="Owner"/> are for grouping.</summary>
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
    DateOnly? Closed = null)
{
    public bool IsOpen => Stage is not (OpportunityStage.ClosedWon or OpportunityStage.ClosedLost);

    /// <summary>The day the deal closed: its closed date, else (for data that lacks one) its expected close.</summary>
    public DateOnly CloseDay => Closed ?? ExpectedClose;
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

    public static bool TryParse(string? text, out OpportunityStage stage)
    {
        stage = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var key = text.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        return Enum.TryParse(key, ignoreCase: true, out stage) && Enum.IsDefined(stage);
    }

    public static bool TryParseType(string? text, out OpportunityType type)
    {
        type = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var key = text.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        return Enum.TryParse(key, ignoreCase: true, out type) && Enum.IsDefined(type);
    }
}
