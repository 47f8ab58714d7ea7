namespace ExpansionDashboard.Metrics.Projections;

/// <summary>One projected year.</summary>
public sealed record ProjectionPoint(int Year, decimal Arr);

/// <summary>NRR compounding: ARR_n = ARR_0 × (NRR ÷ 100)^n — the installed base's ARR in n years with no new logos.</summary>
public static class NrrProjection
{
    public const string Definition = "ARR_n = ARR_0 × (NRR/100)^n.";

    public const string Unit = "ARR";

    public static IReadOnlyList<ProjectionPoint> Compute(decimal arr0, decimal nrrPercent, int years)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(years);
        var factor = nrrPercent / 100m;
        var list = new List<ProjectionPoint>(years + 1);
        var arr = arr0;
        for (var n = 0; n <= years; n++)
        {
            list.Add(new ProjectionPoint(n, arr));
            arr *= factor;
        }

        return list;
    }
}
