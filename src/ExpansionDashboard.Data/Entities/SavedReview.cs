namespace ExpansionDashboard.Data.Entities;

/// <summary>
/// A weekly review frozen as it was shown: the deck's view model as JSON, so it reopens exactly so after the data,
/// the thresholds or the code that computes the figures have moved on.
/// </summary>
public sealed class SavedReview
{
    public long Id { get; set; }

    /// <summary>The day the review is "as of".</summary>
    public DateOnly AsOf { get; set; }

    public DateTime SavedUtc { get; set; }

    public string SavedBy { get; set; } = "";

    /// <summary>The deck's view model, serialised by the web layer; the store never reads inside it.</summary>
    public required string Json { get; set; }
}
