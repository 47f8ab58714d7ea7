namespace ExpansionDashboard.Data.Retention;

public sealed record RetentionView(
    bool HasData,
    IReadOnlyList<MonthValue> NrrT12m,
    IReadOnlyList<MonthValue> GrrT12m,
    IReadOnlyList<MonthValue> LogoT12m,
    IReadOnlyList<MonthValue> NrrMonthly,
    IReadOnlyList<Metrics.Movements.MonthMovements> Movements,
    NrrBridgeResult? Bridge,
    IReadOnlyDictionary<Dimension, IReadOnlyList<GroupRetention>> Breakdown);
