namespace ExpansionDashboard.Data.Retention;

/// <summary>The Retention page: T12M and monthly retention series, movements, the NRR bridge and the breakdown by group.</summary>
public sealed class RetentionQuery(DashboardSnapshotProvider snapshots, TimeProvider time)
{
    /// <param name="filter">Group filter; membership is taken at the start of each window.</param>
    /// <param name="asOfMonth">The last month shown; null for the latest month with data.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<RetentionView> GetAsync(AccountFilter? filter = null, Month? asOfMonth = null, CancellationToken ct = default)
    {
        var model = (await snapshots.GetAsync(ct)).Revenue;
        var asOf = AsOfMonth.Of(model, time, asOfMonth);
        var hasWindow = !model.IsEmpty && model.IndexOf(asOf.AddMonths(-12)) >= 0 && model.IndexOf(asOf) >= 0;
        var breakdown = new Dictionary<Dimension, IReadOnlyList<GroupRetention>>();
        if (hasWindow)
        {
            foreach (var d in new[] { Dimension.Segment, Dimension.Industry, Dimension.Region, Dimension.Csm })
            {
                breakdown[d] = RetentionBreakdown.Compute(model, asOf.AddMonths(-12), asOf, d, filter);
            }
        }

        static IReadOnlyList<MonthValue> Upto(IReadOnlyList<MonthValue> series, Month last) => series.Where(p => p.Month <= last).ToList();
        return new RetentionView(
            !model.IsEmpty,
            Upto(NetRevenueRetention.Trailing12(model, filter), asOf),
            Upto(GrossRevenueRetention.Trailing12(model, filter), asOf),
            Upto(LogoRetention.Trailing12(model, filter), asOf),
            Upto(NetRevenueRetention.Monthly(model, filter), asOf),
            Metrics.Movements.MrrMovementsMemo.Get(model, filter).Where(m => m.Month <= asOf).TakeLast(24).ToList(),
            hasWindow ? NrrBridge.Compute(model, asOf.AddMonths(-12), asOf, filter) : null,
            breakdown);
    }
}
