using ExpansionDashboard.Metrics.Model;

namespace ExpansionDashboard.Data.Queries;

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
}
