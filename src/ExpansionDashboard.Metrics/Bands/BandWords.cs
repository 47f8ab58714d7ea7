using ExpansionDashboard.Metrics.Expansion;
using ExpansionDashboard.Metrics.Health;
using ExpansionDashboard.Metrics.Pipeline;
using ExpansionDashboard.Metrics.Retention;

namespace ExpansionDashboard.Metrics.Bands;

/// <summary>A value's band in words and its severity (the UI maps the severity to a colour and a shape).</summary>
/// <param name="Word">The word people read ("Strong", "Healthy", "On track"); null when there is nothing to judge.</param>
/// <param name="Severity">How the value reads.</param>
public sealed record BandWord(string? Word, Severity Severity)
{
    public static BandWord None { get; } = new(null, Severity.None);
}

/// <summary>
/// The one place that turns a metric's value into its band word and severity, one function per metric, so two
/// pages showing the same value cannot call it different things.
/// </summary>
public static class BandWords
{
    /// <summary>NRR: World class, Strong, Needs improvement, Critical (thresholds: the admin's, else the defaults).</summary>
    public static BandWord Nrr(decimal? nrr, NrrThresholds? thresholds = null) =>
        nrr is null ? BandWord.None : Band.Describe((thresholds ?? NrrThresholds.Default).Classify(nrr));

    /// <summary>
    /// A segment's NRR in one phrase: its NRR band and where it sits against the segment's benchmark, e.g.
    /// "Strong — below the Enterprise band 110–130 %"; only the NRR band when the segment has no benchmark.
    /// The severity is the benchmark's when there is one (a segment below its band needs attention even when "Strong").
    /// </summary>
    public static BandWord SegmentNrr(decimal? nrr, SegmentNrrBand? benchmark, NrrThresholds? thresholds = null)
    {
        var word = Nrr(nrr, thresholds);
        var position = SegmentNrrBands.Judge(benchmark, nrr);
        if (word.Word is null || benchmark is null || position == BenchmarkPosition.NoBand)
        {
            return word;
        }

        var where = position switch
        {
            BenchmarkPosition.Below => "below",
            BenchmarkPosition.Above => "above",
            _ => "within",
        };
        var range = string.Create(CultureInfo.CurrentCulture, $"{benchmark.Low:0.#}–{benchmark.High:0.#} %");
        return new($"{word.Word} — {where} the {benchmark.Segment} band {range}", SegmentNrrBands.SeverityOf(position));
    }

    /// <summary>Expansion rate a month: Exceptional above 5 %, Healthy from 2 %, "Below 2 %" under it.</summary>
    public static BandWord ExpansionRate(decimal? rate, ExpansionRateThresholds? thresholds = null)
    {
        var t = thresholds ?? ExpansionRateThresholds.Default;
        return rate switch
        {
            null => BandWord.None,
            var r when r > t.Exceptional => new("Exceptional", Severity.Good),
            var r when r >= t.HealthyLow => new("Healthy", Severity.Good),
            _ => new(string.Create(CultureInfo.CurrentCulture, $"Below {t.HealthyLow:0.#} %"), Severity.Watch),
        };
    }

    /// <summary>Coverage: On track, Watch, Alert, Target met, No target.</summary>
    public static BandWord Coverage(CoverageBand band) => Band.Describe(band);

    /// <summary>Health: Green, Yellow, Red.</summary>
    public static BandWord Health(HealthBand band) => Band.Describe(band);

    /// <summary>The score range of a health band in words: "≥ 70", "40 to under 70", "&lt; 40" with the default bands.</summary>
    public static string HealthRange(HealthBand band, HealthThresholds? thresholds = null)
    {
        var t = thresholds ?? HealthThresholds.Default;
        return band switch
        {
            HealthBand.Green => string.Create(CultureInfo.CurrentCulture, $"≥ {t.Green:0.#}"),
            HealthBand.Yellow => string.Create(CultureInfo.CurrentCulture, $"{t.Yellow:0.#} to under {t.Green:0.#}"),
            _ => string.Create(CultureInfo.CurrentCulture, $"< {t.Yellow:0.#}"),
        };
    }

    /// <summary>Red-health share: "Above 15 %" (watch) over the alert line, nothing to say under it.</summary>
    public static BandWord RedHealthShare(decimal? share, decimal alertLine = Defaults.RedHealthShareAlert) =>
        share > alertLine ? new(string.Create(CultureInfo.CurrentCulture, $"Above {alertLine:0.#} %"), Severity.Watch) : BandWord.None;

    /// <summary>Quick ratio: good from 1 (gains cover losses), watch below.</summary>
    public static BandWord QuickRatio(decimal? ratio) => ratio switch
    {
        null => BandWord.None,
        >= 1m => new(null, Severity.Good),
        _ => new(null, Severity.Watch),
    };

    /// <summary>Expansion maturity: "Stage n of 5", good from stage 3.</summary>
    public static BandWord Maturity(int stage) => new(string.Create(CultureInfo.InvariantCulture, $"Stage {stage} of 5"), stage >= 3 ? Severity.Good : Severity.Watch);
}
