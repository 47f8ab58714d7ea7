using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace ExpansionDashboard.Metrics.Model;

/// <summary>
/// Results of pure whole-book computations kept with the <see cref="RevenueModel"/> they came from. A page asks for the
/// same series several times per render (headline, trend, per-segment rates, alerts) and every request asks again, each
/// an O(accounts × months) pass; on a 6M-row book one pass is hundreds of milliseconds. A model never changes after it
/// is built (a new data version is a new model), so what it gave once stays true, and goes when the model is collected.
/// </summary>
public static class ModelMemo
{
    /// <summary>Entries kept per model; beyond this (an unusual spread of group filters) results are computed, not kept.</summary>
    private const int MaxEntriesPerModel = 256;

    private static readonly ConditionalWeakTable<RevenueModel, ConcurrentDictionary<object, object>> Memo = new();

    /// <summary>
    /// The value computed once for <paramref name="key"/> (value equality: a record or tuple naming the computation and its
    /// arguments) on <paramref name="model"/>. Shared between callers: it must not be changed.
    /// </summary>
    public static T Get<T>(RevenueModel model, object key, Func<T> compute)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(compute);
        var entries = Memo.GetValue(model, _ => new ConcurrentDictionary<object, object>());
        if (entries.TryGetValue(key, out var known))
        {
            return (T)known;
        }

        var computed = compute();
        return entries.Count < MaxEntriesPerModel ? (T)entries.GetOrAdd(key, computed) : computed;
    }

    /// <summary>The filter as a key: no filter and the empty filter select the same accounts.</summary>
    public static AccountFilter Key(AccountFilter? filter) => filter is null || filter.IsEmpty ? AccountFilter.All : filter;
}
