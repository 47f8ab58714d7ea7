namespace ExpansionDashboard.Metrics.Model;

/// <summary>Small statistics the metrics share.</summary>
public static class Statistics
{
    /// <summary>The middle value (the mean of the two middle ones for an even count); null for no values.</summary>
    public static decimal? Median(IEnumerable<decimal> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2m;
    }
}
