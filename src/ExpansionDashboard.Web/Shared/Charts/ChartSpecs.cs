using ExpansionDashboard.Metrics.Pipeline;
using ExpansionDashboard.Metrics.Retention;

namespace ExpansionDashboard.Web.Shared.Charts;

/// <summary>Pure builders from metric results to chart specs; colours follow the severity palette.</summary>
public static class ChartSpecs
{
    public const string Good = DashboardPalette.Good;
    public const string Watch = DashboardPalette.Watch;
    public const string Alert = DashboardPalette.Alert;
    public const string Primary = DashboardPalette.Primary;
    public const string Neutral = DashboardPalette.Neutral;

    public static ChartSpec MrrTrend(IReadOnlyList<TrendPoint> points, string currency) => new(
        Type: "area",
        Series: [new ChartSeries("MRR", points.Select(p => p.Value).ToList())],
        Categories: points.Select(p => p.Month.ToString()).ToList(),
        Format: ChartFormats.Money,
        Height: 280,
        Title: "MRR by month",
        Colors: [Primary],
        Currency: currency,
        Description: "Monthly recurring revenue over the last 24 months");

    public static ChartSpec NrrTrend(IReadOnlyList<TrendPoint> points, NrrThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(thresholds);
        var values = points.Select(p => p.Value is { } v ? Math.Round(v, 2) : (decimal?)null).ToList();
        var (min, max) = PaddedRange(values);
        return new ChartSpec(
            Type: "line",
            Series: [new ChartSeries("NRR (T12M)", values)],
            Categories: points.Select(p => p.Month.ToString()).ToList(),
            Format: ChartFormats.Percent,
            Height: 280,
            Title: "Trailing-12-month NRR",
            Colors: [Primary],
            Bands: NrrBands(thresholds, min, max),
            Description: "Trailing-twelve-month net revenue retention with benchmark bands",
            YMin: min,
            YMax: max);
    }

