using ExpansionDashboard.Metrics;

namespace ExpansionDashboard.Data.Settings;

/// <summary>The thresholds admins can edit; defaults from the metric contract.</summary>
public sealed record ThresholdSettings(
    decimal CoverageAlert = Defaults.CoverageAlert,
    decimal CoverageOnTrack = Defaults.CoverageOnTrack,
    decimal NrrWorldClass = Defaults.NrrWorldClass,
    decimal NrrStrong = Defaults.NrrStrong,
    decimal NrrNeedsImprovement = Defaults.NrrNeedsImprovement)
{
    public static ThresholdSettings Default { get; } = new();

    /// <summary>Segment NRR benchmark bands; null means the contract's defaults (<see cref="Defaults.SegmentNrrBands"/>).</summary>
    public IReadOnlyList<SegmentNrrBand>? SegmentBands { get; init; }

    /// <summary>The bands in force.</summary>
    public IReadOnlyList<SegmentNrrBand> NrrBands => SegmentBands ?? SegmentNrrBands.Default;

    public CoverageThresholds Coverage => new(CoverageOnTrack, CoverageAlert);

    public NrrThresholds Nrr => new(NrrWorldClass, NrrStrong, NrrNeedsImprovement);

    /// <summary>Field → message for every rule the values break (empty when valid).</summary>
    public IReadOnlyDictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>();
        if (CoverageAlert <= 0)
        {
            errors[nameof(CoverageAlert)] = "The alert line must be above 0x.";
        }

        if (CoverageOnTrack <= CoverageAlert)
        {
            errors[nameof(CoverageOnTrack)] = "On track must be above the alert line (the watch band lies between them).";
        }

        if (CoverageOnTrack > 20)
        {
            errors[nameof(CoverageOnTrack)] = "On track above 20x is not a sensible coverage target.";
        }

        if (NrrNeedsImprovement <= 0)
        {
            errors[nameof(NrrNeedsImprovement)] = "Must be above 0 %.";
        }

        if (NrrStrong <= NrrNeedsImprovement)
        {
            errors[nameof(NrrStrong)] = "Strong must be above needs improvement.";
        }

        if (NrrWorldClass <= NrrStrong)
        {
            errors[nameof(NrrWorldClass)] = "World class must be above strong.";
        }

        var bandErrors = SegmentNrrBands.Validate(NrrBands);
        if (bandErrors.Count > 0)
        {
            errors[nameof(SegmentBands)] = string.Join(" ", bandErrors);
        }

        return errors;
    }
}

/// <summary>
/// Reads and saves threshold settings (StoreMeta); saving bumps the settings version, so every view re-judges its
/// values with them while the metric model (keyed by the data version) stays loaded.
/// </summary>
public sealed class ThresholdStore(IDbContextFactory<DashboardDbContext> factory)
{
    internal static readonly JsonSetting<ThresholdSettings> Setting = new("thresholds", ThresholdSettings.Default, "thresholds.edit", "thresholds");

    public Task<ThresholdSettings> GetAsync(CancellationToken ct = default) => Setting.GetAsync(factory, ct);

    internal static Task<ThresholdSettings> ReadAsync(DashboardDbContext db, CancellationToken ct) => Setting.ReadAsync(db, ct);

    public Task SaveAsync(ThresholdSettings settings, CancellationToken ct = default) => SaveAsync(settings, "system", ct);

    /// <summary>Saves valid thresholds and audits the change as <paramref name="actor"/> with the values before and after.</summary>
    public async Task SaveAsync(ThresholdSettings settings, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = settings.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors.Values), nameof(settings));
        }

        await Setting.SaveAsync(factory, settings, actor, ct);
    }
}
