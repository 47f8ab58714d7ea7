namespace ExpansionDashboard.Data.Filters;

/// <summary>The values the filter bar offers: months with data (never after today), segments, industries, regions and CSMs.</summary>
public sealed class FilterOptionsQuery(DashboardSnapshotProvider snapshots, TimeProvider time)
{
    public async Task<DashboardFilterOptions> GetAsync(CancellationToken ct = default)
    {
        var model = (await snapshots.GetAsync(ct)).Revenue;
        var current = Month.Of(DateOnly.FromDateTime(time.GetLocalNow().DateTime));
        var months = model.IsEmpty ? [] : Enumerable.Range(0, model.MonthCount).Select(model.MonthAt).Where(m => m <= current).Reverse().Select(m => m.ToString()).ToList();
        List<string> Distinct(Func<AccountInput, string> pick) =>
            model.Accounts.Select(a => pick(a.Account)).Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        return new DashboardFilterOptions(months, Distinct(a => a.Segment), Distinct(a => a.Industry), Distinct(a => a.Region), Distinct(a => a.Csm));
    }
}
