using ExpansionDashboard.Metrics.Forecast;

namespace ExpansionDashboard.Data.Forecast;

/// <summary>The Forecast page: this quarter (booked and still to come) and the next, each with a range, and the backtest behind the ranges.</summary>
public sealed record ForecastView(DateOnly Today, ForecastResult Current, ForecastResult Next, BacktestResult Backtest, bool HasData);

/// <summary>Forecast and backtest from the in-memory snapshot; cached per data version and day.</summary>
public sealed class ForecastQuery(DashboardSnapshotProvider snapshots, TimeProvider time)
{
    private readonly LastView<(long Version, DateOnly Day, int Quarters), ForecastView> _forecast = new();

    /// <param name="quarters">How many closed quarters to backtest (4 to 12).</param>
    /// <param name="today">The day the forecast is made; null for today.</param>
    public async Task<ForecastView> GetAsync(int quarters = 4, DateOnly? today = null, CancellationToken ct = default)
    {
        quarters = Math.Clamp(quarters, 4, 12);
        var snap = await snapshots.GetAsync(ct);
        var day = today ?? DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        return _forecast.GetOrBuild((snap.DataVersion, day, quarters), () => Build(snap, day, quarters));
    }

    internal static ForecastView Build(DashboardSnapshot snap, DateOnly day, int quarters)
    {
        var model = snap.Revenue;
        var opps = snap.Opportunities;
        var q = Quarter.Of(day);
        var backtest = ForecastBacktest.Run(model, opps, day, quarters);
        var current = backtest.WithRanges(ExpansionForecast.Compute(model, opps, q, day));
        var next = backtest.WithRanges(ExpansionForecast.Compute(model, opps, q.AddQuarters(1), day));
        return new ForecastView(day, current, next, backtest, !model.IsEmpty || opps.Count > 0);
    }
}
