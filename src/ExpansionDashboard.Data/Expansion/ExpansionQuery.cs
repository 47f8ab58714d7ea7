using ExpansionDashboard.Metrics.Cohorts;
using ExpansionDashboard.Metrics.Expansion;
using ExpansionDashboard.Metrics.Movements;

namespace ExpansionDashboard.Data.Expansion;

/// <summary>A value per quarter for one line of a chart (null where there were no events).</summary>
public sealed record QuarterSeries(string Name, IReadOnlyList<decimal?> Values);

public sealed record ExpansionView(
    bool HasData,
    Month AsOf,
    IReadOnlyList<MonthMovements> Months,
    IReadOnlyList<(string Segment, IReadOnlyList<decimal?> Rates)> RateBySegment,
    IReadOnlyList<string> Quarters,
    IReadOnlyList<QuarterSeries> AveragePerEventByType,
    IReadOnlyList<QuarterSeries> AveragePerEventBySegment,
    decimal? ShareOfNewArrT12m,
    decimal? NrrT12m,
    MaturityExplanation Maturity,
    IReadOnlyList<TimeToFirstExpansionRow> TimeToFirstExpansion)
{
    public int MaturityStage => Maturity.Stage;
}

/// <summary>The Expansion page: expansion by type, rate by segment, average deal per event over time, share and maturity.</summary>
public sealed class ExpansionQuery(DashboardSnapshotProvider snapshots, TimeProvider time)
{
    /// <param name="filter">Group filter; membership at the start of each month (window).</param>
    /// <param name="asOfMonth">The last month shown; null for the latest month with data.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<ExpansionView> GetAsync(AccountFilter? filter = null, Month? asOfMonth = null, CancellationToken ct = default)
    {
        var model = (await snapshots.GetAsync(ct)).Revenue;
        var asOf = AsOfMonth.Of(model, time, asOfMonth);
        // The view is a function of the model, the month and the filter: built once per data version, not per visit.
        return ModelMemo.Get(model, (nameof(ExpansionView), asOf, ModelMemo.Key(filter)), () => Build(model, asOf, filter));
    }

    private static ExpansionView Build(RevenueModel model, Month asOf, AccountFilter? filter)
    {
        var movements = MrrMovementsMemo.Get(model, filter).Where(m => m.Month <= asOf).ToList();
        var months = movements.TakeLast(24).ToList();
        var segments = model.Accounts.Select(a => a.Account.Segment).Where(s => s.Length > 0)
            .Where(s => filter?.Segment is null || string.Equals(s, filter.Segment, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        var rateBySegment = segments.Select(s =>
        {
            var segmentFilter = (filter ?? AccountFilter.All) with { Segment = s };
            var byMonth = MrrMovementsMemo.Get(model, segmentFilter).ToDictionary(m => m.Month);
            return (s, (IReadOnlyList<decimal?>)months.Select(m => byMonth.TryGetValue(m.Month, out var x) ? ExpansionRate.Of(x) : null).ToList());
        }).ToList();

        // Average expansion per event per quarter, last 8 complete-or-current quarters.
        var quarters = Enumerable.Range(0, 8).Select(i => asOf.Quarter.AddQuarters(i - 7)).Where(q => q.LastMonth >= model.FirstMonth).ToList();
        var perQuarter = quarters.Select(q => AverageExpansion.Compute(model, q.FirstMonth, q.LastMonth > asOf ? asOf : q.LastMonth, filter)).ToList();
        QuarterSeries Series(string name, string slice) =>
            new(name, perQuarter.Select(r => r.FirstOrDefault(x => x.Slice == slice)?.PerEvent is { } v ? Math.Round(v, 2) : (decimal?)null).ToList());
        var byType = new[] { ("Upsell", ExpansionType.Upsell), ("Cross-sell", ExpansionType.CrossSell), ("Seats", ExpansionType.Seats), ("Usage", ExpansionType.Usage) }
            .Select(t => Series(t.Item1, "Type: " + t.Item2)).ToList();
        var bySegment = new[] { Series("All accounts", "All") }.Concat(segments.Select(s => Series(s, "Segment: " + s))).ToList();

        var t12 = movements.Where(m => m.Month > asOf.AddMonths(-12)).ToList();
        var share = ExpansionShare.Of(t12);
        var window = model.IndexOf(asOf.AddMonths(-12)) >= 0 ? RetentionWindow.Compute(model, asOf.AddMonths(-12), asOf, filter) : null;
        return new ExpansionView(
            !model.IsEmpty, asOf, months, rateBySegment, quarters.Select(q => q.ToString()).ToList(), byType, bySegment,
            share, window?.Nrr, ExpansionMaturity.Explain(share, window?.Nrr),
            TimeToFirstExpansion.Compute(model, CohortGrain.Quarter, filter, asOf).TakeLast(12).ToList());
    }

    /// <summary>
    /// The accounts behind one bar of the expansion-by-type chart: every account whose product lines of
    /// <paramref name="type"/> grew in <paramref name="month"/>, largest increase first.
    /// </summary>
    public async Task<IReadOnlyList<AccountMovement>> ExpandedAccountsAsync(Month month, ExpansionType type, AccountFilter? filter = null, CancellationToken ct = default)
    {
        var model = (await snapshots.GetAsync(ct)).Revenue;
        return MrrMovements.ForMonth(model, month, filter)
            .Where(m => m.ExpansionByType.Get(type) > 0)
            .OrderByDescending(m => m.ExpansionByType.Get(type))
            .ToList();
    }
}
