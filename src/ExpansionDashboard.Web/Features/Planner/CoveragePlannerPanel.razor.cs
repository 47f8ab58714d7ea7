using ExpansionDashboard.Metrics.Pipeline;
using MetricSeverity = ExpansionDashboard.Metrics.Bands.Severity;

namespace ExpansionDashboard.Web.Features.Planner;

public partial class CoveragePlannerPanel
{
    private string? _baselineKey;

    /// <summary>What the data says for the chosen quarter and segment.</summary>
    [Parameter, EditorRequired]
    public PlannerBaseline Baseline { get; set; } = default!;

    [Parameter]
    public CoverageThresholds Thresholds { get; set; } = CoverageThresholds.Default;

    [Parameter]
    public string Currency { get; set; } = "USD";

    /// <summary>Values to start from instead of the data's (a saved scenario).</summary>
    [Parameter]
    public PlanInputs? Start { get; set; }

    /// <summary>Raised with the inputs after every change, so a page can save them.</summary>
    [Parameter]
    public EventCallback<PlanInputs> OnChange { get; set; }

    public decimal Target { get; private set; }

    public decimal WinRate { get; private set; }

    public decimal Extra { get; private set; }

    private PlanResult Result => CoveragePlanner.Compute(new PlanInputs(Target, Baseline.ClosedWon, Baseline.OpenPipeline, Extra, WinRate), Thresholds);

    private MetricSeverity Severity => CoverageThresholds.SeverityOf(Result.Band);

    private string CoverageText => Result.Band switch
    {
        CoverageBand.TargetMet => "Target met",
        CoverageBand.NoTarget => "No target",
        _ => Format.Multiple(Result.Coverage),
    };

    private Color BandColor => DashboardPalette.MudColour(Severity);

    private string BandIcon => DashboardPalette.Icon(Severity);

    private decimal TargetMax => Nice(Math.Max(Math.Max(Baseline.Target, Baseline.ClosedWon) * 2m, Math.Max(Target, 10_000m)));

    private decimal TargetStep => Math.Max(1m, Nice(TargetMax / 200m));

    private decimal ExtraMax => Nice(Math.Max(Math.Max(Thresholds.OnTrack * Math.Max(0m, Target - Baseline.ClosedWon) * 1.5m, Baseline.OpenPipeline), Math.Max(Extra, 10_000m)));

    private decimal ExtraStep => Math.Max(1m, Nice(ExtraMax / 200m));

    protected override void OnParametersSet()
    {
        var key = $"{Baseline.Quarter}|{Baseline.Segment}|{Baseline.Target}|{Baseline.ClosedWon}|{Baseline.OpenPipeline}|{Start}";
        if (key != _baselineKey)
        {
            _baselineKey = key;
            Apply(Start);
        }
    }

    /// <summary>The values the sliders start from: a saved scenario's, else the data's (win rate in whole percent, 1–100).</summary>
    public static PlanInputs Initial(PlannerBaseline baseline, CoverageThresholds thresholds, PlanInputs? start)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var winRate = Math.Clamp(Math.Round(start?.WinRate ?? baseline.StartingWinRate(thresholds), 0), 1m, 100m);
        return new PlanInputs(start?.Target ?? baseline.Target, baseline.ClosedWon, baseline.OpenPipeline, start?.ExtraPipeline ?? 0m, winRate);
    }

    private void Apply(PlanInputs? start)
    {
        var initial = Initial(Baseline, Thresholds, start);
        Target = initial.Target;
        WinRate = initial.WinRate;
        Extra = initial.ExtraPipeline;
    }

    private Task SetTarget(decimal value)
    {
        Target = Math.Max(0m, value);
        return Changed();
    }

    private Task SetWinRate(decimal value)
    {
        WinRate = Math.Clamp(value, 1m, 100m);
        return Changed();
    }

    private Task SetExtra(decimal value)
    {
        Extra = Math.Max(0m, value);
        return Changed();
    }

    private Task Reset()
    {
        Apply(null);
        return Changed();
    }

    private Task Changed() => OnChange.InvokeAsync(new PlanInputs(Target, Baseline.ClosedWon, Baseline.OpenPipeline, Extra, WinRate));

    /// <summary>Rounds up to 1, 2 or 5 × a power of ten, so slider ends and steps are round numbers.</summary>
    private static decimal Nice(decimal value)
    {
        if (value <= 0)
        {
            return 1m;
        }

        var power = 1m;
        while (power * 10m <= value)
        {
            power *= 10m;
        }

        foreach (var m in new[] { 1m, 2m, 5m, 10m })
        {
            if (m * power >= value)
            {
                return m * power;
            }
        }

        return 10m * power;
    }
}
