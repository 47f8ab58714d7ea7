namespace ExpansionDashboard.Web.Shared.Charts;

/// <summary>An axis with round ends and an even, round step: Min, Max and how many intervals lie between them.</summary>
/// <param name="Min">The lowest tick.</param>
/// <param name="Max">The highest tick.</param>
/// <param name="Step">The distance between ticks.</param>
public sealed record AxisScale(decimal Min, decimal Max, decimal Step)
{
    /// <summary>The number of intervals, which is what ApexCharts calls tickAmount.</summary>
    public int TickAmount => Step <= 0 ? 1 : (int)Math.Round((Max - Min) / Step);

    /// <summary>Decimals the tick labels need: none for a whole step, so 96 / 98 / 100 % rather than 96.0 / 98.0.</summary>
    public int Decimals => Step >= 1m || Step <= 0 ? 0 : (int)Math.Ceiling(-Math.Log10((double)Step) - 1e-9);

    public IReadOnlyList<decimal> Ticks => Enumerable.Range(0, TickAmount + 1).Select(i => Min + (i * Step)).ToList();
}

/// <summary>
/// Round axis ends and ticks computed here rather than by ApexCharts, whose own "nice" scale gives 107.0 / 102.7 / 98.3 %
/// once a min and max are set: the chart is handed the exact min, max and tick count.
/// </summary>
public static class NiceScale
{
    // Steps of 1, 2 and 5 times a power of ten read as round numbers on money and percentages alike.
    private static readonly decimal[] Mantissas = [1m, 2m, 5m, 10m];

    /// <summary>A scale over <paramref name="values"/> with about <paramref name="targetTicks"/> intervals.</summary>
    /// <param name="values">The data; nulls (gaps) are ignored.</param>
    /// <param name="includeZero">Money and counts start at zero, so bar and area heights are honest.</param>
    /// <param name="minStep">The smallest step allowed: 1 for whole percentages.</param>
    /// <param name="padding">Room added either side of the data before rounding (percentage points on NRR).</param>
    /// <param name="targetTicks">Roughly how many intervals to aim for.</param>
    public static AxisScale For(IEnumerable<decimal?> values, bool includeZero, decimal minStep = 0m, decimal padding = 0m, int targetTicks = 5)
    {
        ArgumentNullException.ThrowIfNull(values);
        var present = values.Where(v => v.HasValue).Select(v => v!.Value).ToList();
        if (present.Count == 0)
        {
            present = [0m, 1m];
        }

        var lo = present.Min() - padding;
        var hi = present.Max() + padding;
        if (includeZero)
        {
            lo = Math.Min(lo, 0m);
            hi = Math.Max(hi, 0m);

            // Padding must not push a money axis below zero when every value is positive.
            if (present.Min() >= 0m)
            {
                lo = 0m;
            }
        }

        if (hi <= lo)
        {
            hi = lo + Math.Max(minStep, Math.Abs(lo) > 0 ? Math.Abs(lo) / 10m : 1m);
        }

        var step = Math.Max(StepFor((hi - lo) / Math.Max(1, targetTicks)), minStep);
        var min = Math.Floor(lo / step) * step;
        var max = Math.Ceiling(hi / step) * step;
        if (max == min)
        {
            max = min + step;
        }

        return new AxisScale(min, max, step);
    }

    /// <summary>The smallest 1, 2 or 5 × 10ⁿ at or above <paramref name="rough"/>.</summary>
    public static decimal StepFor(decimal rough)
    {
        if (rough <= 0)
        {
            return 1m;
        }

        var power = (decimal)Math.Pow(10, Math.Floor(Math.Log10((double)rough)));
        foreach (var m in Mantissas)
        {
            if (m * power >= rough)
            {
                return m * power;
            }
        }

        return 10m * power;
    }

    /// <summary>The range of stacked bars: the positives stack up and the negatives down, per category.</summary>
    public static IEnumerable<decimal?> StackedExtremes(IReadOnlyList<ChartSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var points = series.Count == 0 ? 0 : series.Max(s => s.Data.Count);
        for (var i = 0; i < points; i++)
        {
            var at = series.Select(s => i < s.Data.Count ? s.Data[i] ?? 0m : 0m).ToList();
            yield return at.Where(v => v > 0).Sum();
            yield return at.Where(v => v < 0).Sum();
        }
    }
}
