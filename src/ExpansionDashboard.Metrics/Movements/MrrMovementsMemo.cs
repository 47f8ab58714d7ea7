using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace ExpansionDashboard.Metrics.Movements;

/// <summary>
/// <see cref="MrrMovements.Compute"/> once per model and filter. A page asks for the same movements several times per
/// render (headline, trend, per-segment rates, alerts) and every request asks again, each an O(accounts × months) pass;
/// on a 6M-row book that pass alone is hundreds of milliseconds. A <see cref="RevenueModel"/> never changes after it is
/// built (a new data version is a new model), so its movements can be kept with it and go when it is collected.
/// </summary>
public static class MrrMovementsMemo
{
    /// <summary>Filters kept per model; beyond this (an unusual spread of group filters) movements are computed, not kept.</summary>
    private const int MaxFiltersPerModel = 64;

    private static readonly ConditionalWeakTable<RevenueModel, ConcurrentDictionary<AccountFilter, IReadOnlyList<MonthMovements>>> Memo = new();

    /// <summary>The same list <see cref="MrrMovements.Compute"/> returns, shared: callers must not change it.</summary>
    public static IReadOnlyList<MonthMovements> Get(RevenueModel model, AccountFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var key = filter is null || filter.IsEmpty ? AccountFilter.All : filter;
        var byFilter = Memo.GetValue(model, _ => new ConcurrentDictionary<AccountFilter, IReadOnlyList<MonthMovements>>());
        if (byFilter.TryGetValue(key, out var known))
        {
            return known;
        }

        var computed = MrrMovements.Compute(model, filter);
        return byFilter.Count < MaxFiltersPerModel ? byFilter.GetOrAdd(key, computed) : computed;
    }
}
