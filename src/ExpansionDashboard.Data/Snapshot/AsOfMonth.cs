namespace ExpansionDashboard.Data.Snapshot;

/// <summary>The month every read-side view reports by default.</summary>
public static class AsOfMonth
{
    /// <summary>The latest month with data, but never after the current calendar month (the current month when there is no data).</summary>
    public static Month Of(RevenueModel model, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(time);
        var current = Month.Of(time.GetLocalNow().DateTime);
        return model.IsEmpty || model.LastMonth > current ? current : model.LastMonth;
    }

    /// <summary>
    /// The month a view reports: the requested one, but never past the data's horizon (a link or bookmark that names a
    /// later month shows the latest month instead of figures the data has not observed); the latest month when none is asked.
    /// </summary>
    public static Month Of(RevenueModel model, TimeProvider time, Month? requested)
    {
        var latest = Of(model, time);
        return requested is { } r && r <= latest ? r : latest;
    }
}
