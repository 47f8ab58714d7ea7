using ExpansionDashboard.Metrics.Pipeline;

namespace ExpansionDashboard.Metrics.Forecast;

/// <summary>One backtested quarter: the forecast made the day before it began against what it brought.</summary>
public sealed record BacktestQuarter(Quarter Quarter, DateOnly AsOf, decimal Forecast, decimal Actual)
{
    /// <summary>(forecast − actual) ÷ actual × 100: positive = the method over-forecast. Null when nothing closed.</summary>
    public decimal? ErrorPercent => Actual > 0 ? (Forecast - Actual) / Actual * 100m : null;

    /// <summary>Actual ÷ forecast: what a forecast had to be multiplied by to be right. Null without a forecast.</summary>
    public decimal? Ratio => Forecast > 0 ? Actual / Forecast : null;

    public bool WithinTenPercent => ErrorPercent is { } e && Math.Abs(e) <= ForecastBacktest.Tolerance;
}

/// <summary>A backtest for one segment (or "All segments").</summary>
public sealed record BacktestSeries(string Segment, IReadOnlyList<BacktestQuarter> Quarters)
{
    private IEnumerable<decimal> Errors => Quarters.Where(q => q.ErrorPercent is not null).Select(q => q.ErrorPercent!.Value);

    /// <summary>Mean absolute error in percent; null without a measurable quarter.</summary>
    public decimal? MeanAbsoluteError => Errors.Any() ? Errors.Average(Math.Abs) : null;

    /// <summary>Largest absolute error in percent.</summary>
    public decimal? WorstError => Errors.Any() ? Errors.Max(Math.Abs) : null;

    public int WithinTolerance => Quarters.Count(q => q.WithinTenPercent);

    public int Measured => Errors.Count();

    /// <summary>
    /// The range past misses imply for a forecast: the part still to come × the smallest and largest actual ÷ forecast
    /// ratio seen, plus what is already booked. Null until two quarters can be measured.
    /// </summary>
    public ForecastRange? RangeFor(ForecastRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var ratios = Quarters.Where(q => q.Ratio is not null).Select(q => q.Ratio!.Value).ToList();
        if (ratios.Count < 2)
        {
            return null;
        }

        return new ForecastRange(row.Booked + row.Remaining * Math.Min(1m, ratios.Min()), row.Booked + row.Remaining * Math.Max(1m, ratios.Max()), ratios.Count);
    }
}

/// <summary>The backtest: per segment and in total.</summary>
public sealed record BacktestResult(BacktestSeries Total, IReadOnlyList<BacktestSeries> Segments)
{
    /// <summary>The segment's own series, or the total's when the segment has none.</summary>
    public BacktestSeries For(string segment) =>
        Segments.FirstOrDefault(s => string.Equals(s.Segment, segment, StringComparison.OrdinalIgnoreCase) && s.Measured >= 2) ?? Total;

    /// <summary>The forecast with a range on every row from the matching series' past misses.</summary>
    public ForecastResult WithRanges(ForecastResult forecast)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        return forecast with
        {
            Segments = forecast.Segments.Select(r => r with { Range = For(r.Segment).RangeFor(r) }).ToList(),
            Total = forecast.Total with { Range = Total.RangeFor(forecast.Total) },
        };
    }
}

/// <summary>
/// Runs <see cref="ExpansionForecast"/> as of the day before each of the last closed quarters began (so it sees only
/// the deals, stages and revenue known then) and sets it against what the quarter actually brought. Error % =
/// (forecast − actual) ÷ actual × 100.
/// </summary>
public static class ForecastBacktest
{
    public const string Definition = "The forecast made the day before each of the last closed quarters began, against that quarter's actual expansion ARR; error = (forecast − actual) ÷ actual.";

    /// <summary>The accuracy the product is asked to reach: within 10 %.</summary>
    public const decimal Tolerance = 10m;

    /// <param name="model">Revenue.</param>
    /// <param name="opportunities">Deals with their stage history.</param>
    /// <param name="today">Quarters that ended before today's quarter and lie in the revenue data are tested.</param>
    /// <param name="quarters">How many closed quarters (at least 4 is the contract).</param>
    /// <param name="defaults">Stage probabilities for thin history.</param>
    public static BacktestResult Run(RevenueModel model, IReadOnlyList<OpportunityInput> opportunities, DateOnly today, int quarters = 4, StageProbabilities? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(opportunities);
        var tested = new List<(Quarter Q, ForecastResult F, IReadOnlyDictionary<string, decimal> A)>();
        for (var q = Quarter.Of(today).AddQuarters(-1); tested.Count < quarters && !model.IsEmpty && q.LastMonth >= model.FirstMonth; q = q.AddQuarters(-1))
        {
            var actual = ExpansionForecast.Actual(model, opportunities, q);
            if (actual is null || q.FirstMonth <= model.FirstMonth)
            {
                continue;
            }

            tested.Add((q, ExpansionForecast.Compute(model, opportunities, q, q.FirstDay.AddDays(-1), defaults), actual));
        }

        tested.Reverse();
        var total = new BacktestSeries("All segments", tested.Select(t => new BacktestQuarter(t.Q, t.F.AsOf, t.F.Total.Point, t.A.Values.Sum())).ToList());
        var segments = tested.SelectMany(t => t.F.Segments.Select(r => r.Segment))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(s => new BacktestSeries(s, tested.Select(t => new BacktestQuarter(
                t.Q, t.F.AsOf,
                t.F.Segments.FirstOrDefault(r => string.Equals(r.Segment, s, StringComparison.OrdinalIgnoreCase))?.Point ?? 0m,
                t.A.TryGetValue(s, out var a) ? a : 0m)).ToList()))
            .ToList();
        return new BacktestResult(total, segments);
    }
}
