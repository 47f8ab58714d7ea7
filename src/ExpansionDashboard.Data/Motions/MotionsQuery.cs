using ExpansionDashboard.Metrics.Forecast;

namespace ExpansionDashboard.Data.Motions;

/// <summary>The Motions page: per motion for all segments and for each, the window, and each segment's NRR against its benchmark band.</summary>
public sealed record MotionView(
    DateOnly From, DateOnly To, IReadOnlyList<string> Segments, IReadOnlyList<MotionStats> All, IReadOnlyDictionary<string, IReadOnlyList<MotionStats>> BySegment,
    IReadOnlyList<SegmentBenchmark> Benchmarks, Month NrrMonth, bool HasData);

/// <summary>A segment's T12M NRR beside its benchmark band.</summary>
public sealed record SegmentBenchmark(string Segment, decimal? Nrr, SegmentNrrBand? Band, BenchmarkPosition Position)
{
    /// <summary>The NRR band and the benchmark position in one phrase ("Strong — below the Enterprise band 110–130 %").</summary>
    public BandWord Word { get; init; } = BandWord.None;
}

/// <summary>The Motions page: motion analytics over closed quarters and each segment's NRR against its benchmark band.</summary>
public sealed class MotionsQuery(DashboardSnapshotProvider snapshots, SettingsProvider settingsProvider, TimeProvider time)
{
    /// <summary>Motion analytics over the last <paramref name="quarters"/> closed quarters, for all segments and each.</summary>
    public async Task<MotionView> GetAsync(int quarters = 4, CancellationToken ct = default)
    {
        quarters = Math.Clamp(quarters, 1, 12);
        var snap = await snapshots.GetAsync(ct);
        var settings = (await settingsProvider.GetAsync(ct)).Thresholds;
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
                benchmarks.Add(new SegmentBenchmark(g.Group, g.Window.Nrr, band, SegmentNrrBands.Judge(band, g.Window.Nrr)) { Word = BandWords.SegmentNrr(g.Window.Nrr, band, settings.Nrr) });
            }
        }

        return new MotionView(from, to, segments, all, bySegment, benchmarks, nrrMonth, snap.Opportunities.Count > 0);
    }
}
