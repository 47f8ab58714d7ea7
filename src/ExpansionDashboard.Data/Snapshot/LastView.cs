namespace ExpansionDashboard.Data.Snapshot;

/// <summary>The last view built and the key it was built for: a page's next load with the same key reuses it.</summary>
internal sealed class LastView<TKey, TView>
    where TKey : struct, IEquatable<TKey>
    where TView : class
{
    private readonly Lock _gate = new();
    private (TKey Key, TView View)? _last;

    public TView GetOrBuild(TKey key, Func<TView> build)
    {
        lock (_gate)
        {
            if (_last is { } l && l.Key.Equals(key))
            {
                return l.View;
            }
        }

        var view = build();
        lock (_gate)
        {
            _last = (key, view);
        }

        return view;
    }
}
