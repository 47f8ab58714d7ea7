namespace ExpansionDashboard.Data.Planner;

/// <summary>What the data says for a quarter and segment: the planner's starting point.</summary>
public sealed record PlannerBaseline(Quarter Quarter, string? Segment, decimal Target, decimal ClosedWon, decimal OpenPipeline, int OpenDeals, decimal? WinRate, int WinRateQuarters)
{
    /// <summary>The win rate the sliders start from: the measured one, else 1 ÷ the on-track multiple (a 3.0x line implies 33 %).</summary>
    public decimal StartingWinRate(CoverageThresholds thresholds) =>
        WinRate ?? Math.Round(100m / Math.Max(1m, (thresholds ?? CoverageThresholds.Default).OnTrack), 1);
}

/// <summary>A saved scenario with what it implies against today's closed won and open pipeline.</summary>
public sealed record ScenarioView(int Id, string Name, Quarter Quarter, string? Segment, decimal Target, decimal WinRate, decimal ExtraPipeline, bool ShowInReview, string CreatedBy, DateTime CreatedUtc, PlannerBaseline Baseline, PlanResult Result);

/// <summary>A scenario to save.</summary>
public sealed record ScenarioInput(string Name, Quarter Quarter, string? Segment, decimal Target, decimal WinRate, decimal ExtraPipeline, bool ShowInReview = true);
