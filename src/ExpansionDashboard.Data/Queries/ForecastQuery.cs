using ExpansionDashboard.Metrics.Forecast;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Pipeline;
using ExpansionDashboard.Metrics.Retention;

namespace ExpansionDashboard.Data.Queries;

/// <summary>The Forecast page: this quarter (booked and still to come) and the next, each with a range, and the backtest behind the ranges.</summary>
public sealed record ForecastView(DateOnly Today, ForecastResult Current, ForecastResult Next, BacktestResult Backtest, bool HasData);

/// <summary>The Motions page: per motion for all segments and for each, the window, and each segment's NRR against its benchmark band.</summary>
public sealed record MotionView(
    DateOnly From, DateOnly To, IReadOnlyList<string> Segments, IReadOnlyList<MotionStats> All, IReadOnlyDictionary<string, IReadOnlyList<MotionStats>> BySegment,
    IReadOnlyList<SegmentBenchmark> Benchmarks, Month NrrMonth, bool HasData);

/// <summary>A segment's T12M NRR beside its benchmark band.</summary>
public sealed record SegmentBenchmark(string Segment, decimal? Nrr, SegmentNrrBand? Band, BenchmarkPosition Position);

/// <summary>Forecast, backtest and motion analytics from the in-memory snapshot; cached per data version and day.</summary>
public sealed class ForecastQuery(DashboardSnapshotProvider snapshots, Settings.ThresholdStore thresholds, TimeProvider time)
{
    private readonly LastView<(long Version, DateOnly Day, int Quarters), ForecastView> _forecast = new();
    private readonly LastView<(long Version, DateOnly Day, int Quarters), MotionView> _motions = new();

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

    /// <summary>Motion analytics over the last <paramref name="quarters"/> closed quarters, for all segments and each.</summary>
    public async Task<MotionView> MotionsAsync(int quarters = 4, CancellationToken ct = default)
    {
        quarters = Math.Clamp(quarters, 1, 12);
        var snap = await snapshots.GetAsync(ct);
        var settings = await thresholds.GetAsync(ct);
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var current = Quarter.Of(today);
        var from = current.AddQuarters(-quarters).FirstDay;
        var to = current.AddQuarters(-1).LastDay;
        var segments = ExpansionForecast.SegmentsOf(snap.Revenue, snap.Opportunities);
        var all = MotionAnalytics.Compute(snap.Opportunities, snap.Revenue, from, to);
        var bySegment = segments.ToDictionary(
            s => s, s => MotionAnalytics.Compute(snap.Opportunities, snap.Revenue, from, to, s), StringComparer.OrdinalIgnoreCase);

        var nrrMonth = AsOfMonth.Of(snap.Revenue, time);
        var benchmarks = new List<SegmentBenchmark>();
        if (!snap.Revenue.IsEmpty)
        {
            var groups = RetentionBreakdown.Compute(snap.Revenue, nrrMonth.AddMonths(-12), nrrMonth, Dimension.Segment);
            foreach (var g in groups)
            {
                var band = SegmentNrrBands.For(settings.NrrBands, g.Group);
                benchmarks.Add(new SegmentBenchmark(g.Group, g.Window.Nrr, band, SegmentNrrBands.Judge(band, g.Window.Nrr)));
            }
        }

        return new MotionView(from, to, segments, all, bySegment, benchmarks, nrrMonth, snap.Opportunities.Count > 0);
    }
}

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
