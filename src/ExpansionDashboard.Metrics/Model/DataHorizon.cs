namespace ExpansionDashboard.Metrics.Model;

/// <summary>
/// The data's horizon: the last month the data has observed. For monthly MRR snapshots it is the latest snapshot
/// month; for invoice lines it is the month of the latest service start, because a prepaid period that runs past it
/// says nothing about later months (a renewal not invoiced yet is unknown, not churn). "Latest" everywhere is the
/// horizon, never later than the current month; months after it carry no figures.
/// </summary>
public static class DataHorizon
{
    public const string Definition =
        "Last observed month: the latest MRR snapshot month or, for invoice lines, the month of the latest service start. Latest = the horizon, never after the current month; later months carry no figures.";

    /// <summary>The horizon of monthly MRR snapshots: their latest month, or null for none.</summary>
    public static Month? OfSnapshots(IEnumerable<Month> months) => LatestOf(months);

    /// <summary>The horizon of invoice lines: the month of their latest service start, or null for none.</summary>
    public static Month? OfInvoiceLines(IEnumerable<DateOnly> serviceStarts) => LatestOf(serviceStarts) is { } d ? Month.Of(d) : null;

    /// <summary>The store's horizon: the latest of the horizons its imports set (null when none set one).</summary>
    public static Month? Combine(IEnumerable<Month?> horizons)
    {
        ArgumentNullException.ThrowIfNull(horizons);
        return OfSnapshots(horizons.Where(h => h is not null).Select(h => h!.Value));
    }

    /// <summary>The month dashboards call "Latest": the horizon, but never after <paramref name="current"/>; the current month without data.</summary>
    public static Month Latest(Month? horizon, Month current) => horizon is { } h && h <= current ? h : current;

    private static T? LatestOf<T>(IEnumerable<T> values)
        where T : struct, IComparable<T>
    {
        ArgumentNullException.ThrowIfNull(values);
        T? max = null;
        foreach (var v in values)
        {
            if (max is not { } m || v.CompareTo(m) > 0)
            {
                max = v;
            }
        }

        return max;
    }
}
