namespace ExpansionDashboard.Metrics.Movements;

/// <summary><see cref="MrrMovements.Compute"/> once per model and filter (<see cref="ModelMemo"/>).</summary>
public static class MrrMovementsMemo
{
    /// <summary>The same list <see cref="MrrMovements.Compute"/> returns, shared: callers must not change it.</summary>
    public static IReadOnlyList<MonthMovements> Get(RevenueModel model, AccountFilter? filter = null) =>
        ModelMemo.Get(model, (nameof(MrrMovements), ModelMemo.Key(filter)), () => MrrMovements.Compute(model, filter));
}
