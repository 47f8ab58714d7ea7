namespace ExpansionDashboard.Metrics.Retention;

/// <summary>Where a segment's NRR sits against its benchmark band.</summary>
public enum BenchmarkPosition
{
    [Band("No benchmark", Severity.None)] NoBand,
    [Band("Below benchmark", Severity.Alert)] Below,
    [Band("Within benchmark", Severity.Good)] Within,
    [Band("Above benchmark", Severity.Good)] Above,
}

/// <summary>A segment's NRR benchmark band in percent, [Low, High] inclusive.</summary>
public sealed record SegmentNrrBand(string Segment, decimal Low, decimal High);

/// <summary>
/// Segment-specific NRR benchmark bands (defaults: Enterprise 110–130 %, SMB 95–110 %; editable). A segment NRR is
/// below, within or above its band; a segment without a band is not judged against one.
/// </summary>
public static class SegmentNrrBands
{
    public const string Definition = "Benchmark NRR range per segment: Enterprise 110–130 %, SMB 95–110 % by default.";

    public static IReadOnlyList<SegmentNrrBand> Default => Defaults.SegmentNrrBands;

    public static SegmentNrrBand? For(IEnumerable<SegmentNrrBand>? bands, string? segment) =>
        segment is null ? null : (bands ?? Default).FirstOrDefault(b => string.Equals(b.Segment, segment, StringComparison.OrdinalIgnoreCase));

    public static BenchmarkPosition Judge(SegmentNrrBand? band, decimal? nrr) => band is null || nrr is null
        ? BenchmarkPosition.NoBand
        : nrr < band.Low ? BenchmarkPosition.Below : nrr > band.High ? BenchmarkPosition.Above : BenchmarkPosition.Within;

    public static Severity SeverityOf(BenchmarkPosition position) => Band.SeverityOf(position);

    public static string Label(BenchmarkPosition position) => Band.Word(position);

    /// <summary>Messages for bands that make no sense (empty when all are valid).</summary>
    public static IReadOnlyList<string> Validate(IEnumerable<SegmentNrrBand> bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var b in bands)
        {
            if (string.IsNullOrWhiteSpace(b.Segment))
            {
                errors.Add("Every benchmark band needs a segment.");
            }
            else if (!seen.Add(b.Segment.Trim()))
            {
                errors.Add($"Segment '{b.Segment}' has two benchmark bands.");
            }

            if (b.Low <= 0 || b.High > 1000)
            {
                errors.Add($"{b.Segment}: the band must lie between 0 % and 1000 %.");
            }
            else if (b.High <= b.Low)
            {
                errors.Add($"{b.Segment}: the top of the band must be above its bottom.");
            }
        }

        return errors;
    }
}