    /// <summary>The NRR benchmark bands clipped to the visible axis range, so every band in view is drawn.</summary>
    public static IReadOnlyList<ChartBand> NrrBands(NrrThresholds thresholds, decimal min, decimal max)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var bands = new[]
        {
            new ChartBand(thresholds.WorldClass, decimal.MaxValue, Good, "World class ≥ " + thresholds.WorldClass.ToString("0", CultureInfo.InvariantCulture) + " %"),
            new ChartBand(thresholds.Strong, thresholds.WorldClass, DashboardPalette.StrongBand, "Strong"),
            new ChartBand(thresholds.NeedsImprovement, thresholds.Strong, Watch, "Needs improvement"),
            new ChartBand(decimal.MinValue, thresholds.NeedsImprovement, Alert, "Critical < " + thresholds.NeedsImprovement.ToString("0", CultureInfo.InvariantCulture) + " %"),
        };
        return bands.Where(b => b.To > min && b.From < max)
            .Select(b => b with { From = Math.Max(b.From, min), To = Math.Min(b.To, max) })
            .ToList();
    }

    /// <summary>The data's range widened by 2 points (percentage points) each side and rounded outwards.</summary>
    public static (decimal Min, decimal Max) PaddedRange(IEnumerable<decimal?> values)
    {
        var present = values.Where(v => v.HasValue).Select(v => v!.Value).ToList();
        if (present.Count == 0)
        {
            return (0m, 100m);
        }

        return (Math.Floor(present.Min() - 2m), Math.Ceiling(present.Max() + 2m));
    }

    /// <summary>MRR movements per month as stacked bars: gains above zero, contraction and churn below.</summary>
    public static ChartSpec Movements(IReadOnlyList<Metrics.Movements.MonthMovements> months, string currency)
    {
        ArgumentNullException.ThrowIfNull(months);
        List<decimal?> Pick(Func<Metrics.Movements.MonthMovements, decimal> f) => months.Select(m => (decimal?)Math.Round(f(m), 2)).ToList();

        // FX gets a series only when exchange rates moved something: a single-currency book keeps its five movements.
        var hasFx = months.Any(m => m.Fx != 0m);
        return new ChartSpec(
            Type: "bar",
            Series:
            [
                new ChartSeries("New", Pick(m => m.New)),
                new ChartSeries("Reactivation", Pick(m => m.Reactivation)),
                new ChartSeries("Expansion", Pick(m => m.Expansion)),
                new ChartSeries("Contraction", Pick(m => m.Contraction)),
                new ChartSeries("Churn", Pick(m => m.Churn)),
                .. hasFx ? new[] { new ChartSeries("FX", Pick(m => m.Fx)) } : [],
            ],
            Categories: months.Select(m => m.Month.ToString()).ToList(),
            Format: ChartFormats.Money,
            Height: 340,
            Title: "MRR movements by month",
            Colors: hasFx ? [Primary, DashboardPalette.Secondary, Good, Watch, Alert, DashboardPalette.Fx] : [Primary, DashboardPalette.Secondary, Good, Watch, Alert],
            Currency: currency,
            Stacked: true,
            Description: hasFx
                ? "New, reactivation, expansion, contraction and churn MRR per month at constant currency, and the FX movement exchange rates made"
                : "New, reactivation, expansion, contraction and churn MRR per month");
    }

    /// <summary>Open pipeline amount per stage, in funnel order, with the count in each category label.</summary>
    public static ChartSpec PipelineByStage(IReadOnlyList<StageSummary> stages, string currency)
    {
        ArgumentNullException.ThrowIfNull(stages);
        return new ChartSpec(
            Type: "bar",
            Series: [new ChartSeries("Open pipeline (ARR)", stages.Select(s => (decimal?)Math.Round(s.Amount, 2)).ToList())],
            Categories: stages.Select(s => StageNames.Of(s.Stage)).ToList(),
            Format: ChartFormats.Money,
            Height: 260,
            Title: "Open pipeline by stage (click a bar for its opportunities)",
            Colors: [Primary],
            Currency: currency,
            Description: "Open expansion pipeline amount per stage");
    }

    /// <summary>The backtest: the forecast made at each quarter's start beside what the quarter brought.</summary>
    public static ChartSpec Backtest(Metrics.Forecast.BacktestSeries series, string currency)
    {
        ArgumentNullException.ThrowIfNull(series);
        return new ChartSpec(
            Type: "bar",
            Series:
            [
                new ChartSeries("Forecast at quarter start", series.Quarters.Select(q => (decimal?)Math.Round(q.Forecast, 0)).ToList()),
                new ChartSeries("Actual", series.Quarters.Select(q => (decimal?)Math.Round(q.Actual, 0)).ToList()),
            ],
            Categories: series.Quarters.Select(q => q.ErrorPercent is { } e ? $"{q.Quarter} ({e.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture)} %)" : q.Quarter.ToString()).ToList(),
            Format: ChartFormats.Money,
            Height: 300,
            Title: $"Backtest · {series.Segment}: forecast vs actual expansion ARR (error in brackets)",
            Colors: [Neutral, Primary],
            Currency: currency,
            Description: "Expansion ARR forecast at the start of each closed quarter against the actual, per quarter");
    }

    /// <summary>What a quarter's forecast is made of, per segment, stacked.</summary>
    public static ChartSpec ForecastComposition(Metrics.Forecast.ForecastResult forecast, string currency)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        List<decimal?> Pick(Func<Metrics.Forecast.ForecastRow, decimal> f) => forecast.Segments.Select(r => (decimal?)Math.Round(f(r), 0)).ToList();
        return new ChartSpec(
            Type: "bar",
            Series:
            [
                new ChartSeries("Booked", Pick(r => r.Booked)),
                new ChartSeries("Weighted pipeline", Pick(r => r.WeightedPipeline)),
                new ChartSeries("Deals not yet created", Pick(r => r.NewDealRunRate)),
                new ChartSeries("Untracked (usage, seats)", Pick(r => r.UntrackedRunRate)),
            ],
            Categories: forecast.Segments.Select(r => r.Segment).ToList(),
            Format: ChartFormats.Money,
            Height: 280,
            Title: $"Forecast {forecast.Quarter} by segment: what it is made of",
            Colors: [Good, Primary, DashboardPalette.Secondary, Watch],
            Currency: currency,
            Stacked: true,
            Description: $"Expansion ARR forecast for {forecast.Quarter} per segment, split into booked, weighted pipeline and run-rates");
    }

    /// <summary>The stage funnel per motion: the share of closed deals that reached each stage.</summary>
    public static ChartSpec MotionFunnel(IReadOnlyList<MotionStats> motions)
    {
        ArgumentNullException.ThrowIfNull(motions);
        var stages = Enum.GetValues<OpportunityStage>().Where(s => s != OpportunityStage.ClosedLost).ToList();
        return new ChartSpec(
            Type: "bar",
            Series: motions.Select(m => new ChartSeries(StageNames.Of(m.Motion), m.Funnel.Select(f => m.FunnelDeals > 0 ? (decimal?)Math.Round((decimal)f.Reached / m.FunnelDeals * 100m, 1) : null).ToList())).ToList(),
            Categories: stages.Select(StageNames.Of).ToList(),
            Format: ChartFormats.Percent,
            Height: 300,
            Title: "Stage funnel: share of closed deals that reached each stage",
            Colors: [Primary, DashboardPalette.Secondary, Good, Watch],
            Description: "Per motion, the percentage of closed deals that reached each stage up to Closed Won",
            YMin: 0,
            YMax: 100);
    }

    /// <summary>Line-level expansion MRR by type per month, stacked (gross increases; the account-level total is what NRR uses).</summary>
    public static ChartSpec ExpansionByType(IReadOnlyList<Metrics.Movements.MonthMovements> months, string currency)
    {
        ArgumentNullException.ThrowIfNull(months);
        List<decimal?> Pick(Func<Metrics.Movements.ExpansionByType, decimal> f) => months.Select(m => (decimal?)Math.Round(f(m.ExpansionByType), 2)).ToList();
        return new ChartSpec(
            Type: "bar",
            Series:
            [
                new ChartSeries("Upsell", Pick(e => e.Upsell)),
                new ChartSeries("Cross-sell", Pick(e => e.CrossSell)),
                new ChartSeries("Seats", Pick(e => e.Seats)),
                new ChartSeries("Usage", Pick(e => e.Usage)),
            ],
            Categories: months.Select(m => m.Month.ToString()).ToList(),
            Format: ChartFormats.Money,
            Height: 320,
            Title: "Expansion MRR by type (click a bar for its accounts)",
            Colors: [Primary, DashboardPalette.Secondary, Good, Watch],
            Currency: currency,
            Stacked: true,
            Description: "Upsell, cross-sell, seat and usage expansion MRR per month");
    }

    /// <summary>Monthly expansion rate per segment with the healthy 2–4 % band shaded.</summary>
    public static ChartSpec ExpansionRateBySegment(IReadOnlyList<string> months, IReadOnlyList<(string Segment, IReadOnlyList<decimal?> Rates)> segments, decimal healthyLow = Metrics.Defaults.ExpansionRateHealthyLow, decimal healthyHigh = Metrics.Defaults.ExpansionRateHealthyHigh)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var series = segments.Select(s => new ChartSeries(s.Segment, s.Rates.Select(r => r is { } v ? Math.Round(v, 2) : (decimal?)null).ToList())).ToList();
        var (min, max) = PaddedRange(series.SelectMany(s => s.Data).Append(healthyHigh).Append(0m));
        return new ChartSpec(
            Type: "line",
            Series: series,
            Categories: months,
            Format: ChartFormats.Percent,
            Height: 320,
            Title: "Expansion rate by segment (% of starting MRR per month)",
            Colors: [Primary, DashboardPalette.Secondary, Watch, Neutral, Alert],
            Bands: [new ChartBand(healthyLow, healthyHigh, Good, "Healthy 2–4 %")],
            Description: "Monthly expansion rate per segment with the healthy band",
            YMin: Math.Max(0m, min),
            YMax: max);
    }

    /// <summary>Average expansion per event per quarter, one line per slice (type, or segment).</summary>
    public static ChartSpec AveragePerEvent(string title, IReadOnlyList<string> quarters, IReadOnlyList<QuarterSeries> lines, string currency) => new(
        Type: "line",
        Series: lines.Select(l => new ChartSeries(l.Name, l.Values)).ToList(),
        Categories: quarters,
        Format: ChartFormats.Money,
        Height: 300,
        Title: title,
        Colors: [Primary, DashboardPalette.Secondary, Watch, Neutral, Alert],
        Currency: currency,
        Description: title);

    /// <summary>A 0–5x radial gauge for one coverage result, coloured by its band, labelled "3.2x" or "Target met".</summary>
    public static ChartSpec CoverageGauge(CoverageResult coverage, string title)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        var label = CoverageLabel(coverage);
        var value = coverage.Band == CoverageBand.TargetMet ? 5m : coverage.Coverage ?? 0m;
        return new ChartSpec(
            Type: "radialBar",
            Series: [new ChartSeries(title, [Math.Round(value, 2)])],
            Categories: [title],
            Format: ChartFormats.Multiple,
            Height: 240,
            Colors: [BandColor(coverage.Band)],
            Radial: new RadialSpec(5m, [label]),
            Description: $"{title} pipeline coverage {label}");
    }

    public static string CoverageLabel(CoverageResult coverage) => coverage.Band switch
    {
        CoverageBand.TargetMet => "Target met",
        CoverageBand.NoTarget => "No target",
        _ => string.Create(CultureInfo.CurrentCulture, $"{coverage.Coverage ?? 0m:0.0}x"),
    };

    public static string BandColor(CoverageBand band) => band switch
    {
        CoverageBand.OnTrack or CoverageBand.TargetMet => Good,
        CoverageBand.Watch => Watch,
        CoverageBand.Alert => Alert,
        _ => Neutral,
    };
}
