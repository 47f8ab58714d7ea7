using ExpansionDashboard.Metrics.Pipeline;
using ExpansionDashboard.Metrics.Retention;

namespace ExpansionDashboard.Web.Shared.Charts;

/// <summary>
/// Pure builders from metric results to chart specs: series colours from the one category palette, bands from the
/// severity palette, axes on round values (<see cref="NiceScale"/>).
/// </summary>
public static class ChartSpecs
{
    public const string Good = DashboardPalette.Good;
    public const string Watch = DashboardPalette.Watch;
    public const string Alert = DashboardPalette.Alert;
    public const string Primary = DashboardPalette.Primary;
    public const string Neutral = DashboardPalette.Neutral;

    /// <summary>Each series' colour from the one category palette, so a segment or deal type reads the same on every chart.</summary>
    public static IReadOnlyList<string> Colours(IEnumerable<ChartSeries> series) =>
        DashboardPalette.Categorical.Of(series.Select(s => s.Name));

    /// <summary>The spec drawn on <paramref name="scale"/>: round ends and an exact tick count.</summary>
    public static ChartSpec OnScale(ChartSpec spec, AxisScale scale)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(scale);
        return spec with { YMin = scale.Min, YMax = scale.Max, TickAmount = scale.TickAmount, AxisDecimals = scale.Decimals };
    }

    /// <summary>A money axis from zero (or below, for losses) to a round amount: 0, 1M, 2M …</summary>
    public static AxisScale MoneyScale(IReadOnlyList<ChartSeries> series, bool stacked = false)
    {
        ArgumentNullException.ThrowIfNull(series);
        return NiceScale.For(stacked ? NiceScale.StackedExtremes(series) : series.SelectMany(s => s.Data), includeZero: true);
    }

    /// <summary>A percentage axis on whole percentages (96 / 98 / 100 / 102 %), a point of room either side of the data.</summary>
    public static AxisScale PercentScale(IEnumerable<decimal?> values, bool includeZero = false, decimal padding = 1m) =>
        NiceScale.For(values, includeZero, minStep: 1m, padding: padding);

    /// <summary>
    /// A chart of amounts: each series in its category colour, on a money axis from zero to a round amount (stacked
    /// bars: from the lowest to the highest stack).
    /// </summary>
    public static ChartSpec MoneyChart(string type, IReadOnlyList<ChartSeries> series, IReadOnlyList<string> categories, int height, string? title, string currency, string description, bool stacked = false) =>
        OnScale(new ChartSpec(type, series, categories, ChartFormats.Money, height, title, Colours(series), Currency: currency, Stacked: stacked, Description: description), MoneyScale(series, stacked));

    /// <summary>One series per named part of the rows (a month's movements, a forecast's components), rounded to <paramref name="decimals"/>.</summary>
    private static List<ChartSeries> Parts<T>(IEnumerable<T> rows, int decimals, params (string Name, Func<T, decimal> Value)[] parts) =>
        parts.Select(p => new ChartSeries(p.Name, rows.Select(r => (decimal?)Math.Round(p.Value(r), decimals)).ToList())).ToList();

    public static ChartSpec MrrTrend(IReadOnlyList<TrendPoint> points, string currency)
    {
        ArgumentNullException.ThrowIfNull(points);
        ChartSeries[] series = [new ChartSeries("MRR", points.Select(p => p.Value).ToList())];
        return MoneyChart("area", series, points.Select(p => p.Month.ToString()).ToList(), height: 280, title: "MRR by month", currency,
            description: "Monthly recurring revenue over the last 24 months");
    }

    public static ChartSpec NrrTrend(IReadOnlyList<TrendPoint> points, NrrThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(thresholds);
        var values = points.Select(p => p.Value is { } v ? Math.Round(v, 2) : (decimal?)null).ToList();
        return NrrLine("NRR (T12M)", "Trailing-12-month NRR", values, points.Select(p => p.Month.ToString()).ToList(), thresholds, 280,
            "Trailing-twelve-month net revenue retention with benchmark bands");
    }

    /// <summary>One NRR series on whole percentages with the benchmark bands behind it: the only chart that gets them.</summary>
    public static ChartSpec NrrLine(string name, string title, IReadOnlyList<decimal?> values, IReadOnlyList<string> months, NrrThresholds thresholds, int height, string description)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        ChartSeries[] series = [new ChartSeries(name, values)];
        var scale = PercentScale(values);
        return OnScale(new ChartSpec(
            Type: "line",
            Series: series,
            Categories: months,
            Format: ChartFormats.Percent,
            Height: height,
            Title: title,
            Colors: Colours(series),
            Bands: NrrBands(thresholds, scale.Min, scale.Max),
            Description: description), scale);
    }

    /// <summary>The NRR benchmark bands clipped to the visible axis range, so every band in view is drawn.</summary>
    public static IReadOnlyList<ChartBand> NrrBands(NrrThresholds thresholds, decimal min, decimal max)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        static string P(decimal v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        var bands = new[]
        {
            new ChartBand(thresholds.WorldClass, decimal.MaxValue, Good, $"World class ≥ {P(thresholds.WorldClass)} %"),
            new ChartBand(thresholds.Strong, thresholds.WorldClass, DashboardPalette.StrongBand, $"Strong {P(thresholds.Strong)}–{P(thresholds.WorldClass)} %"),
            new ChartBand(thresholds.NeedsImprovement, thresholds.Strong, Watch, $"Needs improvement {P(thresholds.NeedsImprovement)}–{P(thresholds.Strong)} %"),
            new ChartBand(decimal.MinValue, thresholds.NeedsImprovement, Alert, $"Critical < {P(thresholds.NeedsImprovement)} %"),
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

        // FX gets a series only when exchange rates moved something: a single-currency book keeps its five movements.
        var hasFx = months.Any(m => m.Fx != 0m);
        IReadOnlyList<ChartSeries> series =
        [
            .. Parts(months, 2, ("New", m => m.New), ("Reactivation", m => m.Reactivation), ("Expansion", m => m.Expansion), ("Contraction", m => m.Contraction), ("Churn", m => m.Churn)),
            .. hasFx ? Parts(months, 2, ("FX", m => m.Fx)) : [],
        ];
        return MoneyChart("bar", series, months.Select(m => m.Month.ToString()).ToList(), height: 340, title: "MRR movements by month", currency, stacked: true,
            description: hasFx
                ? "New, reactivation, expansion, contraction and churn MRR per month at constant currency, and the FX movement exchange rates made"
                : "New, reactivation, expansion, contraction and churn MRR per month");
    }

    /// <summary>Open pipeline amount per stage, in funnel order, with the count in each category label.</summary>
    public static ChartSpec PipelineByStage(IReadOnlyList<StageSummary> stages, string currency)
    {
        ArgumentNullException.ThrowIfNull(stages);
        ChartSeries[] series = [new ChartSeries("Open pipeline (ARR)", stages.Select(s => (decimal?)Math.Round(s.Amount, 2)).ToList())];
        // No title: the page's card heading names it (with the quarters); a second title in the chart would repeat it.
        return MoneyChart("bar", series, stages.Select(s => StageNames.Of(s.Stage)).ToList(), height: 260, title: null, currency,
            description: "Open expansion pipeline amount per stage; click a bar for its opportunities");
    }

    /// <summary>The backtest: the forecast made at each quarter's start beside what the quarter brought.</summary>
    public static ChartSpec Backtest(Metrics.Forecast.BacktestSeries series, string currency)
    {
        ArgumentNullException.ThrowIfNull(series);
        ChartSeries[] lines =
        [
            new ChartSeries("Forecast at quarter start", series.Quarters.Select(q => (decimal?)Math.Round(q.Forecast, 0)).ToList()),
            new ChartSeries("Actual", series.Quarters.Select(q => (decimal?)Math.Round(q.Actual, 0)).ToList()),
        ];
        var quarters = series.Quarters.Select(q => q.ErrorPercent is { } e ? $"{q.Quarter} ({e.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture)} %)" : q.Quarter.ToString()).ToList();
        return MoneyChart("bar", lines, quarters, height: 300, title: $"Backtest · {series.Segment}: forecast vs actual expansion ARR (error in brackets)", currency,
            description: "Expansion ARR forecast at the start of each closed quarter against the actual, per quarter");
    }

    /// <summary>What a quarter's forecast is made of, per segment, stacked.</summary>
    public static ChartSpec ForecastComposition(Metrics.Forecast.ForecastResult forecast, string currency)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        var series = Parts(forecast.Segments, 0,
            ("Booked", r => r.Booked), ("Weighted pipeline", r => r.WeightedPipeline), ("Deals not yet created", r => r.NewDealRunRate), ("Untracked (usage, seats)", r => r.UntrackedRunRate));
        return MoneyChart("bar", series, forecast.Segments.Select(r => r.Segment).ToList(), height: 280, title: $"Forecast {forecast.Quarter} by segment: what it is made of", currency, stacked: true,
            description: $"Expansion ARR forecast for {forecast.Quarter} per segment, split into booked, weighted pipeline and run-rates");
    }

    /// <summary>The stage funnel per motion: the share of closed deals that reached each stage.</summary>
    public static ChartSpec MotionFunnel(IReadOnlyList<MotionStats> motions)
    {
        ArgumentNullException.ThrowIfNull(motions);
        var stages = Enum.GetValues<OpportunityStage>().Where(s => s != OpportunityStage.ClosedLost).ToList();
        var series = motions.Select(m => new ChartSeries(StageNames.Of(m.Motion), m.Funnel.Select(f => m.FunnelDeals > 0 ? (decimal?)Math.Round((decimal)f.Reached / m.FunnelDeals * 100m, 1) : null).ToList())).ToList();
        return OnScale(new ChartSpec(
            Type: "bar",
            Series: series,
            Categories: stages.Select(StageNames.Of).ToList(),
            Format: ChartFormats.Percent,
            Height: 300,
            Title: "Stage funnel: share of closed deals that reached each stage",
            Colors: Colours(series),
            Description: "Per motion, the percentage of closed deals that reached each stage up to Closed Won"), new AxisScale(0m, 100m, 20m));
    }

    /// <summary>Line-level expansion MRR by type per month, stacked (gross increases; the account-level total is what NRR uses).</summary>
    public static ChartSpec ExpansionByType(IReadOnlyList<Metrics.Movements.MonthMovements> months, string currency)
    {
        ArgumentNullException.ThrowIfNull(months);
        var series = Parts(months.Select(m => m.ExpansionByType), 2,
            ("Upsell", e => e.Upsell), ("Cross-sell", e => e.CrossSell), ("Seats", e => e.Seats), ("Usage", e => e.Usage));
        return MoneyChart("bar", series, months.Select(m => m.Month.ToString()).ToList(), height: 320, title: "Expansion MRR by type (click a bar for its accounts)", currency, stacked: true,
            description: "Upsell, cross-sell, seat and usage expansion MRR per month");
    }

    /// <summary>Monthly expansion rate per segment with the healthy 2–4 % band shaded.</summary>
    public static ChartSpec ExpansionRateBySegment(IReadOnlyList<string> months, IReadOnlyList<(string Segment, IReadOnlyList<decimal?> Rates)> segments, decimal healthyLow = Metrics.Defaults.ExpansionRateHealthyLow, decimal healthyHigh = Metrics.Defaults.ExpansionRateHealthyHigh)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var series = segments.Select(s => new ChartSeries(s.Segment, s.Rates.Select(r => r is { } v ? Math.Round(v, 2) : (decimal?)null).ToList())).ToList();
        var scale = PercentScale(series.SelectMany(s => s.Data).Append(healthyHigh), includeZero: true, padding: 0m);
        static string P(decimal v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        return OnScale(new ChartSpec(
            Type: "line",
            Series: series,
            Categories: months,
            Format: ChartFormats.Percent,
            Height: 320,
            Title: "Expansion rate by segment (% of starting MRR per month)",
            Colors: Colours(series),
            Bands: [new ChartBand(healthyLow, healthyHigh, Good, $"Healthy {P(healthyLow)}–{P(healthyHigh)} %")],
            Description: "Monthly expansion rate per segment with the healthy band"), scale);
    }

    /// <summary>Average expansion per event per quarter, one line per slice (type, or segment).</summary>
    public static ChartSpec AveragePerEvent(string title, IReadOnlyList<string> quarters, IReadOnlyList<QuarterSeries> lines, string currency)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var series = lines.Select(l => new ChartSeries(l.Name, l.Values)).ToList();
        return MoneyChart("line", series, quarters, height: 300, title: title, currency, description: title);
    }

    /// <summary>An account's MRR per product per month, stacked; each product keeps its colour on every account.</summary>
    public static ChartSpec MrrByProduct(IReadOnlyList<string> months, IReadOnlyList<(string Product, IReadOnlyList<decimal?> Mrr)> products, string currency)
    {
        ArgumentNullException.ThrowIfNull(products);
        var series = products.Select(p => new ChartSeries(p.Product, p.Mrr)).ToList();
        return MoneyChart("bar", series, months, height: 320, title: "MRR by product", currency, stacked: true,
            description: "This account's monthly recurring revenue per product");
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
