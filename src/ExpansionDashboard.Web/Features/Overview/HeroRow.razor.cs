using ExpansionDashboard.Metrics.Pipeline;

namespace ExpansionDashboard.Web.Features.Overview;

public partial class HeroRow
{
    [Parameter, EditorRequired]
    public OverviewView View { get; set; } = default!;

    [Parameter]
    public string Currency { get; set; } = "USD";

    /// <summary>The multiple the pipeline still needed is measured to (the admin's on-track setting).</summary>
    [Parameter]
    public decimal OnTrack { get; set; } = Metrics.Defaults.CoverageOnTrack;

    /// <summary>The filtered segment, highlighted among the expansion bars.</summary>
    [Parameter]
    public string? Segment { get; set; }

    /// <summary>"alert" or "watch" when a stored rule fires for the NRR figure in this view.</summary>
    [Parameter]
    public string? NrrFiring { get; set; }

    /// <summary>"alert" or "watch" when a stored rule fires for coverage in this view.</summary>
    [Parameter]
    public string? CoverageFiring { get; set; }

    private string? CoverageText => View.CompanyCoverage.Band switch
    {
        CoverageBand.TargetMet => "Target met",
        CoverageBand.NoTarget => "No target",
        _ => null,
    };

    private string Needed
    {
        get
        {
            var c = View.CompanyCoverage;
            if (c.Band is CoverageBand.NoTarget)
            {
                return "Set this quarter's expansion target to measure coverage.";
            }

            if (c.Band is CoverageBand.TargetMet)
            {
                return $"Closed won {Format.Money(c.ClosedWon, Currency)} of the {Format.Money(c.Target, Currency)} target.";
            }

            var shortfall = c.ShortfallTo(OnTrack);
            return shortfall > 0
                ? $"Needs {Format.Money(shortfall, Currency)} more pipeline to reach {Format.Multiple(OnTrack)} · open {Format.Money(c.OpenPipeline, Currency)} for {Format.Money(c.RemainingTarget, Currency)} still to win"
                : $"On track: open {Format.Money(c.OpenPipeline, Currency)} for {Format.Money(c.RemainingTarget, Currency)} still to win";
        }
    }
}
